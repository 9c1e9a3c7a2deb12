import { Types, type Connection, type UpdateQuery } from 'mongoose';
import type { MachineId, ProductCode, TrajectoryStateKey } from '../../machines';
import { createIndexesOrWarn } from '../db/indexes';
import { isDuplicateKeyError } from '../db/duplicate-key';
import { isObjectId } from '../ids';
import { comparisonKey } from '../http/text';
import { caseIdOfTrajectory } from './trajectory-id';
import { caseModel, type CaseDocument } from './case.model';
import { dropSummaryCheckpoint } from './summary-checkpoint.repository';
import type { CaseRecord, CaseScope, TrajectoryRecord } from './case.types';
import { caseSummaryOf } from './case-summary';
import { insertCaseSummaries } from './case-summary.repository';
import { scopeFilter, scopedTeamFilter } from './case-scope-filter';

/**
 * The only code that touches the `cases` collection. Reads take a CaseScope that is always part of
 * the filter (SPEC §2.5); the sweeper's reads are named as system reads. Everything returned is a
 * plain object (lean), never a mongoose document.
 */
function model(db: Connection) {
  return caseModel(db);
}

export async function ensureCaseIndexes(db: Connection): Promise<void> {
  // Cases stored before client numbers were compared ignoring case get their key first.
  const missing = await model(db)
    .find({ clientNumberKey: { $exists: false } }, { clientNumber: 1 })
    .lean<Array<{ _id: Types.ObjectId; clientNumber: string }>>();
  for (const doc of missing)
    await model(db).updateOne(
      { _id: doc._id },
      { $set: { clientNumberKey: comparisonKey(doc.clientNumber) } },
    );
  await createIndexesOrWarn('cases', () => model(db).createIndexes());
  // Hole 15: BSNs stored before the mask was derived on read carried their last four digits.
  // The raw collection: the field is no longer in the schema, so mongoose would drop it (strict).
  await db
    .collection('cases')
    .updateMany({ 'bsn.last4': { $exists: true } }, { $unset: { 'bsn.last4': '' } });
}

function toRecord(doc: CaseDocument): CaseRecord {
  const { _id, clientNumberKey: _key, ...rest } = doc;
  return { ...rest, id: _id.toHexString() };
}

export class DuplicateClientNumberError extends Error {}

export async function insertCase(db: Connection, record: CaseRecord): Promise<void> {
  await insertCases(db, [record]);
}

/** Also used to seed many cases at once (demo data, tests); each record is complete and final. */
export async function insertCases(db: Connection, records: CaseRecord[]): Promise<void> {
  try {
    await model(db).insertMany(
      records.map(({ id, ...rest }) => ({
        ...rest,
        _id: new Types.ObjectId(id),
        clientNumberKey: comparisonKey(rest.clientNumber),
      })),
      { ordered: true },
    );
  } catch (error) {
    if (isDuplicateKeyError(error)) throw new DuplicateClientNumberError('clientNumber exists');
    throw error;
  }
  await insertCaseSummaries(db, records.map(caseSummaryOf)); // decision 026
}

/**
 * Bulk load of complete, engine-produced cases (the benchmark generator): unordered, so the engine
 * takes the batch as a whole, and lean, so mongoose neither hydrates nor re-validates what the
 * engine and the pure helpers built. Returns how many were inserted.
 */
export async function insertCasesBulk(db: Connection, records: CaseRecord[]): Promise<number> {
  await dropSummaryCheckpoint(db); // generated histories: updatedAt lies in the past (decision 045)
  const inserted = await model(db).insertMany(
    records.map(({ id, ...rest }) => ({ ...rest, _id: new Types.ObjectId(id) })),
    { ordered: false, lean: true },
  );
  await insertCaseSummaries(db, records.map(caseSummaryOf)); // decision 026
  return inserted.length;
}

function inScope(scope: CaseScope, doc: { orgId: string; teamId: string }): boolean {
  return doc.orgId === scope.orgId && scope.teamIds.includes(doc.teamId);
}

/**
 * One case by id, if it is in the scope. The filter is `{_id}` alone and the scope is checked on the
 * document: FerretDB v1's SQLite backend pushes down only a filter that is exactly `{_id}` and scans
 * the whole collection for anything else (backends/sqlite/collection.go), and an event's hot path
 * reads by id.
 */
export async function findCase(
  db: Connection,
  scope: CaseScope,
  caseId: string,
): Promise<CaseRecord | null> {
  if (!isObjectId(caseId)) return null;
  const doc = await model(db).findOne({ _id: caseId }).lean<CaseDocument>();
  return doc && inScope(scope, doc) ? toRecord(doc) : null;
}

