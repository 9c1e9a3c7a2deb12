import { createActor, type ActorScope, type AnyStateMachine, type SnapshotFrom } from 'xstate';
import { herontdekkenMachine } from './herontdekken';
import { ontwikkeltrajectMachine } from './ontwikkeltraject';
import { stabielMachine } from './stabiel';
import type { MachineEvent, TrajectoryInput } from './trajectory-context';
import type { MachineId, TrajectoryStateKey } from './types';

/**
 * The three machines share one `setup` (context, events, guards, actions); they differ only in
 * their states. The engine works with all three through this one type.
 */
export type TrajectoryMachine = typeof ontwikkeltrajectMachine;
type Snapshot = SnapshotFrom<TrajectoryMachine>;

const MACHINES: Record<MachineId, AnyStateMachine> = {
  ontwikkeltraject: ontwikkeltrajectMachine,
  stabiel: stabielMachine,
  herontdekken: herontdekkenMachine,
};

export function machineFor(id: MachineId): TrajectoryMachine {
  // Same setup, different state keys: the narrower state-value type of ONT is a safe view.
  return MACHINES[id] as TrajectoryMachine;
}

/** The state keys of a machine, in definition order. */
export function stateKeysOf(id: MachineId): TrajectoryStateKey[] {
  return Object.keys(MACHINES[id].root.states) as TrajectoryStateKey[];
}

const ignore = (): void => undefined;

/**
 * xstate's pure `transition(machine, snapshot, event)` and `initialTransition` build a new inert
 * actor scope on every call, and the actor inside it computes the machine's whole initial snapshot
 * (context factory, initial microstep) only to discard it: ~45% of xstate's time per event
 * (decision 055). The scope holds nothing of a trajectory: it is what the actions' `self`,
 * `system` and `spawn` see, and these machines spawn and invoke nothing, and every action is an
 * `assign` (resolved into the next snapshot, never executed). So one scope per machine
 * definition gives the same snapshots; the actions xstate would hand back are ignored, as before.
 */
const scopes = new Map<MachineId, ActorScope<Snapshot, MachineEvent>>();

function scopeOf(id: MachineId): ActorScope<Snapshot, MachineEvent> {
  const known = scopes.get(id);
  if (known) return known;
  // Without input: its own initial snapshot is never read (trajectory-context.ts NO_INPUT).
  const self = createActor(MACHINES[id]) as unknown as ActorScope<Snapshot, MachineEvent>['self'];
  const scope: ActorScope<Snapshot, MachineEvent> = {
    self,
    id: '',
    sessionId: '',
    system: self.system,
    logger: ignore,
    defer: ignore,
    emit: ignore,
    stopChild: ignore,
    actionExecutor: ignore,
  };
  scopes.set(id, scope);
  return scope;
}

/** The next snapshot (xstate's `transition` without its per-call actor; pure). */
export function nextSnapshot(id: MachineId, snapshot: Snapshot, event: MachineEvent): Snapshot {
  return machineFor(id).transition(snapshot, event, scopeOf(id));
}

/** A new trajectory's first snapshot (xstate's `initialTransition`, same scope; pure). */
export function firstSnapshot(id: MachineId, input: TrajectoryInput): Snapshot {
  return machineFor(id).getInitialSnapshot(scopeOf(id), input);
}
