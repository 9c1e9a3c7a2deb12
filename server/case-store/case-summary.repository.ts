import { createHash } from 'node:crypto';
import { Schema, Types, type Connection, type mongo } from 'mongoose';
import { insertForNewCases, upsertUnlessNewer } from './read-model.repository';
import { GroupCommit, groupCommitPer } from '../db/group-commit';
import { ensureSchemaIndexes } from '../db/indexes';
import { modelFor } from '../db/model';
import { scopedTeamFilter } from './case-scope-filter';
import type { CaseSummaryRecord } from './case-summary';
import type { ProductCode, TrajectoryStateKey, Trede } from '../../machines';
import type { CaseScope, StoredSummary } from './case.types';

/**
 * The `case_summaries` collection (decision 026): one small flat document per case, written after
 * every case write and rebuilt from the cases when missing or stale (case-summary-sync.ts). The
 * dashboard, caseloads, forecast and sweeper read it instead of decoding whole case documents.
 */
const SUMMARY_FIELDS = [
  'product',
  'machineId',
  'state',
  'stateEnteredAt',
  'registeredAt',
  'startedAt',
  'deadlineAt',
  'targetTrede',
  'currentTrede',
  'lastActivityAt',
  'relapseAt',
  'growthAt',
  'lastAssessedAt',
  'lastEventAt',
  'outcome',
] as const satisfies ReadonlyArray<keyof StoredSummary>;

/** The stored document: every field top-level; the trajectory's fields are null without one. */
type SummaryDocument = {
  _id: Types.ObjectId;
  orgId: string;
  teamId: string;
  opdrachtgeverId: string | null;
  begeleiderId: string;
  clientNumber: string;
  displayName: string;
  caseTrede: Trede;
  version: number;
  trajectoryId: string | null;
  trajectoryProduct: string | null;
  sweepDueAt: Date | null;
  /**
   * Always true: written after the case's audit outbox was copied to `audit` (decision 040). A
   * summary without it (written before that rule) is stale, so the start-up reconciliation copies
   * that case's outbox before trusting it.
   */
  auditCopied: boolean;
  signalFrom: Date | null;
} & { [K in keyof StoredSummary]: StoredSummary[K] | null };

const FIELDS = [
  'orgId',
  'teamId',
  'opdrachtgeverId',
  'begeleiderId',
  'clientNumber',
  'displayName',
  'caseTrede',
  'version',
  'trajectoryId',
  'trajectoryProduct',
  'sweepDueAt',
  'auditCopied',
  'signalFrom',
  ...SUMMARY_FIELDS,
] as const;

// No validation or casting on this path (written by the raw driver); the schema declares the
// indexes: the dashboard and caseloads of a team (sorted by client number), a begeleider's
// forecast, and the sweeper's due scan across organisations.
const summarySchema = new Schema<SummaryDocument>(
  {},
  { collection: 'case_summaries', strict: false, versionKey: false },
);
summarySchema.index({ orgId: 1, teamId: 1, clientNumber: 1 });
summarySchema.index({ orgId: 1, teamId: 1, begeleiderId: 1 });
// Date ranges are indexed on the expression the embedded engine's range pushdown compares
// (decision 043); a new name, because an index of the same name built before that is kept as it was.
summarySchema.index({ sweepDueAt: 1 }, { name: 'sweepDueAt_range' });
summarySchema.index(
  { orgId: 1, teamId: 1, signalFrom: 1 },
  { name: 'orgId_teamId_signalFrom_range' },
);

/**
 * On FerretDB, which sorts in memory and narrows by the equalities on orgId and teamId alone
 * (decision 022), the client-number order serves nothing `{orgId, teamId, begeleiderId}` does not;
 * SQLite would recompute its three JSON expressions on every summary write (decision 066).
 */
export const MONGODB_ONLY_SUMMARY_INDEXES: ReadonlyArray<Record<string, 1>> = [
  { orgId: 1, teamId: 1, clientNumber: 1 },
];

function model(db: Connection) {
  return modelFor<SummaryDocument>(db, 'CaseSummary', summarySchema);
}

export async function ensureCaseSummaryIndexes(db: Connection): Promise<void> {
  // Built before decision 043 on `->` (JSON text): the range pushdown cannot use it.
  await model(db)
    .collection.dropIndex('sweepDueAt_1')
    .catch(() => undefined); // absent on a new database: nothing to drop
  await ensureSchemaIndexes(db, model(db), { mongoDbOnly: MONGODB_ONLY_SUMMARY_INDEXES });
}

function toDocument(record: CaseSummaryRecord): Omit<SummaryDocument, '_id'> {
  const { open } = record;
  const summary = Object.fromEntries(
    SUMMARY_FIELDS.map((field) => [field, open ? open.summary[field] : null]),
  ) as { [K in keyof StoredSummary]: StoredSummary[K] | null };
  return {
    orgId: record.orgId,
    teamId: record.teamId,
    opdrachtgeverId: record.opdrachtgeverId,
    begeleiderId: record.begeleiderId,
    clientNumber: record.clientNumber,
    displayName: record.displayName,
    caseTrede: record.currentTrede,
    version: record.caseVersion,
    trajectoryId: open?.trajectoryId ?? null,
    trajectoryProduct: open?.product ?? null,
    sweepDueAt: open?.sweepDueAt ?? null,
    auditCopied: true,
    signalFrom: open?.signalFrom ?? null,
    ...summary,
  };
}

