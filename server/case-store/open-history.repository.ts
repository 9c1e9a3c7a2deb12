import type { Connection } from 'mongoose';
import { logger } from '../logger';
import { caseModel } from './case.model';
import { forgetCachedCases } from './case.repository';
import { decodeHistory, encodeHistory, isEncoded, type StoredHistoryItem } from './stored-history';
import { systemCheckpoints } from './summary-checkpoint.repository';

const MARKER_ID = 'open-histories-encoded';

/**
 * Start-up, once per database (decision 067): open histories that earlier versions stored as
 * objects are rewritten as entry texts. Only the storage changes — the case reads the same — so
 * its version, `updatedAt`, summary, report and audit log stay as they are. Each write is
 * conditional on the version read, and reads take both forms: a case left as it was (a failure, a
 * writer in between) is only slower to write, never wrong, and the next start tries again.
 */
export async function encodeStoredOpenHistories(
  db: Connection,
  at: Date,
): Promise<{ encoded: number; failed: number }> {
  const markers = systemCheckpoints<{ _id: string; at?: Date }>(db);
  if (await markers.findOne({ _id: MARKER_ID })) return { encoded: 0, failed: 0 };
  const cases = caseModel(db).collection;
  const cursor = cases.find(
    { openTrajectory: { $ne: null } },
    { projection: { version: 1, 'openTrajectory.history': 1 } },
  );
  let encoded = 0;
  let failed = 0;
  for await (const doc of cursor) {
    const history = (doc.openTrajectory as { history?: StoredHistoryItem[] } | null)?.history;
    if (isEncoded(history)) continue;
    try {
      const result = await cases.updateOne(
        { _id: doc._id, version: doc.version },
        { $set: { 'openTrajectory.history': encodeHistory(decodeHistory(history)) } },
      );
      if (result.matchedCount === 1) encoded += 1;
      else failed += 1;
    } catch (error) {
      failed += 1;
      logger.error({ err: error, caseId: String(doc._id) }, 'encoding an open history failed');
    }
  }
  if (encoded) forgetCachedCases(db);
  if (!failed) await markers.updateOne({ _id: MARKER_ID }, { $set: { at } }, { upsert: true });
  return { encoded, failed };
}
