import type { AppContext } from '../app-context';
import { logger } from '../logger';
import { withCaseLock } from './case-lock';
import { caseReportContent, caseReportOf, onlyUnreportedEntriesAdded } from './case-report';
import {
  caseReportFingerprints,
  deleteCaseReports,
  fingerprintOfReport,
  writeCaseReports,
} from './case-report.repository';
import { findCaseForSystem } from './case.repository';
import type { CaseRecord, CaseWithHistories } from './case.types';
import { withClosedHistories, withClosedHistoriesOf } from './trajectory-archive.repository';

/**
 * Keeps `case_reports` equal to what caseReportOf says of each case (decision 046), like the
 * summaries (026): the case write is the truth and its report document follows it —
 * - after a case write that changed what reports read, in the same case lock
 *   (writeCaseReportAfter); an event that changes nothing reported (a contact) writes nothing;
 * - a write that fails is remembered in this process and redone before the next report read
 *   (repairPendingReports);
 * - a crash between the two writes, or a raw start-up fix of the cases, is repaired by the next
 *   start (caseReportReconciliation, fed the start-up pass's batches of cases).
 */
const pendingByDatabase = new Map<string, Set<string>>();

function pendingOf(context: AppContext): Set<string> {
  let pending = pendingByDatabase.get(context.db.name);
  if (!pending) pendingByDatabase.set(context.db.name, (pending = new Set()));
  return pending;
}

/**
 * After a successful case write: the report document, unless `before` (the case as read for this
 * write, already in memory) reports the same. A failure is logged and repaired later, not raised.
 */
export async function writeCaseReportAfter(
  context: AppContext,
  before: CaseRecord,
  after: CaseRecord,
): Promise<void> {
  if (onlyUnreportedEntriesAdded(before, after)) return;
  try {
    // Reports read the closed trajectories' histories too (decision 064): one read by `_id`.
    const [wholeBefore, wholeAfter] = await withClosedHistories(context.db, [before, after]);
    const report = caseReportOf(wholeAfter!);
    if (caseReportContent(caseReportOf(wholeBefore!)) === caseReportContent(report)) return;
    await writeCaseReports(context.db, [report]);
  } catch (error) {
    pendingOf(context).add(after.id);
    logger.error({ err: error, caseId: after.id }, 'case report write failed; will repair');
  }
}

/** Rewrites the report documents whose write failed in this process, from the cases as stored. */
export async function repairPendingReports(context: AppContext): Promise<number> {
  const pending = pendingOf(context);
  let repaired = 0;
  for (const caseId of [...pending]) {
    await withCaseLock(context.db.name, caseId, async () => {
      const record = await findCaseForSystem(context.db, caseId);
      if (record)
        await writeCaseReports(context.db, [
          caseReportOf(await withClosedHistoriesOf(context.db, record)),
        ]);
      else await deleteCaseReports(context.db, [caseId]);
    });
    pending.delete(caseId);
    repaired += 1;
  }
  return repaired;
}

export interface CaseReportReconciliation {
  /** One batch of whole case records (ladder and histories included): rewrites stale documents. */
  reconcile(records: readonly CaseWithHistories[]): Promise<void>;
  /** After the last batch: removes the documents of cases no batch held. */
  finish(): Promise<{ rebuilt: number; removed: number }>;
}

/**
 * Start-up: reads every stored fingerprint once (one small field per case), then compares each
 * batch of cases it is given with them and rewrites the missing or different documents. On
 * FerretDB a lookup per batch by `_id $in` would scan the collection each time; the map does not.
 */
export async function caseReportReconciliation(
  context: AppContext,
  changedSince: Date | null = null,
): Promise<CaseReportReconciliation> {
  // With a checkpoint (decision 045) only the batches of changed cases come, each checked against
  // its own stored documents, and nothing is removed (cases are never deleted).
  const everyStored = changedSince ? null : await caseReportFingerprints(context.db);
  let rebuilt = 0;
  return {
    async reconcile(records) {
      const stored =
        everyStored ??
        (await caseReportFingerprints(
          context.db,
          records.map((record) => record.id),
        ));
      const stale = records
        .map(caseReportOf)
        .filter((report) => stored.get(report.caseId) !== fingerprintOfReport(report));
      for (const record of records) everyStored?.delete(record.id);
      await writeCaseReports(context.db, stale);
      rebuilt += stale.length;
    },
    async finish() {
      const removed = everyStored ? [...everyStored.keys()] : [];
      await deleteCaseReports(context.db, removed);
      everyStored?.clear();
      return { rebuilt, removed: removed.length };
    },
  };
}