/** A stored summary document as a record (also for tests that read the collection directly). */
export function summaryRecordOf(stored: Record<string, unknown>): CaseSummaryRecord {
  const doc = stored as unknown as SummaryDocument;
  return {
    caseId: doc._id.toHexString(),
    orgId: doc.orgId,
    teamId: doc.teamId,
    opdrachtgeverId: doc.opdrachtgeverId ?? null,
    begeleiderId: doc.begeleiderId,
    clientNumber: doc.clientNumber,
    displayName: doc.displayName,
    currentTrede: doc.caseTrede,
    caseVersion: doc.version,
    open: doc.trajectoryId
      ? {
          trajectoryId: doc.trajectoryId,
          product: doc.trajectoryProduct as NonNullable<CaseSummaryRecord['open']>['product'],
          sweepDueAt: doc.sweepDueAt ?? null,
          signalFrom: doc.signalFrom ?? null,
          summary: Object.fromEntries(
            SUMMARY_FIELDS.map((field) => [field, doc[field] ?? null]),
          ) as unknown as StoredSummary,
        }
      : null,
  };
}

/**
 * Upserts each summary unless the stored one comes from a newer case version: the filter
 * `version ≤ mine` misses a newer document, the upsert then collides on `_id`, and that
 * duplicate-key refusal is the intended "a late writer never overwrites a newer summary".
 */
export async function writeCaseSummaries(
  db: Connection,
  records: CaseSummaryRecord[],
): Promise<void> {
  await upsertUnlessNewer(collectionOf(db), records.map(entryOf), 'set');
}

/**
 * One summary after a case write, grouped with the summaries of concurrent events into one bulk
 * write (server/db/group-commit.ts); a summary refused for a newer one costs the others nothing
 * (upsertUnlessNewer).
 */
export function writeCaseSummaryGrouped(db: Connection, record: CaseSummaryRecord): Promise<void> {
  return summaryWrites(db).add([record]);
}

const summaryWrites = groupCommitPer(
  (db: Connection) =>
    new GroupCommit<CaseSummaryRecord>((records) =>
      upsertUnlessNewer(collectionOf(db), records.map(entryOf), 'set'),
    ),
);

/** The summaries of cases just inserted (read-model.repository.ts insertForNewCases). */
export async function insertCaseSummaries(
  db: Connection,
  records: CaseSummaryRecord[],
): Promise<void> {
  await insertForNewCases(collectionOf(db), records.map(entryOf));
}

function collectionOf(db: Connection) {
  return model(db).collection as unknown as mongo.Collection;
}

function entryOf(record: CaseSummaryRecord) {
  return { caseId: record.caseId, caseVersion: record.caseVersion, document: toDocument(record) };
}

export interface OpenSummaryFilter {
  teamId?: string;
  begeleiderId?: string;
  opdrachtgeverId?: string;
  /** Conditions on the summary's top-level fields (signals/signal-filters.ts without a prefix). */
  summaryFilter?: Record<string, unknown>;
  /** Only summaries that can be signalled by then (`signalFrom ≤`, decision 044): index range. */
  signalFromAtMost?: Date;
}

/** Cases with an open trajectory within the scope, by client number. */
export async function findOpenCaseSummaries(
  db: Connection,
  scope: CaseScope,
  filter: OpenSummaryFilter,
): Promise<CaseSummaryRecord[]> {
  const scoped = scopedTeamFilter(scope, filter.teamId);
  if (!scoped) return [];
  const query: Record<string, unknown> = { ...scoped, trajectoryId: { $ne: null } };
  if (filter.begeleiderId) query.begeleiderId = filter.begeleiderId;
  if (filter.opdrachtgeverId) query.opdrachtgeverId = filter.opdrachtgeverId;
  if (filter.signalFromAtMost) query.signalFrom = { $lte: filter.signalFromAtMost };
  if (filter.summaryFilter && Object.keys(filter.summaryFilter).length)
    query.$and = [filter.summaryFilter];
  const docs = await model(db).collection.find(query).sort({ clientNumber: 1 }).toArray();
  return docs.map(summaryRecordOf);
}

/**
 * System read for the sweeper: every case whose open trajectory has a deadline due at `now`,
 * oldest first, in one query (ids only; FerretDB sorts them in its memory).
 */
export async function findDueCaseIds(db: Connection, now: Date): Promise<string[]> {
  const docs = await model(db)
    .collection.find({ sweepDueAt: { $lte: now } }, { projection: { _id: 1, sweepDueAt: 1 } })
    .sort({ sweepDueAt: 1 })
    .toArray();
  return docs.map((doc) => String(doc._id));
}

