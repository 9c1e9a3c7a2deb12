import { createHash } from 'node:crypto';
import { Schema, Types, type Connection, type mongo } from 'mongoose';
import { insertForNewCases, upsertUnlessNewer } from './read-model.repository';
import { createIndexesOrWarn } from '../db/indexes';
import { modelFor } from '../db/model';
import { caseReportContent, type CaseReportRecord } from './case-report';

/**
 * The `case_reports` collection (decision 046): one document per case with what the transitions
 * export and the indicators reduce (case-report.ts), written after a case write that changed it
 * and rebuilt from the cases when missing or stale (case-report-sync.ts). `fingerprint` is a hash
 * of the content, so the start-up pass compares one short string per case.
 */
export type CaseReportDocument = Omit<CaseReportRecord, 'caseId' | 'caseVersion'> & {
  _id: Types.ObjectId;
  version: number;
  fingerprint: string;
};

// Written by the raw driver (no casting or validation); the schema only declares the indexes: a
// scope's cases (orgId/teamId/begeleiderId equality is pushed down on FerretDB, decision 022) and
// the transitions of a period (a range on `ladder.at`, served on MongoDB).
const reportSchema = new Schema<CaseReportDocument>(
  {},
  { collection: 'case_reports', strict: false, versionKey: false },
);
reportSchema.index({ orgId: 1, teamId: 1, begeleiderId: 1 });
reportSchema.index({ orgId: 1, 'ladder.at': 1 });

export function caseReportModel(db: Connection) {
  return modelFor<CaseReportDocument>(db, 'CaseReport', reportSchema);
}

export async function ensureCaseReportIndexes(db: Connection): Promise<void> {
  await createIndexesOrWarn('case_reports', () => caseReportModel(db).createIndexes());
}

export function fingerprintOfReport(record: CaseReportRecord): string {
  return createHash('sha1').update(caseReportContent(record)).digest('base64');
}

function toDocument(record: CaseReportRecord): Omit<CaseReportDocument, '_id'> {
  return {
    orgId: record.orgId,
    teamId: record.teamId,
    opdrachtgeverId: record.opdrachtgeverId,
    begeleiderId: record.begeleiderId,
    version: record.caseVersion,
    fingerprint: fingerprintOfReport(record),
    opdrachtgeverMoves: record.opdrachtgeverMoves,
    ladder: record.ladder,
    trajectories: record.trajectories,
  };
}

/**
 * Replaces each report document unless the stored one comes from a newer case version: the filter
 * `version ≤ mine` misses a newer document, the upsert then collides on `_id`, and that refusal
 * is the intended "a late writer never overwrites a newer report" (as case_summaries, 026).
 */
export async function writeCaseReports(db: Connection, records: CaseReportRecord[]): Promise<void> {
  await upsertUnlessNewer(collectionOf(db), records.map(entryOf), 'replace');
}

/** The report documents of cases just inserted (read-model.repository.ts insertForNewCases). */
export async function insertCaseReports(
  db: Connection,
  records: CaseReportRecord[],
): Promise<void> {
  await insertForNewCases(collectionOf(db), records.map(entryOf));
}

function collectionOf(db: Connection) {
  return caseReportModel(db).collection as unknown as mongo.Collection;
}

function entryOf(record: CaseReportRecord) {
  return { caseId: record.caseId, caseVersion: record.caseVersion, document: toDocument(record) };
}

/** Every stored document's fingerprint by case id (the start-up pass compares them). */
export async function caseReportFingerprints(
  db: Connection,
  caseIds?: string[],
): Promise<Map<string, string>> {
  const fingerprints = new Map<string, string>();
  const filter = caseIds ? { _id: { $in: caseIds.map((id) => new Types.ObjectId(id)) } } : {};
  const cursor = caseReportModel(db).collection.find(filter, { projection: { fingerprint: 1 } });
  for await (const doc of cursor) fingerprints.set(String(doc._id), String(doc.fingerprint));
  return fingerprints;
}

export async function deleteCaseReports(db: Connection, caseIds: string[]): Promise<void> {
  for (let start = 0; start < caseIds.length; start += 500)
    await caseReportModel(db).collection.deleteMany({
      _id: { $in: caseIds.slice(start, start + 500).map((id) => new Types.ObjectId(id)) },
    });
}

/** A stored document as a record (the reports' cursor, and tests reading the collection). */
export function caseReportRecordOf(doc: CaseReportDocument): CaseReportRecord {
  return {
    caseId: doc._id.toHexString(),
    orgId: doc.orgId,
    teamId: doc.teamId,
    opdrachtgeverId: doc.opdrachtgeverId ?? null,
    begeleiderId: doc.begeleiderId,
    caseVersion: doc.version,
    opdrachtgeverMoves: doc.opdrachtgeverMoves ?? [],
    ladder: doc.ladder ?? [],
    trajectories: doc.trajectories ?? [],
  };
}
