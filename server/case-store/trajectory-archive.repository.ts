import { Schema, Types, type Connection } from 'mongoose';
import { modelFor } from '../db/model';
import { historyEntrySchema } from './case.model';
import { systemCheckpoints } from './summary-checkpoint.repository';
import {
  isArchived,
  type ArchivedTrajectory,
  type CaseRecord,
  type CaseWithHistories,
  type ClosedTrajectory,
  type StoredHistoryEntry,
  type TrajectoryRecord,
} from './case.types';

/**
 * The history and snapshot of closed trajectories, one document each (decision 064). A closed
 * trajectory never changes, and these two parts are most of a three-year case: kept here, the
 * case document that every event reads and rewrites stays small. The case keeps the rest of the
 * trajectory and the `archiveId` of its document here, which is written first: a case never
 * refers to an archive document that is not there. A write that loses its race or a crash before
 * the case write leaves a document no case refers to, which nothing reads.
 */
export interface TrajectoryArchiveDocument {
  _id: Types.ObjectId;
  orgId: string;
  caseId: string;
  trajectoryId: string;
  snapshotJson: string;
  history: StoredHistoryEntry[];
}

const trajectoryArchiveSchema = new Schema<TrajectoryArchiveDocument>(
  {
    orgId: { type: String, required: true },
    caseId: { type: String, required: true },
    trajectoryId: { type: String, required: true },
    snapshotJson: { type: String, required: true },
    history: { type: [historyEntrySchema], default: [] },
  },
  { collection: 'trajectory_archives', strict: true, versionKey: false, minimize: false },
);

export function trajectoryArchiveModel(db: Connection) {
  return modelFor<TrajectoryArchiveDocument>(db, 'TrajectoryArchive', trajectoryArchiveSchema);
}

/** The start-up migration of decision 064 ran in this database (system_checkpoints). */
const MIGRATED_ID = 'closed-trajectories-archived';

type MarkerDocument = { _id: string; at: Date };
const markers = (db: Connection) => systemCheckpoints<MarkerDocument>(db);

export async function archiveMigrationDone(db: Connection): Promise<boolean> {
  return (await markers(db).findOne({ _id: MIGRATED_ID })) !== null;
}

export async function recordArchiveMigration(db: Connection, at: Date): Promise<void> {
  await markers(db).updateOne({ _id: MIGRATED_ID }, { $set: { at } }, { upsert: true });
}

/** The reference the case keeps of `trajectory`, whose history and snapshot are in `archiveId`. */
export function archivedReferenceOf(
  trajectory: TrajectoryRecord,
  archiveId: string,
): ArchivedTrajectory {
  const { history: _history, snapshotJson: _snapshot, ...kept } = trajectory;
  return { ...kept, archiveId };
}

/**
 * Writes the history and snapshot of every whole closed trajectory of the given cases to the
 * archive (one insert) and returns the cases with references in their place; cases without any
 * are returned as they are. Run before the case write that stores the references.
 */
export async function archiveClosedTrajectories<T extends Pick<CaseRecord, 'id' | 'orgId'>>(
  db: Connection,
  records: ReadonlyArray<T & { closedTrajectories: ClosedTrajectory[] }>,
): Promise<Array<T & { closedTrajectories: ClosedTrajectory[] }>> {
  const documents: TrajectoryArchiveDocument[] = [];
  const archived = records.map((record) => {
    if (record.closedTrajectories.every(isArchived)) return record;
    const closedTrajectories = record.closedTrajectories.map((trajectory) => {
      if (isArchived(trajectory)) return trajectory;
      const _id = new Types.ObjectId();
      documents.push({
        _id,
        orgId: record.orgId,
        caseId: record.id,
        trajectoryId: trajectory.id,
        snapshotJson: trajectory.snapshotJson,
        history: trajectory.history,
      });
      return archivedReferenceOf(trajectory, _id.toHexString());
    });
    return { ...record, closedTrajectories };
  });
  // Through the driver: the histories are engine-made records in their stored form (decision 063).
  if (documents.length)
    await trajectoryArchiveModel(db).collection.insertMany(documents, { ordered: false });
  return archived;
}

