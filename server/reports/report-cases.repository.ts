import type { Connection } from 'mongoose';
import type { CatalogueCode, MachineId, Trede, TrajectoryStateKey } from '../../machines';
import {
  caseReportModel,
  caseReportRecordOf,
  type CaseReportDocument,
} from '../case-store/case-report.repository';
import { caseModel } from '../case-store/case.model';
import { archivedHistories } from '../case-store/trajectory-archive.repository';
import { decodeHistory, type StoredHistoryItem } from '../case-store/stored-history';

/**
 * The case data that the indicators and billing reduce, as a cursor: one case at a time, with only
 * the fields reports need (no names, client numbers, BSNs, snapshots or idempotency records), in
 * small batches — a period's cases are never all in memory (docs/reporting.md). The indicators
 * read the report documents (`case_reports`, decision 046: no contacts); billing, which reports
 * contact minutes, reads the cases.
 *
 * The filter is equality on top-level fields (orgId, opdrachtgeverId, teamId): the only conditions
 * FerretDB v1 pushes down to SQLite; everything else is decided in the reducers.
 */
export interface ReportHistoryEntry {
  type: string;
  occurredAt: Date;
  fromState: TrajectoryStateKey | null;
  toState: TrajectoryStateKey;
  payload: Record<string, unknown>;
  flags: string[];
}

export interface ReportTrajectory {
  id: string;
  product: CatalogueCode;
  machineId: MachineId;
  previousTrajectoryId: string | null;
  followUpTrajectoryId: string | null;
  closedAt: Date | null;
  summary: { registeredAt: Date };
  history: ReportHistoryEntry[];
}

export interface ReportLadderEntry {
  from: Trede | null;
  to: Trede;
  at: Date;
  teamId: string;
  product: CatalogueCode | null;
}

export interface ReportCase {
  caseId: string;
  teamId: string;
  /** The case's current begeleider (a breakdown per begeleider; never a name). */
  begeleiderId: string;
  opdrachtgeverId: string | null;
  /** Moves to another opdrachtgever, oldest first (decision 031); billing splits on them. */
  opdrachtgeverMoves: Array<{ from: string | null; to: string; at: Date }>;
  ladder: ReportLadderEntry[];
  /** Closed trajectories in order, then the open one. */
  trajectories: ReportTrajectory[];
}

export interface ReportScope {
  orgId: string;
  /** null: every team of the organisation (beleid) */
  teamIds: string[] | null;
  opdrachtgeverId?: string;
  /** The case's (current) begeleider: a teamleider's per-begeleider view. */
  begeleiderId?: string;
  /** The filtered opdrachtgever is the default: cases stored before opdrachtgevers belong to it. */
  includeUnassigned?: boolean;
}

const TRAJECTORY_FIELDS = [
  'id',
  'product',
  'machineId',
  'previousTrajectoryId',
  'followUpTrajectoryId',
  'closedAt',
  'summary.registeredAt',
  'history.type',
  'history.occurredAt',
  'history.fromState',
  'history.toState',
  'history.payload',
  'history.flags',
];

interface RawTrajectory extends Omit<ReportTrajectory, 'history'> {
  history?: ReportHistoryEntry[];
  /** Closed trajectories: their history is in the archive (decision 064). */
  archiveId?: string;
}

/** How many cases billing reads and completes from the archive at a time. */
const BATCH = 50;

/** A case document with only the projected fields. */
interface RawReportCase {
  _id: unknown;
  teamId: string;
  begeleiderId: string;
  opdrachtgeverId?: string | null;
  opdrachtgeverMoves?: ReportCase['opdrachtgeverMoves'];
  ladder?: ReportLadderEntry[];
  openTrajectory?: (Omit<RawTrajectory, 'history'> & { history?: StoredHistoryItem[] }) | null;
  closedTrajectories?: RawTrajectory[];
}

/** Equality on the scope's top-level fields, the same in `cases` and `case_reports`. */
function scopeFilter(scope: ReportScope): Record<string, unknown> {
  const filter: Record<string, unknown> = { orgId: scope.orgId };
  if (scope.teamIds) filter.teamId = { $in: scope.teamIds };
  if (scope.begeleiderId) filter.begeleiderId = scope.begeleiderId;
  if (scope.opdrachtgeverId) {
    filter.opdrachtgeverId = scope.includeUnassigned
      ? { $in: [scope.opdrachtgeverId, null] }
      : scope.opdrachtgeverId;
  }
  return filter;
}

/**
 * The indicators' cases from the report read model (decision 046): one small document per case,
 * the same records streamReportCases gives, without contacts. The caller repairs pending report
 * writes first (repairPendingReports).
 */
export async function* streamCaseReports(
  db: Connection,
  scope: ReportScope,
): AsyncGenerator<ReportCase> {
  const cursor = caseReportModel(db)
    .collection.find(scopeFilter(scope), { projection: { fingerprint: 0 } })
    .sort({ _id: 1 })
    .batchSize(50);
  try {
    for await (const doc of cursor) {
      const {
        orgId: _org,
        caseVersion: _version,
        ...record
      } = caseReportRecordOf(doc as unknown as CaseReportDocument);
      yield record;
    }
  } finally {
    await cursor.close();
  }
}

