import type { AnyStateMachine } from 'xstate';
import { herontdekkenMachine } from './herontdekken';
import { ontwikkeltrajectMachine } from './ontwikkeltraject';
import { stabielMachine } from './stabiel';
import type { MachineId, TrajectoryStateKey } from './types';

/**
 * The three machines share one `setup` (context, events, guards, actions); they differ only in
 * their states. The engine works with all three through this one type.
 */
export type TrajectoryMachine = typeof ontwikkeltrajectMachine;

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