/**
 * The case holding trajectory `trajectoryId` (open or closed), within the scope: one read by `_id`,
 * because a trajectory id carries its case id (trajectories/trajectory-id.ts).
 */
export async function findCaseOfTrajectory(
  db: Connection,
  scope: CaseScope,
  trajectoryId: string,
): Promise<CaseRecord | null> {
  const caseId = caseIdOfTrajectory(trajectoryId);
  const record = caseId ? await findCase(db, scope, caseId) : null;
  const holds =
    record &&
    (record.openTrajectory?.id === trajectoryId ||
      record.closedTrajectories.some((trajectory) => trajectory.id === trajectoryId));
  return holds ? record : null;
}

/**
 * The one write path after creation: applies `update` only if the case is still at `version`
 * (compare-and-set). False means someone else wrote first; nothing was changed.
 */
export type WriteConcurrency = 'auto' | 'compare-and-set';

/**
 * The filter of a write that must find the case still at `version`. On FerretDB ('auto') the
 * version condition would not be atomic anyway (see case-lock.ts: there the per-process case lock
 * guarantees it) and would turn an `_id` lookup into a collection scan.
 */
async function versionFilter(
  db: Connection,
  caseId: string,
  version: number,
  mode: WriteConcurrency,
): Promise<Record<string, unknown>> {
  return mode === 'auto' && (await isFerretDb(db)) ? { _id: caseId } : { _id: caseId, version };
}

export async function updateCaseIfVersion(
  db: Connection,
  caseId: string,
  version: number,
  update: UpdateQuery<CaseDocument>,
  mode: WriteConcurrency = 'auto',
): Promise<boolean> {
  const filter = await versionFilter(db, caseId, version, mode);
  const result = await model(db).updateOne(filter, update);
  return result.matchedCount === 1;
}

const same = (a: unknown, b: unknown): boolean => JSON.stringify(a) === JSON.stringify(b);

const SCALAR_FIELDS = [
  'teamId',
  'opdrachtgeverId',
  'begeleiderId',
  'clientNumber',
  'displayName',
  'bsn',
  'currentTrede',
  'lastAssessedAt',
  'version',
  'updatedAt',
] as const;

/**
 * The single-document update that turns `before` into `after`: $set for what changed and $push for
 * what was appended (ladder, history, closed trajectories), so an event is one atomic write
 * (SPEC §1: FerretDB v1 has no multi-document transactions; SPEC §6: no lost data).
 * Positional `$` updates are avoided on purpose (FerretDB v1 lacks them).
 */
export function updateFor(before: CaseRecord, after: CaseRecord): UpdateQuery<CaseDocument> {
  const $set: Record<string, unknown> = {};
  const $push: Record<string, { $each: unknown[] }> = {};
  for (const field of SCALAR_FIELDS)
    if (!same(before[field], after[field])) $set[field] = after[field];
  if (after.ladder.length > before.ladder.length)
    $push.ladder = { $each: after.ladder.slice(before.ladder.length) };
  const movesBefore = before.opdrachtgeverMoves ?? [];
  const movesAfter = after.opdrachtgeverMoves ?? [];
  if (movesAfter.length > movesBefore.length)
    $push.opdrachtgeverMoves = { $each: movesAfter.slice(movesBefore.length) };
  if (after.closedTrajectories.length > before.closedTrajectories.length) {
    $push.closedTrajectories = {
      $each: after.closedTrajectories.slice(before.closedTrajectories.length),
    };
  }
  if (!same(before.idempotency, after.idempotency)) $set.idempotency = after.idempotency;
  // Appended, never replaced: a flush that emptied the outbox meanwhile loses nothing (audit/outbox.ts).
  const outboxBefore = before.auditOutbox ?? [];
  const outboxAfter = after.auditOutbox ?? [];
  if (outboxAfter.length > outboxBefore.length)
    $push.auditOutbox = { $each: outboxAfter.slice(outboxBefore.length) };

  const open = before.openTrajectory;
  const next = after.openTrajectory;
  if (open && next && open.id === next.id) {
    for (const key of Object.keys(next) as Array<keyof TrajectoryRecord>) {
      if (key !== 'history' && !same(open[key], next[key]))
        $set[`openTrajectory.${key}`] = next[key];
    }
    // History grows by appending; only withdrawn system entries (decision 006) rewrite its tail.
    if (!same(open.history, next.history.slice(0, open.history.length)))
      $set['openTrajectory.history'] = next.history;
    else if (next.history.length > open.history.length)
      $push['openTrajectory.history'] = { $each: next.history.slice(open.history.length) };
  } else if (!same(open, next)) {
    $set.openTrajectory = next;
  }
  return Object.keys($push).length ? { $set, $push } : { $set };
}

