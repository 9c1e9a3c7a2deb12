import type { AppContext } from './app-context';
import { ensureAuditIndexes } from './audit/audit.repository';
import { bootstrapAdministrator } from './auth/bootstrap-admin';
import { ensureLoginAttemptIndexes } from './auth/login-attempts.repository';
import { ensureSessionIndexes } from './sessions/session.repository';
import { ensureTeamIndexes } from './teams/team.repository';
import { ensureUserIndexes } from './users/user.repository';
import { enableCaseCache, ensureCaseIndexes } from './case-store/case.repository';
import { ensureCaseSummaryIndexes } from './case-store/case-summary.repository';
import { reconcileCaseSummaries } from './case-store/case-summary-sync';
import { ensureCaseReportIndexes } from './case-store/case-report.repository';
import { caseReportReconciliation } from './case-store/case-report-sync';
import { migrateStoredSnapshots } from './case-store/migrate-stored-snapshots';
import { archiveStoredClosedTrajectories } from './case-store/archive-stored-trajectories';
import { encodeStoredOpenHistories } from './case-store/open-history.repository';
import {
  recordSummaryCheckpoint,
  summaryCheckpoint,
} from './case-store/summary-checkpoint.repository';
import { prepareDemoData } from './demo/demo-at-startup';
import { ensureOpdrachtgeverIndexes } from './organisations/opdrachtgever.repository';
import { ensureOpdrachtgevers } from './case-store/assign-opdrachtgevers';
import { startSweeper } from './sweeper/sweeper-loop';

export interface BackgroundTasks {
  stop(): Promise<void>;
}

/**
 * Everything that happens once at start-up after the database is reachable and before the port
 * opens: indexes, the bootstrap administrator, demo data, and the deadline sweeper loop.
 */
export async function startupTasks(
  context: AppContext,
  options: { embedded: boolean },
): Promise<BackgroundTasks> {
  await Promise.all([
    ensureUserIndexes(context.db),
    ensureTeamIndexes(context.db),
    ensureSessionIndexes(context.db),
    ensureAuditIndexes(context.db),
    ensureLoginAttemptIndexes(context.db),
    ensureOpdrachtgeverIndexes(context.db),
    ensureCaseSummaryIndexes(context.db),
    ensureCaseReportIndexes(context.db),
  ]);
  await ensureCaseIndexes(context.db);
  // Decision 045: only the cases written since the last reconciled start need checking.
  const startedAt = context.clock.now();
  const changedSince = await summaryCheckpoint(context);
  await migrateStoredSnapshots(context); // decision 009: stored snapshots follow the machine version
  const moved = await archiveStoredClosedTrajectories(context); // decision 064, once per database
  if (moved.archived)
    console.log(`Closed trajectories archived: ${moved.archived} cases (decision 064).`);
  const encoded = await encodeStoredOpenHistories(context.db, context.clock.now()); // 067, once
  if (encoded.encoded)
    console.log(`Open histories stored as entry texts: ${encoded.encoded} cases (decision 067).`);
  await prepareDemoData(context, options); // before the administrator, who then joins the demo organisation
  // SPEC §4.1: every case belongs to one (older cases: the default). It changes cases without
  // touching updatedAt, so when it changed any, every case is checked.
  const assigned = await ensureOpdrachtgevers(context);
  // Decisions 026, 046: after every start-up fix of the cases, so the read models say what they
  // say; one pass over the cases feeds both. Decision 040: audit entries a crash left uncopied
  // reach the audit log here, before the port opens (the outbox of every case whose summary is
  // rebuilt is copied first).
  const since = assigned ? null : changedSince;
  const reports = await caseReportReconciliation(context, since);
  const summaries = await reconcileCaseSummaries(context, {
    changedSince: since,
    alsoEachBatch: reports.reconcile,
  });
  const reportDocuments = await reports.finish();
  await recordSummaryCheckpoint(context, startedAt);
  if (summaries.rebuilt || summaries.removed)
    console.log(
      `Case summaries: checked ${summaries.checked}, rebuilt ${summaries.rebuilt}, removed ${summaries.removed} (missing or stale); audit entries copied: ${summaries.copied}.`,
    );
  if (reportDocuments.rebuilt || reportDocuments.removed)
    console.log(
      `Case reports: rebuilt ${reportDocuments.rebuilt}, removed ${reportDocuments.removed} (missing or stale).`,
    );
  // Decision 065: the one writing process keeps the cases it reads and writes.
  if (context.config.writeConcurrency === 'auto') enableCaseCache(context.db);
  const admin = await bootstrapAdministrator(context);
  if (admin === 'created') console.log(`Created administrator ${context.config.admin?.username}.`);
  const stops: Array<() => Promise<void>> = [];
  if (context.config.sweepIntervalMs > 0) {
    const sweeper = startSweeper(context, context.config.sweepIntervalMs);
    stops.push(() => sweeper.stop());
  }
  return {
    stop: async () => {
      for (const stop of stops) await stop();
    },
  };
}
