import { Schema, type Connection, type mongo } from 'mongoose';
import type { AppContext } from '../app-context';
import { modelFor } from '../db/model';

/**
 * The start-up checkpoint of the case summaries (decision 045): a small system document saying
 * "every case last written before `consistentAt` has its summary and an empty audit outbox". The
 * next start then checks only the cases written since (`updatedAt ≥ consistentAt − margin`, a
 * range the embedded engine pushes down) instead of decoding every case.
 *
 * A start that has reconciled the cases records its own start instant: from then on every case
 * write of this process carries `updatedAt` from the same clock, so whatever this process leaves
 * stale — a crash between a case write and its summary, a failed summary write, a pending outbox —
 * lies after the checkpoint and is checked by the next start. Hence no removal on a crash. The
 * cases' updatedAt is what the range relies on, so:
 * - only with writeConcurrency 'auto' (one process writes the database): with several processes
 *   a later start would record an instant after another process's unfinished writes — there every
 *   start makes the full pass and removes the checkpoint;
 * - a writer that stores cases with other updatedAt values (the bench generator's bulk insert of
 *   generated histories) removes the checkpoint first; a start-up fix that changes cases without
 *   updatedAt (the opdrachtgever backfill) makes that start a full pass;
 * - it carries the summary format: a new summary field (e.g. signalFrom) makes the first start
 *   after an upgrade a full pass.
 */
const ID = 'case-summaries';

/**
 * Bumped whenever caseSummaryOf, the stored summary or another read model built in the same pass
 * changes, so every case is checked once (3: signalFrom, auditCopied, the case's trede, and the
 * case_reports documents of decision 046).
 */
export const SUMMARY_FORMAT = 3;

/** Wall-clock corrections between two starts (NTP) up to this much are harmless. */
export const CHECKPOINT_MARGIN_MS = 10 * 60_000;

type CheckpointDocument = { _id: string; format: number; consistentAt: Date };

const checkpointSchema = new Schema<{ _id: string }>(
  {},
  { collection: 'system_checkpoints', strict: false, versionKey: false },
);

/** `system_checkpoints`: small documents by name that say what the database has been through. */
export function systemCheckpoints<T extends { _id: string }>(db: Connection): mongo.Collection<T> {
  const model = modelFor<{ _id: string }>(db, 'SystemCheckpoint', checkpointSchema);
  return model.collection as unknown as mongo.Collection<T>;
}

const collection = (db: Connection) => systemCheckpoints<CheckpointDocument>(db);

/** Start-up: the instant from which cases must be checked; null: check every case. */
export async function summaryCheckpoint(context: AppContext): Promise<Date | null> {
  if (context.config.writeConcurrency !== 'auto') return null;
  const found = await collection(context.db).findOne({ _id: ID });
  if (found?.format !== SUMMARY_FORMAT || !(found.consistentAt instanceof Date)) return null;
  return new Date(found.consistentAt.getTime() - CHECKPOINT_MARGIN_MS);
}

/** After a successful reconciliation: every case written before `startedAt` is consistent. */
export async function recordSummaryCheckpoint(context: AppContext, startedAt: Date): Promise<void> {
  if (context.config.writeConcurrency !== 'auto') return dropSummaryCheckpoint(context.db);
  await collection(context.db).replaceOne(
    { _id: ID },
    { format: SUMMARY_FORMAT, consistentAt: startedAt },
    { upsert: true },
  );
}

/** A writer that stores cases with an older updatedAt is about to: the next start checks all. */
export async function dropSummaryCheckpoint(db: Connection): Promise<void> {
  await collection(db).deleteOne({ _id: ID });
}
