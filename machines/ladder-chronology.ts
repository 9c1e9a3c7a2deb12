import { latest, normalizeInstant } from './calendar';

/**
 * SPEC §2.3 "the ladder is always in date order": no event may be dated, and no trajectory
 * registered, before the case's latest ladder entry or before the previous trajectory's close.
 * The server hands the engine this floor as `notBefore` (decision 009); with every new entry at or
 * after it, the ladder stays sorted by date and its latest entry is the current trede.
 */
export function chronologyFloor(input: {
  /** `at` of every ladder entry of the case (intake, assessments, conclusions). */
  ladderDates: readonly string[];
  /** When the case's previous trajectories closed (null for none). */
  closedAt: ReadonlyArray<string | null>;
}): string | null {
  let floor: string | null = null;
  for (const value of [...input.ladderDates, ...input.closedAt]) {
    const instant = value === null ? null : normalizeInstant(value);
    if (instant !== null) floor = floor === null ? instant : latest(floor, instant);
  }
  return floor;
}
