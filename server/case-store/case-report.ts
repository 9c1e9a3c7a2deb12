import type { CatalogueCode, MachineId, Trede, TrajectoryStateKey } from '../../machines';
import type {
  CaseRecord,
  CaseWithHistories,
  StoredHistoryEntry,
  TrajectoryRecord,
} from './case.types';

/**
 * The report read model of a case (decision 046): exactly what the transitions export and the
 * indicators (server/reports/indicators.ts, care-days.ts) reduce, without the contacts, names,
 * client numbers, BSNs, snapshots and idempotency records that make a three-year case ~12 KiB.
 * Stored in `case_reports` (one document per case, same `_id`), with the scope fields top-level
 * for the pushed-down equality (decision 022).
 *
 * What is left out of a trajectory's history: RECORD_CONTACT entries that did not change the
 * state. No indicator counts contacts, and for the "in care" spans such an entry only splits a
 * span in two at an instant between its neighbours (the engine refuses an event dated before the
 * previous one), which covers the same days. Billing reports contact minutes and therefore still
 * reads the cases; with contacts here every RECORD_CONTACT would rewrite this document too.
 */
export interface CaseReportLadderEntry {
  from: Trede | null;
  to: Trede;
  at: Date;
  teamId: string;
  product: CatalogueCode | null;
  reason: 'intake' | 'assessment' | 'conclusion';
}

export interface CaseReportHistoryEntry {
  type: StoredHistoryEntry['type'];
  occurredAt: Date;
  fromState: TrajectoryStateKey | null;
  toState: TrajectoryStateKey;
  /** Only what the indicators read: a close's `outcome`, a conclusion's `route` (strings). */
  payload: Record<string, unknown>;
  flags: string[];
}

export interface CaseReportTrajectory {
  id: string;
  product: CatalogueCode;
  machineId: MachineId;
  previousTrajectoryId: string | null;
  followUpTrajectoryId: string | null;
  closedAt: Date | null;
  summary: { registeredAt: Date };
  history: CaseReportHistoryEntry[];
}

export interface CaseReportRecord {
  caseId: string;
  orgId: string;
  teamId: string;
  opdrachtgeverId: string | null;
  begeleiderId: string;
  /** The case's version this document was computed from: a write never replaces a newer one. */
  caseVersion: number;
  opdrachtgeverMoves: Array<{ from: string | null; to: string; at: Date }>;
  ladder: CaseReportLadderEntry[];
  /** Closed trajectories in order, then the open one. */
  trajectories: CaseReportTrajectory[];
}

/** Bumped when caseReportOf changes what it keeps: every stored document is then rebuilt. */
export const CASE_REPORT_FORMAT = 1;

const REPORTED_PAYLOAD_FIELDS = ['outcome', 'route'] as const;

function historyEntryOf(entry: StoredHistoryEntry): CaseReportHistoryEntry {
  const payload: Record<string, unknown> = {};
  for (const field of REPORTED_PAYLOAD_FIELDS) {
    const value = entry.payload?.[field];
    if (typeof value === 'string') payload[field] = value;
  }
  return {
    type: entry.type,
    occurredAt: entry.occurredAt,
    fromState: entry.fromState ?? null,
    toState: entry.toState,
    payload,
    flags: entry.flags ?? [],
  };
}

/** A contact that left the state as it was: nothing any report reads (see above). */
function isReported(entry: StoredHistoryEntry): boolean {
  return !(entry.type === 'RECORD_CONTACT' && entry.fromState === entry.toState);
}

function trajectoryOf(trajectory: TrajectoryRecord): CaseReportTrajectory {
  return {
    id: trajectory.id,
    product: trajectory.product,
    machineId: trajectory.machineId,
    previousTrajectoryId: trajectory.previousTrajectoryId ?? null,
    followUpTrajectoryId: trajectory.followUpTrajectoryId ?? null,
    closedAt: trajectory.closedAt ?? null,
    summary: { registeredAt: trajectory.summary.registeredAt },
    history: trajectory.history.filter(isReported).map(historyEntryOf),
  };
}

/** Pure: the report document of `record` as it is now. */
export function caseReportOf(record: CaseWithHistories): CaseReportRecord {
  const open = record.openTrajectory;
  return {
    caseId: record.id,
    orgId: record.orgId,
    teamId: record.teamId,
    opdrachtgeverId: record.opdrachtgeverId ?? null,
    begeleiderId: record.begeleiderId,
    caseVersion: record.version,
    opdrachtgeverMoves: (record.opdrachtgeverMoves ?? []).map((move) => ({
      from: move.from ?? null,
      to: move.to,
      at: move.at,
    })),
    ladder: record.ladder.map((entry) => ({
      from: entry.from,
      to: entry.to,
      at: entry.at,
      teamId: entry.teamId,
      product: entry.product ?? null,
      reason: entry.reason,
    })),
    trajectories: [...record.closedTrajectories, ...(open ? [open] : [])].map(trajectoryOf),
  };
}

const sameInstant = (a: Date | null | undefined, b: Date | null | undefined): boolean =>
  (a ?? null) === (b ?? null) || (!!a && !!b && a.getTime() === b.getTime());

/**
 * True when `after` can only report what `before` does because the write appended contacts that no
 * report reads to the open trajectory and left every other input of caseReportOf as it was — the
 * common event, told without serialising three years of both cases (decision 063). False says
 * nothing: compare the contents then.
 */
export function onlyUnreportedEntriesAdded(before: CaseRecord, after: CaseRecord): boolean {
  const open = before.openTrajectory;
  const next = after.openTrajectory;
  return (
    !!open &&
    !!next &&
    after.closedTrajectories === before.closedTrajectories &&
    after.ladder === before.ladder &&
    after.opdrachtgeverMoves === before.opdrachtgeverMoves &&
    after.orgId === before.orgId &&
    after.teamId === before.teamId &&
    (after.opdrachtgeverId ?? null) === (before.opdrachtgeverId ?? null) &&
    after.begeleiderId === before.begeleiderId &&
    next.id === open.id &&
    next.product === open.product &&
    next.machineId === open.machineId &&
    (next.previousTrajectoryId ?? null) === (open.previousTrajectoryId ?? null) &&
    (next.followUpTrajectoryId ?? null) === (open.followUpTrajectoryId ?? null) &&
    sameInstant(next.closedAt, open.closedAt) &&
    sameInstant(next.summary.registeredAt, open.summary.registeredAt) &&
    next.history.length >= open.history.length &&
    open.history.every((entry, index) => next.history[index] === entry) &&
    next.history.slice(open.history.length).every((entry) => !isReported(entry))
  );
}

/**
 * What a report document says, as one string (its case version left out): two cases with the
 * same content give the same string, so writeCase skips the write when an event (a contact)
 * changes nothing a report reads, and the start-up pass finds stale documents.
 */
export function caseReportContent(report: CaseReportRecord): string {
  const { caseVersion: _version, ...content } = report;
  return JSON.stringify([CASE_REPORT_FORMAT, content]);
}
