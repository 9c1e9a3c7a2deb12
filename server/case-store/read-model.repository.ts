import { Types, type mongo } from 'mongoose';
import { isOnlyDuplicateKeyFailure } from '../db/duplicate-key';
import { UNJOURNALED } from '../db/write-concern';

/**
 * How the per-case read models (`case_summaries`, decision 026; `case_reports`, 046) are written:
 * one document per case under the case's `_id`, stamped with the case `version` it was computed
 * from, without waiting for the journal (server/db/write-concern.ts: rebuilt from the case).
 */
export interface ReadModelDocument<Doc> {
  caseId: string;
  caseVersion: number;
  document: Doc;
}

/**
 * Upserts each document unless the stored one comes from a newer case version: the filter
 * `version ≤ mine` misses a newer document, the upsert then collides on `_id`, and that
 * duplicate-key refusal is the intended "a late writer never overwrites a newer one".
 *
 * FerretDB v1 ends an update command at its first failing statement even when it is unordered, so
 * after such a refusal the documents behind it in `entries` may not be written: a refused command
 * of several documents is redone one document at a time (each refusal then stays its own).
 */
export async function upsertUnlessNewer<Doc extends object>(
  collection: mongo.Collection,
  entries: ReadonlyArray<ReadModelDocument<Doc>>,
  how: 'replace' | 'set',
): Promise<void> {
  if (!entries.length) return;
  const operations = entries.map(({ caseId, caseVersion, document }) => {
    const filter = { _id: new Types.ObjectId(caseId), version: { $lte: caseVersion } };
    return how === 'replace'
      ? { replaceOne: { filter, replacement: document, upsert: true } }
      : { updateOne: { filter, update: { $set: document }, upsert: true } };
  }) as mongo.AnyBulkWriteOperation[];
  try {
    await collection.bulkWrite(operations, { ordered: false, ...UNJOURNALED });
  } catch (error) {
    if (!isOnlyDuplicateKeyFailure(error)) throw error;
    if (entries.length > 1)
      for (const entry of entries) await upsertUnlessNewer(collection, [entry], how);
  }
}

/**
 * The documents of cases just inserted: a plain unordered insert, several times cheaper on
 * FerretDB than guarded upserts. One that exists already (a retried seed) is left to the start-up
 * reconciliation.
 */
export async function insertForNewCases<Doc extends object>(
  collection: mongo.Collection,
  entries: ReadonlyArray<Omit<ReadModelDocument<Doc>, 'caseVersion'>>,
): Promise<void> {
  if (!entries.length) return;
  try {
    await collection.insertMany(
      entries.map(({ caseId, document }) => ({ _id: new Types.ObjectId(caseId), ...document })),
      { ordered: false, ...UNJOURNALED },
    );
  } catch (error) {
    if (!isOnlyDuplicateKeyFailure(error)) throw error;
  }
}