/** Empties the audit outbox if the case is still at `version` (a later write carries it on). */
export async function clearAuditOutboxIfVersion(
  db: Connection,
  caseId: string,
  version: number,
  mode: WriteConcurrency = 'auto',
): Promise<boolean> {
  const filter = await versionFilter(db, caseId, version, mode);
  const result = await model(db).updateOne(filter, { $set: { auditOutbox: [] } });
  return result.matchedCount === 1;
}

/** Ids of cases whose audit outbox holds entries (a crash between a write and its flush). */
export async function findCaseIdsWithPendingAudit(
  db: Connection,
  updatedSince: Date | null = null,
): Promise<string[]> {
  const changed = updatedSince ? { updatedAt: { $gte: updatedSince } } : {};
  const docs = await model(db)
    .find({ ...changed, 'auditOutbox.0': { $exists: true } }, { _id: 1 })
    .lean<Array<{ _id: Types.ObjectId }>>();
  return docs.map((doc) => doc._id.toHexString());
}

const ferretDbByConnection = new WeakMap<Connection, Promise<boolean>>();

function isFerretDb(db: Connection): Promise<boolean> {
  let known = ferretDbByConnection.get(db);
  if (!known) {
    known = db
      .db!.admin()
      .command({ buildInfo: 1 })
      .then((info) => typeof info.ferretdbVersion === 'string');
    ferretDbByConnection.set(db, known);
  }
  return known;
}

