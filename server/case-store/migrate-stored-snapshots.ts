import { CURRENT_MACHINE_VERSIONS, describeTrajectory, migrateSnapshot } from '../../machines';
import type { AppContext } from '../app-context';
import { logger } from '../logger';
import { loadOrganisationSettings } from '../organisations/settings';
import { computeSweepDueAt, storeSummary, toPersisted } from './trajectory-record';
import { writeCase } from './case-writer';
import { findCaseForSystem, findCaseIdsWithOldSnapshot } from './case.repository';

/**
 * At start-up (SPEC §2.3 "changing a machine definition ships a migration for stored snapshots"):
 * every open trajectory whose snapshot is older than its machine is migrated by the engine and its
 * indexed summary rewritten, so the signals' queries see the new fields (e.g. Stabiel's lasting
 * terugval, decision 008) without waiting for the trajectory's next event. The engine would migrate
 * on read anyway; this only makes the stored copy current. The trajectory's own version is kept
 * (nothing happened to it); the case version moves, so a concurrent event simply retries.
 */
export async function migrateStoredSnapshots(
  context: AppContext,
): Promise<{ migrated: number; failed: number }> {
  const ids = await findCaseIdsWithOldSnapshot(context.db, CURRENT_MACHINE_VERSIONS);
  let migrated = 0;
  let failed = 0;
  for (const id of ids) {
    try {
      const { written } = await writeCase(
        context,
        id,
        () => findCaseForSystem(context.db, id),
        async (current) => {
          const open = current.openTrajectory;
          if (!open || open.machineVersion >= CURRENT_MACHINE_VERSIONS[open.machineId])
            return { result: null };
          const result = migrateSnapshot(toPersisted(open));
          if (!result.ok) throw new Error(`${result.code}: ${result.message}`);
          const settings = await loadOrganisationSettings(context, current.orgId);
          const { summary } = describeTrajectory(result.persisted, 'begeleider', settings);
          const now = context.clock.now();
          return {
            result: null,
            write: {
              ...current,
              openTrajectory: {
                ...open,
                machineVersion: result.persisted.machineVersion,
                snapshotJson: JSON.stringify(result.persisted.snapshot),
                summary: storeSummary(summary),
                sweepDueAt: computeSweepDueAt(result.persisted, settings),
              },
              version: current.version + 1,
              updatedAt: now,
            },
          };
        },
      );
      if (written) migrated += 1;
    } catch (error) {
      failed += 1;
      logger.error({ err: error, caseId: id }, 'migrating a stored snapshot failed');
    }
  }
  if (migrated || failed) logger.info({ migrated, failed }, 'stored trajectory snapshots migrated');
  return { migrated, failed };
}
