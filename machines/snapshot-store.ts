import type { SnapshotFrom } from 'xstate';
import { isTrede } from './ladder';
import { machineFor, type TrajectoryMachine } from './machine-registry';
import { CURRENT_MACHINE_VERSIONS, migrateSnapshot } from './migrations';
import { isCatalogueCode, isProductCode, MACHINE_OF_PRODUCT } from './products';
import type { TrajectoryContext } from './trajectory-context';
import type { MachineId, PersistedTrajectory, Rejection } from './types';

export type TrajectorySnapshot = SnapshotFrom<TrajectoryMachine>;

export interface Restored {
  machineId: MachineId;
  machine: TrajectoryMachine;
  snapshot: TrajectorySnapshot;
}

/** Every field a version-3 context has; a stored context missing one is not readable. */
const CONTEXT_KEYS: ReadonlyArray<keyof TrajectoryContext> = [
  'product',
  'machineId',
  'terms',
  'registeredAt',
  'startedAt',
  'stepStartedAt',
  'step',
  'deadlineAt',
  'targetTrede',
  'currentTrede',
  'extensionsThisStep',
  'suspendedAt',
  'suspendedDaysThisStep',
  'suspendedDaysTotal',
  'returnTo',
  'deadlinePassedWhileAway',
  'stateEnteredAt',
  'lastActivityAt',
  'lastEventAt',
  'lastUserEventAt',
  'derivedFrom',
  'previousTrede',
  'lastAssessedAt',
  'relapseAt',
  'growthAt',
  'eventFlags',
  'begeleiderId',
  'conclusion',
  'closeOutcome',
];

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

function contextProblem(machineId: MachineId, context: unknown): string | null {
  if (!isRecord(context)) return 'context is missing';
  const missing = CONTEXT_KEYS.filter((key) => !(key in context));
  if (missing.length > 0) return `context lacks ${missing.join(', ')}`;
  // A variant (SPEC §4.1) may run on any family; a built-in code only on its own machine.
  const product = context.product;
  const fits = isProductCode(product)
    ? MACHINE_OF_PRODUCT[product] === machineId
    : isCatalogueCode(product) && (context as { machineId?: unknown }).machineId === machineId;
  if (!fits) {
    return `product ${String(context.product)} does not run on ${machineId}`;
  }
  if (!isTrede(context.currentTrede)) return 'currentTrede is not a trede';
  if (!isRecord(context.terms) || !Array.isArray(context.eventFlags)) return 'context is malformed';
  if (typeof context.lastEventAt !== 'string' || typeof context.registeredAt !== 'string')
    return 'dates are missing';
  return null;
}

function unreadable(message: string): Rejection {
  return { ok: false, code: 'MIGRATION_FAILED', message, allowedEvents: [] };
}

/**
 * A stored snapshot back as an xstate snapshot: migrated first, then checked, then rebuilt with
 * `machine.resolveState` (pure). Never throws: an unreadable snapshot is a MIGRATION_FAILED value.
 */
export function restore(stored: PersistedTrajectory): Restored | Rejection {
  const migrated = migrateSnapshot(stored);
  if (!migrated.ok) return migrated;
  const { machineId, snapshot } = migrated.persisted;
  if (!isRecord(snapshot)) return unreadable('The stored snapshot is not an object');
  const value = snapshot.value;
  // Own keys only: the states object is a plain object ('toString' is no state).
  if (typeof value !== 'string' || !Object.hasOwn(machineFor(machineId).root.states, value)) {
    return unreadable(`${machineId} has no state ${JSON.stringify(value)}`);
  }
  const problem = contextProblem(machineId, snapshot.context);
  if (problem) return unreadable(`The stored ${machineId} snapshot is unreadable: ${problem}`);
  const machine = machineFor(machineId);
  try {
    const restored = {
      ...resolvedState(machineId, value),
      context: snapshot.context as TrajectoryContext,
    };
    return { machineId, machine, snapshot: restored };
  } catch (error) {
    return unreadable(
      `Restoring ${machineId} failed: ${error instanceof Error ? error.message : 'unknown'}`,
    );
  }
}

/**
 * What `machine.resolveState` derives from a state value alone (its nodes, tags, status, the
 * value itself) is the same for every trajectory in that state, and resolving it again was two
 * thirds of `restore` (decision 055). So it is resolved once per machine and state, and a stored
 * snapshot is that resolved state with its own context: the context is the one field of a
 * snapshot that `resolveState` takes over untouched. snapshot-store.test.ts checks the result
 * against `resolveState` for every reachable state. Nothing of a trajectory is kept.
 */
const resolvedStates = new Map<MachineId, Map<string, TrajectorySnapshot>>();

function resolvedState(machineId: MachineId, value: string): TrajectorySnapshot {
  let states = resolvedStates.get(machineId);
  if (!states) {
    states = new Map();
    resolvedStates.set(machineId, states);
  }
  let state = states.get(value);
  if (!state) {
    state = machineFor(machineId).resolveState({ value, context: UNRESOLVED_CONTEXT });
    states.set(value, state);
  }
  return state;
}

/** Stands in for a context in the shared resolved states; every restore replaces it. */
const UNRESOLVED_CONTEXT = Object.freeze({}) as TrajectoryContext;

/**
 * The stored form. Its context holds only JSON values by construction (dates are ISO strings), and
 * every consumer either writes it as JSON (the server's `snapshotJson`) or restores it, so it is
 * not copied through a JSON round trip here: that copy was a third of `persist`'s callers' time
 * (bench "Engine"). machines/persistence.test.ts checks that the JSON of it restores to the same.
 *
 * It is written here field by field, the way xstate's `getPersistedSnapshot` lays it out: xstate's
 * own copies the snapshot with an object rest (a slow path in V8) and walks the context for actor
 * references, 12% of the engine's time per event (decision 055). These machines spawn and invoke
 * nothing and have no history states, so `children` and `historyValue` are always empty; should
 * one ever not be, xstate's own is used. snapshot-store.test.ts checks both give the same JSON.
 */
export function persist(machineId: MachineId, snapshot: TrajectorySnapshot): PersistedTrajectory {
  return {
    machineId,
    machineVersion: CURRENT_MACHINE_VERSIONS[machineId],
    snapshot: persistedForm(machineId, snapshot),
  };
}

function persistedForm(machineId: MachineId, snapshot: TrajectorySnapshot): unknown {
  if (!isEmpty(snapshot.children) || !isEmpty(snapshot.historyValue)) {
    return machineFor(machineId).getPersistedSnapshot(snapshot);
  }
  return {
    status: snapshot.status,
    output: snapshot.output,
    error: snapshot.error,
    value: snapshot.value,
    historyValue: {},
    context: snapshot.context,
    children: {},
  };
}

function isEmpty(value: object): boolean {
  for (const _key in value) return false;
  return true;
}
