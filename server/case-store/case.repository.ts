import { Types, type Connection, type mongo, type UpdateQuery } from 'mongoose';
import { copyToAudit } from '../audit/audit.repository';
import type { MachineId } from '../../machines';
import { ensureSchemaIndexes } from '../db/indexes';
import { isDuplicateKeyError } from '../db/duplicate-key';
import { isObjectId } from '../ids';
import { comparisonKey } from '../http/text';
import { caseIdOfTrajectory } from './trajectory-id';
import {
  caseModel,
  MONGODB_ONLY_CASE_INDEXES,
  OBSOLETE_CASE_INDEXES,
  type CaseDocument,
} from './case.model';
import { dropSummaryCheckpoint } from './summary-checkpoint.repository';
import {
  isArchived,
  type CaseRecord,
  type CaseScope,
  type CaseWithHistories,
  type ClosedTrajectory,
  type TrajectoryRecord,
} from './case.types';
import { caseReportOf } from './case-report';
import { insertCaseReports } from './case-report.repository';
import { caseSummaryOf } from './case-summary';
import { insertCaseSummaries } from './case-summary.repository';
import { scopeFilter } from './case-scope-filter';
import { CaseCache } from './case-cache';
import { archiveClosedTrajectories, withClosedHistories } from './trajectory-archive.repository';
import { encodeHistory, openTrajectoryOf, storedOpenTrajectory } from './stored-history';

/**
 * The only code that touches the `cases` collection. Reads take a CaseScope that is always part of
 * the filter (SPEC §2.5); the sweeper's reads are named as system reads. Everything returned is a
 * plain object (lean), never a mongoose document.
 */
function model(db: Connection) {
  return caseModel(db);
}

/** How many cases a process keeps in its case cache (decision 065): a few teams' working set. */
export const CASE_CACHE_CAPACITY = 2000;

const caseCaches = new WeakMap<Connection, CaseCache>();

/**
 * From now on this connection's reads by id remember the case and its writes keep it current
 * (decision 065). Only for the one process that writes the database (writeConcurrency 'auto').
 */
export function enableCaseCache(db: Connection, capacity = CASE_CACHE_CAPACITY): void {
  caseCaches.set(db, new CaseCache(capacity, process.env.NODE_ENV === 'test'));
}

/** After writes that bypass this module's functions (tests, the benchmark's raw floor). */
export function forgetCachedCases(db: Connection, caseId?: string): void {
  if (caseId) caseCaches.get(db)?.forget(caseId);
  else caseCaches.get(db)?.clear();
}

/** The case as stored: remembered, or read by `_id` and remembered. */
async function storedCase(db: Connection, caseId: string): Promise<CaseRecord | null> {
  const cache = caseCaches.get(db);
  const cached = cache?.get(caseId);
  if (cached) return cached;
  const doc = await model(db).findOne({ _id: caseId }).lean<CaseDocument>();
  if (!doc) return null;
  const record = toRecord(doc);
  cache?.remember(record);
  return record;
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
  await ensureSchemaIndexes(db, model(db), {
    mongoDbOnly: MONGODB_ONLY_CASE_INDEXES,
    obsolete: OBSOLETE_CASE_INDEXES,
  });
  // Hole 15: BSNs stored before the mask was derived on read carried their last four digits.
  // The raw collection: the field is no longer in the schema, so mongoose would drop it (strict).
  await db
    .collection('cases')
    .updateMany({ 'bsn.last4': { $exists: true } }, { $unset: { 'bsn.last4': '' } });
  caseCaches.get(db)?.clear(); // the fixes above bypass it
}

function toRecord(doc: CaseDocument): CaseRecord {
  const { _id, clientNumberKey: _key, openTrajectory, ...rest } = doc;
  return {
    ...rest,
    id: _id.toHexString(),
    openTrajectory: openTrajectory && openTrajectoryOf(openTrajectory),
  };
}

export class DuplicateClientNumberError extends Error {}

/**
 * One new case, without its summary: the caller copies its audit outbox and then writes the
 * summary (settleCaseWrite, decision 040).
 */
export async function insertCase(db: Connection, record: CaseWithHistories): Promise<void> {
  await insertCaseDocuments(db, [record]);
}

/**
 * Seeds many cases at once (demo data, tests); each record is complete and final. Their outboxes
 * are copied before their summaries are written (decision 040: a summary certifies the copy).
 */
export async function insertCases(db: Connection, records: CaseWithHistories[]): Promise<void> {
  await insertCaseDocuments(db, records);
  await copyToAudit(
    db,
    records.flatMap((record) => record.auditOutbox ?? []),
  );
  await insertCaseSummaries(db, records.map(caseSummaryOf)); // decision 026
}

