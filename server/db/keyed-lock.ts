/**
 * Serialises async work per key within this process. Used where FerretDB v1's read-modify-replace
 * updates (see cases/case-lock.ts) or a check-then-write must not interleave within one process.
 */
const tails = new Map<string, Promise<unknown>>();

export function withKeyedLock<T>(key: string, work: () => Promise<T>): Promise<T> {
  const previous = tails.get(key) ?? Promise.resolve();
  const next = previous.then(work, work);
  const tail = next.catch(() => undefined);
  tails.set(key, tail);
  void tail.then(() => {
    if (tails.get(key) === tail) tails.delete(key);
  });
  return next;
}
