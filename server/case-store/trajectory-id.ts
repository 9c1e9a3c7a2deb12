import { OBJECT_ID_HEX } from '../ids';

/**
 * A trajectory id is `<caseId>-<n>`: the n-th trajectory of that case. A trajectory never leaves
 * its case, so the id can carry it, and finding a trajectory's case is a lookup by `_id` — the one
 * lookup FerretDB's SQLite backend serves from an index (a query on `openTrajectory.id` decoded
 * every case: bench/RESULTS.md). Clients treat ids as opaque strings (docs/api.md).
 */
const TRAJECTORY_ID = new RegExp(`^(${OBJECT_ID_HEX})-([1-9][0-9]{0,5})$`);

export function trajectoryIdFor(caseId: string, sequence: number): string {
  return `${caseId}-${sequence}`;
}

/** The next trajectory's id for a case with these trajectories (open or closed). */
export function nextTrajectoryId(record: {
  id: string;
  openTrajectory: unknown;
  closedTrajectories: unknown[];
}): string {
  return trajectoryIdFor(
    record.id,
    record.closedTrajectories.length + (record.openTrajectory ? 1 : 0) + 1,
  );
}

export function caseIdOfTrajectory(trajectoryId: string): string | null {
  return TRAJECTORY_ID.exec(trajectoryId)?.[1] ?? null;
}
