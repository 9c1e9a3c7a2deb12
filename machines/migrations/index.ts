import { isMachineId } from '../machine-ids';
import type { MachineId, PersistedTrajectory, Rejection } from '../types';
import { snapshotV1ToV2 } from './v1-to-v2';
import { snapshotV2ToV3 } from './v2-to-v3';

/**
 * Stored snapshots carry their machine id and version (SPEC §2.3). A change of a machine's
 * states or context bumps its version here and registers a migration from the previous version.
 * The engine migrates every snapshot before it restores one, because xstate puts a restored
 * actor with an unknown state value in `status: 'error'` instead of refusing it.
 */
export const CURRENT_MACHINE_VERSIONS: Record<MachineId, number> = {
  ontwikkeltraject: 3,
  stabiel: 3,
  herontdekken: 3,
};

type Migration = (snapshot: unknown) => unknown;

/** Keyed by machine id, then by the version a migration upgrades *from*. */
export const MIGRATIONS: Record<MachineId, Readonly<Record<number, Migration>>> = {
  ontwikkeltraject: { 1: snapshotV1ToV2, 2: snapshotV2ToV3 },
  stabiel: { 1: snapshotV1ToV2, 2: snapshotV2ToV3 },
  herontdekken: { 1: snapshotV1ToV2, 2: snapshotV2ToV3 },
};

function refuse(code: 'UNKNOWN_MACHINE' | 'MIGRATION_FAILED', message: string): Rejection {
  return { ok: false, code, message, allowedEvents: [] };
}

/** Upgrades a stored snapshot to the current version of its machine; never throws. */
export function migrateSnapshot(
  persisted: PersistedTrajectory,
): { ok: true; persisted: PersistedTrajectory } | Rejection {
  const { machineId, machineVersion } = persisted;
  if (!isMachineId(machineId))
    return refuse('UNKNOWN_MACHINE', `Unknown machine id ${String(machineId)}`);
  const current = CURRENT_MACHINE_VERSIONS[machineId];
  if (!Number.isInteger(machineVersion) || machineVersion < 1 || machineVersion > current) {
    return refuse(
      'MIGRATION_FAILED',
      `No migration from ${machineId} version ${String(machineVersion)} to ${current}`,
    );
  }
  let snapshot = persisted.snapshot;
  for (let version = machineVersion; version < current; version += 1) {
    const migration = MIGRATIONS[machineId][version];
    if (!migration)
      return refuse('MIGRATION_FAILED', `No migration from ${machineId} version ${version}`);
    try {
      snapshot = migration(snapshot);
    } catch (error) {
      const reason = error instanceof Error ? error.message : 'unreadable';
      return refuse(
        'MIGRATION_FAILED',
        `Migrating ${machineId} from version ${version} failed: ${reason}`,
      );
    }
  }
  return { ok: true, persisted: { machineId, machineVersion: current, snapshot } };
}