/**
 * The cases with the history and snapshot of each closed trajectory, read from the archive in one
 * query by `_id` (a list the embedded engine pushes down, decision 043).
 */
export async function withClosedHistories<T extends { closedTrajectories: ClosedTrajectory[] }>(
  db: Connection,
  records: readonly T[],
): Promise<Array<Omit<T, 'closedTrajectories'> & { closedTrajectories: TrajectoryRecord[] }>> {
  const byId = await findArchives(
    db,
    records.flatMap((record) =>
      record.closedTrajectories.filter(isArchived).map((trajectory) => trajectory.archiveId),
    ),
    { history: 1, snapshotJson: 1 },
  );
  return records.map((record) => ({
    ...record,
    closedTrajectories: record.closedTrajectories.map((trajectory) => {
      if (!isArchived(trajectory)) return trajectory;
      const { history, snapshotJson } = byId.get(trajectory.archiveId) ?? {};
      if (!history || snapshotJson === undefined) throw new MissingArchiveError(trajectory.id);
      const { archiveId: _archiveId, ...kept } = trajectory;
      return { ...kept, history, snapshotJson };
    }),
  }));
}

/** One case with its closed trajectories' histories (the case file, a report rebuild). */
export async function withClosedHistoriesOf(
  db: Connection,
  record: CaseRecord,
): Promise<CaseWithHistories> {
  const [whole] = await withClosedHistories(db, [record]);
  return whole!;
}

/**
 * The histories of the archive documents `archiveIds`, with only `fields` of each entry
 * (`history.type`, …): billing's batches. Throws if one is missing, like withClosedHistories.
 */
export async function archivedHistories<Entry>(
  db: Connection,
  archiveIds: readonly string[],
  fields: readonly string[],
): Promise<Map<string, Entry[]>> {
  const found = await findArchives(
    db,
    archiveIds,
    Object.fromEntries(fields.map((field) => [field, 1])),
  );
  const histories = new Map<string, Entry[]>();
  for (const id of archiveIds) {
    const doc = found.get(id);
    if (!doc) throw new MissingArchiveError(id);
    histories.set(id, (doc.history ?? []) as Entry[]);
  }
  return histories;
}

/**
 * The embedded engine pushes an `_id` list down only up to 1,000 ids (decision 043); beyond, it
 * would decode every archive document. An organisation's past-peildatum signals can need more.
 */
const IDS_PER_READ = 500;

/** The archive documents `archiveIds` by `_id`, in reads of at most IDS_PER_READ. */
async function findArchives(
  db: Connection,
  archiveIds: readonly string[],
  projection: Record<string, 1>,
): Promise<Map<string, Partial<TrajectoryArchiveDocument> & { _id: Types.ObjectId }>> {
  const found = new Map<string, Partial<TrajectoryArchiveDocument> & { _id: Types.ObjectId }>();
  // A report rebuild asks for the case before and after its write: the same references twice.
  const unique = [...new Set(archiveIds)];
  for (let start = 0; start < unique.length; start += IDS_PER_READ) {
    const ids = unique.slice(start, start + IDS_PER_READ).map((id) => new Types.ObjectId(id));
    const docs = await trajectoryArchiveModel(db)
      .collection.find({ _id: { $in: ids } }, { projection })
      .toArray();
    for (const doc of docs) found.set(doc._id.toHexString(), doc);
  }
  return found;
}

/** One closed trajectory with its history and snapshot (GET /trajectories/:id, a replay). */
export async function wholeTrajectory(
  db: Connection,
  trajectory: ClosedTrajectory,
): Promise<TrajectoryRecord> {
  if (!isArchived(trajectory)) return trajectory;
  const [whole] = await withClosedHistories(db, [{ closedTrajectories: [trajectory] }]);
  return whole!.closedTrajectories[0]!;
}

/** A case refers to an archive document that is not there: stored data is damaged. */
export class MissingArchiveError extends Error {
  constructor(reference: string) {
    super(`The archived history ${reference} is missing`);
  }
}