/** A fingerprint of what a summary says, independent of the stored field order. */
function fingerprint(doc: Omit<SummaryDocument, '_id'>): string {
  const values = FIELDS.map((field) => {
    const value = doc[field] ?? null;
    return value instanceof Date ? value.toISOString() : value;
  });
  return createHash('sha1').update(JSON.stringify(values)).digest('base64');
}

export function fingerprintOf(record: CaseSummaryRecord): string {
  return fingerprint(toDocument(record));
}

/**
 * The stored summaries' fingerprints by case id — of every summary, or of the listed cases (an
 * `_id` list the embedded engine pushes down) — which the start-up reconciliation compares.
 */
export async function caseSummaryFingerprints(
  db: Connection,
  caseIds?: string[],
): Promise<Map<string, string>> {
  const fingerprints = new Map<string, string>();
  const filter = caseIds ? { _id: { $in: caseIds.map((id) => new Types.ObjectId(id)) } } : {};
  for await (const doc of model(db).collection.find(filter))
    fingerprints.set(String(doc._id), fingerprint(doc as unknown as SummaryDocument));
  return fingerprints;
}

export async function deleteCaseSummaries(db: Connection, caseIds: string[]): Promise<void> {
  for (let start = 0; start < caseIds.length; start += 500)
    await model(db).collection.deleteMany({
      _id: { $in: caseIds.slice(start, start + 500).map((id) => new Types.ObjectId(id)) },
    });
}

export interface CaseListFilter {
  teamId?: string;
  opdrachtgeverId?: string;
  begeleiderId?: string;
  /** A trajectory state, or 'none' for cases without an open trajectory. */
  state?: TrajectoryStateKey | 'none';
  /** Extra conditions on the summary's top-level fields (signals/signal-filters.ts, 'summaries'). */
  summaryFilter?: Record<string, unknown>;
  /** clientNumber prefix or displayName fragment, case-insensitive. */
  q?: string;
  product?: ProductCode;
  /** 'deadline': nearest deadlineAt first, cases without a deadline after them. */
  sort?: 'clientNumber' | 'deadline';
  skip: number;
  limit: number;
}

function escapeRegex(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * One page of GET /cases from the summaries: a list shows a case's name, number, trede and open
 * trajectory, never its history, so it does not decode three years of contacts per row.
 */
export async function findCaseSummariesPage(
  db: Connection,
  scope: CaseScope,
  filter: CaseListFilter,
): Promise<{ items: CaseSummaryRecord[]; total: number }> {
  const scoped = scopedTeamFilter(scope, filter.teamId);
  if (!scoped) return { items: [], total: 0 };
  const query: Record<string, unknown> = scoped;
  const and: Record<string, unknown>[] = [];
  if (filter.begeleiderId) query.begeleiderId = filter.begeleiderId;
  if (filter.opdrachtgeverId) query.opdrachtgeverId = filter.opdrachtgeverId;
  if (filter.state === 'none') query.trajectoryId = null;
  else if (filter.state) query.state = filter.state;
  if (filter.product) query.trajectoryProduct = filter.product;
  if (filter.summaryFilter) and.push(filter.summaryFilter);
  if (filter.q) {
    const q = escapeRegex(filter.q);
    and.push({
      $or: [
        { clientNumber: { $regex: `^${q}`, $options: 'i' } },
        { displayName: { $regex: q, $options: 'i' } },
      ],
    });
  }
  if (and.length) query.$and = and;
  const collection = model(db).collection;
  const page = async (
    condition: Record<string, unknown>,
    sort: Record<string, 1>,
    skip: number,
    limit: number,
  ) =>
    limit > 0
      ? (await collection.find(condition).sort(sort).skip(skip).limit(limit).toArray()).map(
          summaryRecordOf,
        )
      : [];
  if (filter.sort !== 'deadline') {
    const [items, total] = await Promise.all([
      page(query, { clientNumber: 1 }, filter.skip, filter.limit),
      collection.countDocuments(query),
    ]);
    return { items, total };
  }
  // Nearest deadline first. An ascending sort puts null before every date in MongoDB's order, and
  // FerretDB v1 lacks the stages to change that, so the list is read as two segments — with a
  // deadline (by deadline), then without (by client number) — and a page may straddle them.
  const withDeadline = { $and: [query, { deadlineAt: { $ne: null } }] };
  const withoutDeadline = { $and: [query, { deadlineAt: null }] };
  const [dated, total] = await Promise.all([
    collection.countDocuments(withDeadline),
    collection.countDocuments(query),
  ]);
  const first =
    filter.skip < dated
      ? await page(withDeadline, { deadlineAt: 1, clientNumber: 1 }, filter.skip, filter.limit)
      : [];
  const rest = await page(
    withoutDeadline,
    { clientNumber: 1 },
    Math.max(0, filter.skip - dated),
    filter.limit - first.length,
  );
  return { items: [...first, ...rest], total };
}