export interface CaseListFilter {
  teamId?: string;
  opdrachtgeverId?: string;
  begeleiderId?: string;
  /** A trajectory state, or 'none' for cases without an open trajectory. */
  state?: TrajectoryStateKey | 'none';
  /** Extra conditions on the open trajectory's summary (the signal filters). */
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

/** One page of GET /cases (the use case of that name is cases/use-cases/list-cases.ts). */
export async function findCasesPage(
  db: Connection,
  scope: CaseScope,
  filter: CaseListFilter,
): Promise<{ items: CaseRecord[]; total: number }> {
  const scoped = scopedTeamFilter(scope, filter.teamId);
  if (!scoped) return { items: [], total: 0 };
  const query: Record<string, unknown> = scoped;
  const and: Record<string, unknown>[] = [];
  if (filter.begeleiderId) query.begeleiderId = filter.begeleiderId;
  if (filter.opdrachtgeverId) query.opdrachtgeverId = filter.opdrachtgeverId;
  if (filter.state === 'none') query.openTrajectory = null;
  else if (filter.state) query['openTrajectory.summary.state'] = filter.state;
  if (filter.product) query['openTrajectory.product'] = filter.product;
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
  const toRecords = (docs: CaseDocument[]) =>
    docs.map((doc) => toRecord({ ...doc, idempotency: [] }));
  if (filter.sort === 'deadline') return listByDeadline(db, query, filter, toRecords);
  const [docs, total] = await Promise.all([
    model(db)
      .find(query, { idempotency: 0 })
      .sort({ clientNumber: 1 })
      .skip(filter.skip)
      .limit(filter.limit)
      .lean<CaseDocument[]>(),
    model(db).countDocuments(query),
  ]);
  return { items: toRecords(docs), total };
}

/**
 * Nearest deadline first. An ascending sort puts null before every date in MongoDB's order, and
 * FerretDB v1 lacks the aggregation stages to change that, so the list is read as two segments —
 * cases with a deadline (by deadline), then those without (by client number) — and a page may
 * straddle them.
 */
async function listByDeadline(
  db: Connection,
  query: Record<string, unknown>,
  filter: CaseListFilter,
  toRecords: (docs: CaseDocument[]) => CaseRecord[],
): Promise<{ items: CaseRecord[]; total: number }> {
  const key = 'openTrajectory.summary.deadlineAt';
  const withDeadline = { $and: [query, { [key]: { $ne: null } }] };
  const withoutDeadline = { $and: [query, { $or: [{ openTrajectory: null }, { [key]: null }] }] };
  const [dated, total] = await Promise.all([
    model(db).countDocuments(withDeadline),
    model(db).countDocuments(query),
  ]);
  const firstDocs =
    filter.skip < dated
      ? await model(db)
          .find(withDeadline, { idempotency: 0 })
          .sort({ [key]: 1, clientNumber: 1 })
          .skip(filter.skip)
          .limit(filter.limit)
          .lean<CaseDocument[]>()
      : [];
  const remaining = filter.limit - firstDocs.length;
  const restDocs =
    remaining > 0
      ? await model(db)
          .find(withoutDeadline, { idempotency: 0 })
          .sort({ clientNumber: 1 })
          .skip(Math.max(0, filter.skip - dated))
          .limit(remaining)
          .lean<CaseDocument[]>()
      : [];
  return { items: toRecords([...firstDocs, ...restDocs]), total };
}

/**
 * Cases that may have had a trajectory open at a past peildatum (SPEC §2.4, decision 007): an open
 * one registered by then, or a closed one that closed after it. The caller replays each trajectory
 * to decide; the filter only narrows the candidates (and needs the histories).
 */
export async function findCasesWithTrajectoryOpenAt(
  db: Connection,
  scope: CaseScope,
  filter: { teamId?: string; opdrachtgeverId?: string; begeleiderId?: string; asOf: Date },
): Promise<CaseRecord[]> {
  const query: Record<string, unknown> = {
    ...scopeFilter(scope),
    $or: [
      { 'openTrajectory.summary.registeredAt': { $lte: filter.asOf } },
      { 'closedTrajectories.closedAt': { $gt: filter.asOf } },
    ],
  };
  if (filter.teamId) query.$and = [{ teamId: filter.teamId }];
  if (filter.opdrachtgeverId) query.opdrachtgeverId = filter.opdrachtgeverId;
  if (filter.begeleiderId) query.begeleiderId = filter.begeleiderId;
  const docs = await model(db)
    .find(query, { idempotency: 0, ladder: 0 })
    .sort({ clientNumber: 1 })
    .lean<CaseDocument[]>();
  return docs.map((doc) => toRecord({ ...doc, idempotency: [], ladder: [] }));
}

// --- System reads (the deadline sweeper works across organisations, without a user) ---------------

/** Ids of cases whose open trajectory's snapshot is older than its machine's current version. */
export async function findCaseIdsWithOldSnapshot(
  db: Connection,
  currentVersions: Readonly<Record<MachineId, number>>,
): Promise<string[]> {
  const filter: Record<string, unknown> = {
    $or: Object.entries(currentVersions).map(([machineId, version]) => ({
      'openTrajectory.machineId': machineId,
      'openTrajectory.machineVersion': { $lt: version },
    })),
  };
  const docs = await model(db).find(filter, { _id: 1 }).lean<Array<{ _id: Types.ObjectId }>>();
  return docs.map((doc) => doc._id.toHexString());
}

export async function findCaseForSystem(
  db: Connection,
  caseId: string,
): Promise<CaseRecord | null> {
  if (!isObjectId(caseId)) return null;
  const doc = await model(db).findOne({ _id: caseId }).lean<CaseDocument>();
  return doc ? toRecord(doc) : null;
}

/**
 * Start-up (SPEC §4.1): cases stored before opdrachtgevers existed join the organisation's
 * default one.
 */
export async function assignOpdrachtgeverWhereUnset(
  db: Connection,
  orgId: string,
  opdrachtgeverId: string,
): Promise<number> {
  const result = await model(db).updateMany(
    { orgId, opdrachtgeverId: null },
    { $set: { opdrachtgeverId } },
  );
  return result.modifiedCount;
}

/**
 * Every case — or, with `updatedSince`, every case last written at or after that instant (a range
 * the embedded engine pushes down, decision 043) — without its ladder, histories, closed
 * trajectories and idempotency records, in batches (the summaries' reconciliation at start-up; on
 * FerretDB each document is still decoded whole, the projection only saves the transfer).
 */
export async function forEachCaseBatch(
  db: Connection,
  batchSize: number,
  visit: (records: CaseRecord[]) => Promise<void>,
  updatedSince: Date | null = null,
): Promise<void> {
  const cursor = model(db)
    .find(updatedSince ? { updatedAt: { $gte: updatedSince } } : {}, {
      ladder: 0,
      closedTrajectories: 0,
      idempotency: 0,
      auditOutbox: 0,
      'openTrajectory.history': 0,
    })
    .lean<CaseDocument>()
    .cursor({ batchSize });
  let batch: CaseRecord[] = [];
  for await (const doc of cursor) {
    batch.push(
      toRecord({
        ...doc,
        ladder: [],
        closedTrajectories: [],
        idempotency: [],
        openTrajectory: doc.openTrajectory && { ...doc.openTrajectory, history: [] },
      }),
    );
    if (batch.length === batchSize) {
      await visit(batch);
      batch = [];
    }
  }
  if (batch.length) await visit(batch);
}

export async function countCases(db: Connection): Promise<number> {
  return model(db).estimatedDocumentCount();
}
