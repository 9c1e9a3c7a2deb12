import type { AppContext } from './app-context';
import { ensureAuditIndexes } from './audit/audit.repository';
import { bootstrapAdministrator } from './auth/bootstrap-admin';
import { ensureLoginAttemptIndexes } from './auth/login-attempts.repository';
import { ensureSessionIndexes } from './sessions/session.repository';
import { ensureTeamIndexes } from './teams/team.repository';
import { ensureUserIndexes } from './users/user.repository';
import { ensureCaseIndexes } from './case-store/case.repository';
import { flushPendingAudit } from './case-store/case-writer';
import { ensureCaseSummaryIndexes } from './case-store/case-summary.repository';
import { reconcileCaseSummaries } from './case-store/case-summary-sync';
import { migrateStoredSnapshots } from './case-store/migrate-stored-snapshots';
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
  ]);
  await ensureCaseIndexes(context.db);
  // Decision 045: only the cases written since the last reconciled start need checking.
  const startedAt = context.clock.now();
  const changedSince = await summaryCheckpoint(context);
  // Audit entries a crash left in case outboxes reach the audit log before anything else runs.
  const flushed = await flushPendingAudit(context, changedSince);
  if (flushed) console.log(`Audit: flushed the pending entries of ${flushed} cases.`);
  await migrateStoredSnapshots(context); // decision 009: stored snapshots follow the machine version
  await prepareDemoData(context, options); // before the administrator, who then joins the demo organisation
  // SPEC §4.1: every case belongs to one (older cases: the default). It changes cases without
  // touching updatedAt, so when it changed any, every summary is checked.
  const assigned = await ensureOpdrachtgevers(context);
  // Decision 026: after every start-up fix of the cases, so their summaries say what they say.
  const summaries = await reconcileCaseSummaries(context, assigned ? null : changedSince);
  await recordSummaryCheckpoint(context, startedAt);
  if (summaries.rebuilt || summaries.removed)
    console.log(
      `Case summaries: checked ${summaries.checked}, rebuilt ${summaries.rebuilt}, removed ${summaries.removed} (missing or stale).`,
    );
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