async function insertCaseDocuments(db: Connection, records: CaseWithHistories[]): Promise<void> {
  const stored = await archiveClosedTrajectories(db, records); // decision 064
  try {
    await model(db).insertMany(
      stored.map(({ id, openTrajectory, ...rest }) => ({
        ...rest,
        openTrajectory: openTrajectory && storedOpenTrajectory(openTrajectory),
        _id: new Types.ObjectId(id),
        clientNumberKey: comparisonKey(rest.clientNumber),
      })),
      { ordered: true },
    );
  } catch (error) {
    if (isDuplicateKeyError(error)) throw new DuplicateClientNumberError('clientNumber exists');
    throw error;
  }
  await insertCaseReports(db, records.map(caseReportOf)); // decision 046
}

/**
 * Bulk load of complete, engine-produced cases (the benchmark generator): unordered, so the engine
 * takes the batch as a whole, and lean, so mongoose neither hydrates nor re-validates what the
 * engine and the pure helpers built. Returns how many were inserted.
 */
export async function insertCasesBulk(
  db: Connection,
  records: CaseWithHistories[],
): Promise<number> {
  await dropSummaryCheckpoint(db); // generated histories: updatedAt lies in the past (decision 045)
  const stored = await archiveClosedTrajectories(db, records); // decision 064
  const inserted = await model(db).insertMany(
    stored.map(({ id, openTrajectory, ...rest }) => ({
      ...rest,
      openTrajectory: openTrajectory && storedOpenTrajectory(openTrajectory),
      _id: new Types.ObjectId(id),
    })),
    { ordered: false, lean: true },
  );
  await copyToAudit(
    db,
    records.flatMap((record) => record.auditOutbox ?? []),
  );
  await insertCaseSummaries(db, records.map(caseSummaryOf)); // decision 026, after the copy (040)
  await insertCaseReports(db, records.map(caseReportOf)); // decision 046
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
  const record = await storedCase(db, caseId);
  return record && inScope(scope, record) ? record : null;
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
 * The one write path after creation: `before` as read, `after` as it must become, applied only if
 * the case is still at `before.version` (compare-and-set). False means someone else wrote first;
 * nothing was changed, and the case is read again next time.
 */
export async function writeCaseIfVersion(
  db: Connection,
  before: CaseRecord,
  after: CaseRecord,
): Promise<boolean> {
  const written = await updateCaseIfVersion(
    db,
    before.id,
    before.version,
    updateFor(before, after),
  );
  if (written) caseCaches.get(db)?.remember(after);
  else caseCaches.get(db)?.forget(before.id);
  return written;
}

/**
 * The filter of a write that must find the case still at `version`. On FerretDB the version
 * condition is checked on the document the update reads, not atomically with its write (the
 * per-process case lock serialises this process's writers, case-lock.ts); it still catches a
 * case changed behind this process's back, such as a stale cached one (decision 065). The
 * embedded build pushes `_id` down inside a larger filter, so it stays an `_id` lookup (022).
 */
function versionFilter(caseId: string, version: number): mongo.Filter<mongo.Document> {
  return { _id: new Types.ObjectId(caseId), version };
}

/**
 * Sent through the driver, not mongoose's `updateOne`: `update` comes from updateFor, whose values
 * are typed records already in the stored form, and casting them again into mongoose subdocuments
 * cost ~0.7 ms of CPU per event (a sixth of the event's time in this process, decision 063).
 * Undefined fields are left out (where the schema has a default, mongoose would have filled it
 * in): every test server checks on close that each stored case is unchanged by the schema's
 * casting (tests/support/stored-form.ts), so a value mongoose would have cast or defaulted shows.
 */
export async function updateCaseIfVersion(
  db: Connection,
  caseId: string,
  version: number,
  update: UpdateQuery<CaseDocument>,
): Promise<boolean> {
  const result = await model(db).collection.updateOne(
    versionFilter(caseId, version),
    update as mongo.UpdateFilter<mongo.Document>,
    { ignoreUndefined: true },
  );
  return result.matchedCount === 1;
}

const same = (a: unknown, b: unknown): boolean =>
  a === b || JSON.stringify(a) === JSON.stringify(b);

/**
 * Whether `list` starts with `prefix`. The fold keeps the entries it did not touch, so three years
 * of history compare by identity instead of being serialised twice per event.
 */
function startsWith(list: readonly unknown[], prefix: readonly unknown[]): boolean {
  return prefix.length <= list.length && prefix.every((entry, index) => same(entry, list[index]));
}

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
  // Closed trajectories are stored archived (decision 064): writeCase archives a newly closed one
  // before this update, and the start-up migration replaces whole ones stored by older versions.
  if (after.closedTrajectories.some((trajectory) => !isArchived(trajectory)))
    throw new Error('A closed trajectory must be archived before the case is written');
  if (!startsWith(after.closedTrajectories, before.closedTrajectories))
    $set.closedTrajectories = after.closedTrajectories;
  else if (after.closedTrajectories.length > before.closedTrajectories.length)
    $push.closedTrajectories = {
      $each: after.closedTrajectories.slice(before.closedTrajectories.length),
    };
  if (!same(before.idempotency, after.idempotency)) $set.idempotency = after.idempotency;
  // Appended while nothing is dropped; replaced when entries known to be in `audit` leave it
  // (decision 040). Replacing is safe: the write is conditional on the version (or under the case
  // lock), and nothing else writes the outbox.
  const outboxBefore = before.auditOutbox ?? [];
  const outboxAfter = after.auditOutbox ?? [];
  if (startsWith(outboxAfter, outboxBefore)) {
    if (outboxAfter.length > outboxBefore.length)
      $push.auditOutbox = { $each: outboxAfter.slice(outboxBefore.length) };
  } else $set.auditOutbox = outboxAfter;

  const open = before.openTrajectory;
  const next = after.openTrajectory;
  if (open && next && open.id === next.id) {
    for (const key of Object.keys(next) as Array<keyof TrajectoryRecord>) {
      if (key !== 'history' && !same(open[key], next[key]))
        $set[`openTrajectory.${key}`] = next[key];
    }
    // History grows by appending; only withdrawn system entries (decision 006) rewrite its tail.
    // Either way as text, the whole list then (decision 067).
    if (!startsWith(next.history, open.history))
      $set['openTrajectory.history'] = encodeHistory(next.history);
    else if (next.history.length > open.history.length)
      $push['openTrajectory.history'] = {
        $each: encodeHistory(next.history.slice(open.history.length)),
      };
  } else if (!same(open, next)) {
    $set.openTrajectory = next && storedOpenTrajectory(next);
  }
  return Object.keys($push).length ? { $set, $push } : { $set };
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
): Promise<CaseWithHistories[]> {
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
  return withClosedHistories(
    db,
    docs.map((doc) => toRecord({ ...doc, idempotency: [], ladder: [] })),
  );
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

/**
 * Ids of cases holding a closed trajectory whole, as versions before decision 064 stored them
 * (the start-up migration, once per database: every case is read).
 */
export async function findCaseIdsWithWholeClosedTrajectories(db: Connection): Promise<string[]> {
  const ids: string[] = [];
  const cursor = model(db)
    .collection.find({}, { projection: { 'closedTrajectories.archiveId': 1 }, batchSize: 500 })
    .map((doc) => doc as { _id: Types.ObjectId; closedTrajectories?: ClosedTrajectory[] });
  for await (const doc of cursor)
    if (!(doc.closedTrajectories ?? []).every(isArchived)) ids.push(doc._id.toHexString());
  return ids;
}

export async function findCaseForSystem(
  db: Connection,
  caseId: string,
): Promise<CaseRecord | null> {
  if (!isObjectId(caseId)) return null;
  return storedCase(db, caseId);
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
  if (result.modifiedCount) caseCaches.get(db)?.clear();
  return result.modifiedCount;
}

/**
 * Every case — or, with `updatedSince`, every case last written at or after that instant (a range
 * the embedded engine pushes down, decision 043) — without its idempotency records (its few audit
 * outbox entries kept), in batches; unless `histories` is asked for, also without its ladder,
 * histories and closed trajectories (the start-up pass of the read models: the summaries need
 * none of those, the report documents all of them). On FerretDB each document is still decoded
 * whole; the projection only saves the transfer.
 */
export async function forEachCaseBatch(
  db: Connection,
  batchSize: number,
  visit: (records: CaseWithHistories[]) => Promise<void>,
  options: { histories?: boolean; updatedSince?: Date | null } = {},
): Promise<void> {
  const projection: Record<string, 0> = options.histories
    ? { idempotency: 0 }
    : {
        ladder: 0,
        closedTrajectories: 0,
        idempotency: 0,
        'openTrajectory.history': 0,
      };
  const changed = options.updatedSince ? { updatedAt: { $gte: options.updatedSince } } : {};
  const cursor = model(db).find(changed, projection).lean<CaseDocument>().cursor({ batchSize });
  let batch: CaseRecord[] = [];
  // Without histories the closed trajectories are projected away, so there is nothing to read.
  const whole = (records: CaseRecord[]) => withClosedHistories(db, records);
  for await (const doc of cursor) {
    batch.push(
      toRecord({
        ...doc,
        ladder: doc.ladder ?? [],
        closedTrajectories: doc.closedTrajectories ?? [],
        idempotency: [],
        openTrajectory: doc.openTrajectory && {
          ...doc.openTrajectory,
          history: doc.openTrajectory.history ?? [],
        },
      }),
    );
    if (batch.length === batchSize) {
      await visit(await whole(batch));
      batch = [];
    }
  }
  if (batch.length) await visit(await whole(batch));
}

export async function countCases(db: Connection): Promise<number> {
  return model(db).estimatedDocumentCount();
}
