import type { Trede } from './types';

/** The Participatieladder (SPEC §2.1), in order: index + 1 is the trede. */
export const LADDER: ReadonlyArray<{ trede: Trede; name: string }> = [
  { trede: 1, name: 'Geïsoleerd' },
  { trede: 2, name: 'Sociale contacten buitenshuis' },
  { trede: 3, name: 'Deelname aan georganiseerde activiteiten' },
  { trede: 4, name: 'Onbetaald werk' },
  { trede: 5, name: 'Betaald werk met ondersteuning' },
  { trede: 6, name: 'Betaald werk' },
];

export const TREDEN: readonly Trede[] = LADDER.map((step) => step.trede);

/** Narrows anything that came over the wire (JSON, a stored snapshot) to a trede. */
export function isTrede(value: unknown): value is Trede {
  return typeof value === 'number' && Number.isInteger(value) && value >= 1 && value <= 6;
}

export function tredeName(trede: Trede): string {
  return LADDER[trede - 1]?.name ?? String(trede);
}
