import type { AnyStateNode, AnyTransitionDefinition } from 'xstate';
import { MACHINE_IDS } from './machine-ids';
import { machineFor, stateKeysOf } from './machine-registry';
import type { MachineId, TrajectoryStateKey } from './types';

const EXPECTED_STATES: Record<MachineId, TrajectoryStateKey[]> = {
  ontwikkeltraject: [
    'registered',
    'active',
    'stepAchieved',
    'overdue',
    'suspended',
    'droppedOut',
    'closed',
  ],
  stabiel: ['registered', 'active', 'reviewDue', 'suspended', 'droppedOut', 'closed'],
  herontdekken: ['registered', 'active', 'overdue', 'suspended', 'droppedOut', 'closed'],
};

function transitions(id: MachineId): AnyTransitionDefinition[] {
  return (Object.values(machineFor(id).root.states) as AnyStateNode[]).flatMap((node) =>
    [...node.transitions.values()].flat(),
  );
}

const actionType = (action: unknown) =>
  typeof action === 'string' ? action : (action as { type?: string }).type;

describe('machine definitions (SPEC §2.3)', () => {
  it.each(MACHINE_IDS)('%s has exactly the SPEC state keys', (id) => {
    expect(stateKeysOf(id)).toEqual(EXPECTED_STATES[id]);
  });

  it.each(MACHINE_IDS)('%s: every transition records its event first (touch)', (id) => {
    for (const transition of transitions(id)) {
      expect([transition.eventType, actionType(transition.actions[0])]).toEqual([
        transition.eventType,
        'touch',
      ]);
    }
  });

  it.each(MACHINE_IDS)('%s uses no delayed transitions: deadlines are data', (id) => {
    for (const node of Object.values(machineFor(id).root.states) as AnyStateNode[])
      expect(node.after).toEqual([]);
  });
});