/** Billing: the cases themselves (contact minutes are not in the report documents). */
export async function* streamReportCases(
  db: Connection,
  scope: ReportScope,
  options: {
    ladder: boolean;
    trajectories: boolean;
    /** Billing: with an opdrachtgever filter, also the cases moved away from it (decision 031). */
    movedAway?: boolean;
  },
): AsyncGenerator<ReportCase> {
  const filter: Record<string, unknown> = { orgId: scope.orgId };
  if (scope.teamIds) filter.teamId = { $in: scope.teamIds };
  if (scope.begeleiderId) filter.begeleiderId = scope.begeleiderId;
  if (scope.opdrachtgeverId) {
    const current = scope.includeUnassigned
      ? { $in: [scope.opdrachtgeverId, null] }
      : scope.opdrachtgeverId;
    if (options.movedAway) {
      filter.$or = [
        { opdrachtgeverId: current },
        { 'opdrachtgeverMoves.from': scope.opdrachtgeverId },
      ];
    } else filter.opdrachtgeverId = current;
  }
  const projection: Record<string, 1> = {
    teamId: 1,
    begeleiderId: 1,
    opdrachtgeverId: 1,
    'opdrachtgeverMoves.from': 1,
    'opdrachtgeverMoves.to': 1,
    'opdrachtgeverMoves.at': 1,
  };
  if (options.ladder) {
    for (const field of ['from', 'to', 'at', 'teamId', 'product'])
      projection[`ladder.${field}`] = 1;
  }
  if (options.trajectories) {
    for (const field of TRAJECTORY_FIELDS) {
      if (!field.startsWith('history.')) projection[`openTrajectory.${field}`] = 1;
      projection[`closedTrajectories.${field}`] = 1;
    }
    // The open one's entries are texts (decision 067): a path inside them selects nothing.
    projection['openTrajectory.history'] = 1;
    projection['closedTrajectories.archiveId'] = 1;
  }
  const historyFields = TRAJECTORY_FIELDS.filter((field) => field.startsWith('history.'));
  const cursor = caseModel(db)
    .find(filter, projection)
    .sort({ _id: 1 })
    .batchSize(BATCH)
    .lean<RawReportCase[]>()
    .cursor();
  const complete = async (docs: RawReportCase[]): Promise<ReportCase[]> => {
    const archived = options.trajectories
      ? await archivedHistories<ReportHistoryEntry>(
          db,
          docs.flatMap((doc) => (doc.closedTrajectories ?? []).flatMap((t) => t.archiveId ?? [])),
          historyFields,
        )
      : new Map<string, ReportHistoryEntry[]>();
    return docs.map((doc) => {
      const closed = (doc.closedTrajectories ?? []).map(({ archiveId, ...trajectory }) => ({
        ...trajectory,
        history: archiveId ? archived.get(archiveId) : trajectory.history,
      }));
      const open = doc.openTrajectory && {
        ...doc.openTrajectory,
        history: decodeHistory(doc.openTrajectory.history),
      };
      return {
        caseId: String(doc._id),
        teamId: doc.teamId,
        begeleiderId: doc.begeleiderId,
        opdrachtgeverId: doc.opdrachtgeverId ?? null,
        opdrachtgeverMoves: doc.opdrachtgeverMoves ?? [],
        ladder: doc.ladder ?? [],
        trajectories: [...closed, ...(open ? [open] : [])].map((trajectory) => ({
          ...trajectory,
          history: trajectory.history ?? [],
        })),
      };
    });
  };
  try {
    let batch: RawReportCase[] = [];
    for await (const doc of cursor as AsyncIterable<RawReportCase>) {
      batch.push(doc);
      if (batch.length < BATCH) continue;
      yield* await complete(batch);
      batch = [];
    }
    if (batch.length) yield* await complete(batch);
  } finally {
    await cursor.close();
  }
}

/**
 * The ladder matrix (every transition in [start, end), by from → to) computed in the database
 * over the report documents (decision 046):
 * $match, $unwind, $match, $group — stages FerretDB v1 supports. On FerretDB the $group runs in
 * its own process, not in SQLite, but only counts leave it (docs/reporting.md).
 */
export async function ladderMatrixInDatabase(
  db: Connection,
  scope: ReportScope,
  start: Date,
  end: Date,
): Promise<Array<{ from: number; to: number; count: number }>> {
  const caseFilter = scopeFilter(scope);
  const entryFilter: Record<string, unknown> = {
    'ladder.at': { $gte: start, $lt: end },
    'ladder.from': { $ne: null },
  };
  const rows = await caseReportModel(db)
    .aggregate<{ _id: { from: number; to: number }; count: number }>([
      { $match: caseFilter },
      { $unwind: '$ladder' },
      { $match: entryFilter },
      { $group: { _id: { from: '$ladder.from', to: '$ladder.to' }, count: { $sum: 1 } } },
    ])
    .exec();
  return rows
    .map((row) => ({ from: row._id.from, to: row._id.to, count: row.count }))
    .sort((a, b) => a.from - b.from || a.to - b.to);
}
