import type { AppContext } from '../app-context';
import { logger } from '../logger';
import { withCaseLock } from './case-lock';
import { caseSummaryOf } from './case-summary';
import {
  caseSummaryFingerprints,
  deleteCaseSummaries,
  findDueCaseIds,
  findOpenCaseSummaries,
  fingerprintOf,
  writeCaseSummaries,
  type OpenSummaryFilter,
} from './case-summary.repository';
import { findCaseForSystem, forEachCaseBatch } from './case.repository';
import type { CaseRecord, CaseScope } from './case.types';

/**
 * Keeps `case_summaries` equal to what caseSummaryOf says of each case (decision 026). The case
 * write is the truth; its summary follows it:
 * - after every case write, in the same case lock (writeCaseSummaryAfter);
 * - a summary write that fails is remembered in this process and redone before the next summary
 *   read (repairPendingSummaries), so this process never answers from a summary it knows is stale;
 * - a crash between the two writes is repaired at the next start (reconcileCaseSummaries).
 */
const pendingByDatabase = new Map<string, Set<string>>();

function pendingOf(context: AppContext): Set<string> {
  let pending = pendingByDatabase.get(context.db.name);
  if (!pending) pendingByDatabase.set(context.db.name, (pending = new Set()));
  return pending;
}

/** After a successful case write: its summary; a failure is logged and repaired later, not raised. */
export async function writeCaseSummaryAfter(
  context: AppContext,
  record: CaseRecord,
): Promise<void> {
  try {
    await writeCaseSummaries(context.db, [caseSummaryOf(record)]);
  } catch (error) {
    pendingOf(context).add(record.id);
    logger.error({ err: error, caseId: record.id }, 'case summary write failed; will repair');
  }
}

/** Rewrites the summaries whose write failed in this process, each from its case as stored now. */
export async function repairPendingSummaries(context: AppContext): Promise<number> {
  const pending = pendingOf(context);
  let repaired = 0;
  for (const caseId of [...pending]) {
    await withCaseLock(context.db.name, caseId, async () => {
      const record = await findCaseForSystem(context.db, caseId);
      if (record) await writeCaseSummaries(context.db, [caseSummaryOf(record)]);
      else await deleteCaseSummaries(context.db, [caseId]);
    });
    pending.delete(caseId);
    repaired += 1;
  }
  return repaired;
}

/** The summaries of the cases with an open trajectory in `scope`, after any pending repair. */
export async function openCaseSummaries(
  context: AppContext,
  scope: CaseScope,
  filter: OpenSummaryFilter,
) {
  await repairPendingSummaries(context);
  return findOpenCaseSummaries(context.db, scope, filter);
}

/** Sweeper: ids of the cases whose deadline is due at `now`, after any pending repair. */
export async function dueCaseIds(context: AppContext, now: Date): Promise<string[]> {
  await repairPendingSummaries(context);
  return findDueCaseIds(context.db, now);
}

/**
 * Start-up: every case's summary is rebuilt where it is missing or says something else than the
 * case (a crash after the case write, cases written before summaries existed, raw start-up fixes
 * such as the opdrachtgever backfill), and summaries of vanished cases are removed. One pass over
 * the cases; on FerretDB that decodes each case once. With `changedSince` (the checkpoint,
 * decision 045) only the cases written since are checked, each against its own stored summary;
 * cases are never deleted, so there is nothing to remove then.
 */
export async function reconcileCaseSummaries(
  context: AppContext,
  changedSince: Date | null = null,
): Promise<{ checked: number; rebuilt: number; removed: number }> {
  const everyStored = changedSince ? null : await caseSummaryFingerprints(context.db);
  let checked = 0;
  let rebuilt = 0;
  await forEachCaseBatch(
    context.db,
    500,
    async (records) => {
      const stored =
        everyStored ??
        (await caseSummaryFingerprints(
          context.db,
          records.map((record) => record.id),
        ));
      const stale = records
        .map(caseSummaryOf)
        .filter((summary) => stored.get(summary.caseId) !== fingerprintOf(summary));
      for (const record of records) everyStored?.delete(record.id);
      await writeCaseSummaries(context.db, stale);
      checked += records.length;
      rebuilt += stale.length;
    },
    changedSince,
  );
  const removed = everyStored ? [...everyStored.keys()] : [];
  await deleteCaseSummaries(context.db, removed);
  return { checked, rebuilt, removed: removed.length };
}
