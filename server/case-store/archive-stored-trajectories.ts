import type { AppContext } from '../app-context';
import { logger } from '../logger';
import { writeCase } from './case-writer';
import { findCaseForSystem, findCaseIdsWithWholeClosedTrajectories } from './case.repository';
import { isArchived } from './case.types';
import { archiveMigrationDone, recordArchiveMigration } from './trajectory-archive.repository';

/**
 * Start-up, once per database (decision 064): cases stored before closed trajectories were
 * archived move their closed trajectories' histories and snapshots to `trajectory_archives`. Each
 * case goes through writeCase, which archives them before its conditional write, exactly as the
 * next event on that case would; nothing a user sees changes, so neither `updatedAt` nor the audit
 * log does. Reads take both forms, so a case left whole (a failure, a writer of an older version)
 * is only bigger, never wrong, and its next write archives it.
 */
export async function archiveStoredClosedTrajectories(
  context: AppContext,
): Promise<{ archived: number; failed: number }> {
  const db = context.db;
  if (await archiveMigrationDone(db)) return { archived: 0, failed: 0 };
  let archived = 0;
  let failed = 0;
  for (const id of await findCaseIdsWithWholeClosedTrajectories(db)) {
    try {
      const { written } = await writeCase(
        context,
        id,
        () => findCaseForSystem(db, id),
        (current) =>
          current.closedTrajectories.every(isArchived)
            ? { result: null }
            : { result: null, write: { ...current, version: current.version + 1 } },
      );
      if (written) archived += 1;
    } catch (error) {
      failed += 1;
      logger.error({ err: error, caseId: id }, 'archiving closed trajectories failed');
    }
  }
  // After a failure the next start tries again.
  if (!failed) await recordArchiveMigration(db, context.clock.now());
  return { archived, failed };
}
