import type { AppContext } from '../app-context';
import { confirmCopied, copyOutbox } from '../audit/outbox';
import { copyToAudit } from '../audit/audit.repository';
import { startedWritesEnded, trackInFlight } from '../db/in-flight';
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
  writeCaseSummaryGrouped,
  type OpenSummaryFilter,
} from './case-summary.repository';
import { findCaseForSystem, forEachCaseBatch } from './case.repository';
import type { CaseRecord, CaseScope, CaseWithHistories } from './case.types';

/**
 * Keeps `case_summaries` equal to what caseSummaryOf says of each case (decision 026). The case
 * write is the truth; its audit outbox is copied to `audit`, then its summary follows, so a summary
 * at a case's version certifies that the outbox of that version is in `audit` (decision 040):
 * - after every case write (settleCaseWrite), with one process after the response: every read of
 *   summaries in this process first waits for the settles already started (settledCaseWrites),
 *   a read of `audit` for their copies (db/in-flight.ts, decision 061);
 * - a copy or summary write that fails is remembered in this process and redone before the next
 *   summary read (repairPendingSummaries), so this process never answers from a summary it knows
 *   is stale;
 * - a crash between the writes is repaired at the next start (reconcileCaseSummaries: the outbox
 *   of every case whose summary is missing or stale is copied before its summary is rewritten).
 */
const pendingByDatabase = new Map<string, Set<string>>();

function pendingOf(context: AppContext): Set<string> {
  let pending = pendingByDatabase.get(context.db.name);
  if (!pending) pendingByDatabase.set(context.db.name, (pending = new Set()));
  return pending;
}

/**
 * After a successful case write (or insert): its outbox to `audit`, then its summary. A failure
 * of either is logged and repaired later, not raised: the change is stored and its entries are
 * safe in the case. Without the copy the summary stays behind, so nothing certifies the entries
 * before they are in `audit`. The returned settle is remembered until it ends, so a caller may
 * answer before it (decision 061) and a read waits for it (settledCaseWrites).
 */
function settleCaseWrite(context: AppContext, record: CaseRecord): Promise<void> {
  return trackInFlight(context.db.name, copyThenSummariseLogged(context, record));
}

/** Never rejects: nobody may be waiting for it (decision 061). */
async function copyThenSummariseLogged(context: AppContext, record: CaseRecord): Promise<void> {
  try {
    // Taken now, so a settle waiting its turn does not keep three years of history alive.
    const outbox = record.auditOutbox ?? [];
    const summary = caseSummaryOf(record);
    if (!(await copyOutbox(context.db, outbox))) {
      pendingOf(context).add(record.id);
      return;
    }
    await writeCaseSummaryGrouped(context.db, summary);
  } catch (error) {
    pendingOf(context).add(record.id);
    logger.error({ err: error, caseId: record.id }, 'case summary write failed; will repair');
  }
}

/**
 * Starts the settle of a case write and resolves when the answer may go (decision 061). With one
 * writing process ('auto': the embedded engine allows no other) that is at once, because every
 * read of summaries or `audit` in this process waits for the settle (db/in-flight.ts); with several
 * ('compare-and-set') a read in another process could not wait, so the answer follows the settle.
 */
export async function settleForAnswer(context: AppContext, record: CaseRecord): Promise<void> {
  const settle = settleCaseWrite(context, record);
  if (context.config.writeConcurrency === 'compare-and-set') await settle;
}

/**
 * Before a read of summaries: the settles of every case write already answered in this process
 * have ended (those started later are not waited for, so a steady stream of events cannot hold a
 * reader back), and the copies and summaries that failed are redone.
 */
export async function settledCaseWrites(context: AppContext): Promise<void> {
  await startedWritesEnded(context.db.name); // each failure left its case pending repair
  await repairPendingSummaries(context);
}

/** The case's outbox to `audit` (raising on failure), then its summary. */
async function copyThenSummarise(context: AppContext, record: CaseRecord): Promise<void> {
  const outbox = record.auditOutbox ?? [];
  await copyToAudit(context.db, outbox);
  confirmCopied(context.db, outbox);
  await writeCaseSummaries(context.db, [caseSummaryOf(record)]);
}

/** Redoes the copies and summaries that failed in this process, each from its case as stored now. */
export async function repairPendingSummaries(context: AppContext): Promise<number> {
  const pending = pendingOf(context);
  let repaired = 0;
  for (const caseId of [...pending]) {
    await withCaseLock(context.db.name, caseId, async () => {
      const record = await findCaseForSystem(context.db, caseId);
      if (record) await copyThenSummarise(context, record);
      else await deleteCaseSummaries(context.db, [caseId]);
    });
    pending.delete(caseId);
    repaired += 1;
  }
  return repaired;
}

/** The summaries of the cases with an open trajectory in `scope`, once settled (above). */
export async function openCaseSummaries(
  context: AppContext,
  scope: CaseScope,
  filter: OpenSummaryFilter,
) {
  await settledCaseWrites(context);
  return findOpenCaseSummaries(context.db, scope, filter);
}

/** Sweeper: ids of the cases whose deadline is due at `now`, once settled (above). */
export async function dueCaseIds(context: AppContext, now: Date): Promise<string[]> {
  await settledCaseWrites(context);
  return findDueCaseIds(context.db, now);
}

/**
 * Start-up: every case's summary is rebuilt where it is missing or says something else than the
 * case (a crash after the case write, cases written before summaries existed, raw start-up fixes
 * such as the opdrachtgever backfill), and summaries of vanished cases are removed. A case whose
 * summary is rebuilt first has its outbox copied to `audit` (decision 040: a crash between the
 * case write and the copy leaves exactly such a summary); where the summary is current, its outbox
 * is in `audit` already and is only remembered as copied. One pass over the cases; on FerretDB
 * that decodes each case once. With `changedSince` (the checkpoint, decision 045) only the cases
 * written since are checked, each against its own stored summary; cases are never deleted, so
 * there is nothing to remove then. `alsoEachBatch` gets the same batches whole (ladder and
 * histories included), so another read model is rebuilt in the same pass (046).
 */
export async function reconcileCaseSummaries(
  context: AppContext,
  options: {
    changedSince?: Date | null;
    alsoEachBatch?: (records: CaseWithHistories[]) => Promise<void>;
  } = {},
): Promise<{ checked: number; rebuilt: number; removed: number; copied: number }> {
  const { changedSince = null, alsoEachBatch } = options;
  const everyStored = changedSince ? null : await caseSummaryFingerprints(context.db);
  let checked = 0;
  let rebuilt = 0;
  let copied = 0;
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
      const stale = records.filter(
        (record) => stored.get(record.id) !== fingerprintOf(caseSummaryOf(record)),
      );
      for (const record of records) everyStored?.delete(record.id);
      const outboxes = stale.flatMap((record) => record.auditOutbox ?? []);
      await copyToAudit(context.db, outboxes);
      confirmCopied(
        context.db,
        records.flatMap((record) => record.auditOutbox ?? []),
      );
      await writeCaseSummaries(context.db, stale.map(caseSummaryOf));
      checked += records.length;
      rebuilt += stale.length;
      copied += outboxes.length;
      await alsoEachBatch?.(records);
    },
    { histories: alsoEachBatch !== undefined, updatedSince: changedSince },
  );
  const removed = everyStored ? [...everyStored.keys()] : [];
  await deleteCaseSummaries(context.db, removed);
  return { checked, rebuilt, removed: removed.length, copied };
}
