import { initialTransition, transition } from 'xstate';
import { MACHINE_IDS } from './machine-ids';
import { firstSnapshot, machineFor, nextSnapshot } from './machine-registry';
import { INPUTS, modelEvents, reachableSnapshots, serializeState } from './test-model';

/**
 * nextSnapshot and firstSnapshot reuse one inert actor scope per machine instead of xstate's new
 * one per call (decision 055): they must give exactly xstate's own snapshots, however often the
 * scope has been used before.
 */
describe.each(MACHINE_IDS)('one actor scope per machine: %s', (id) => {
  const machine = machineFor(id);

  it('the first snapshot is initialTransition’s', () => {
    const [expected] = initialTransition(machine, INPUTS[id]);
    const actual = firstSnapshot(id, INPUTS[id]);
    expect(actual.value).toBe(expected.value);
    expect(actual.status).toBe(expected.status);
    expect(machine.getPersistedSnapshot(actual)).toEqual(machine.getPersistedSnapshot(expected));
  });

  it.each(reachableSnapshots(id).map((snapshot) => [serializeState(snapshot), snapshot] as const))(
    'every model event from %s gives transition’s snapshot',
    (_key, snapshot) => {
      for (const event of modelEvents(snapshot)) {
        const [expected] = transition(machine, snapshot, event);
        const actual = nextSnapshot(id, snapshot, event);
        expect(actual.value).toBe(expected.value);
        expect(actual.status).toBe(expected.status);
        expect(machine.getPersistedSnapshot(actual)).toEqual(
          machine.getPersistedSnapshot(expected),
        );
      }
    },
  );
});
