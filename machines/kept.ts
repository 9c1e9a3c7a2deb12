/**
 * Bounded memory for pure functions the engine and the signals call with the same few arguments:
 * up to ANSWERS_KEPT answers by the key of their arguments; the map is emptied when full rather
 * than aged.
 */
const ANSWERS_KEPT = 10_000;

export function keptBy<A extends unknown[], T>(
  keyOf: (...args: A) => string,
  compute: (...args: A) => T,
): (...args: A) => T {
  const kept = new Map<string, T>();
  return (...args) => {
    const key = keyOf(...args);
    if (kept.has(key)) return kept.get(key) as T;
    if (kept.size >= ANSWERS_KEPT) kept.clear();
    const answer = compute(...args);
    kept.set(key, answer);
    return answer;
  };
}
