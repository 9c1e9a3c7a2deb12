import { MACHINE_IDS } from './machine-ids';
import { machineFor } from './machine-registry';
import { persist, restore, type TrajectorySnapshot } from './snapshot-store';
import { reachableSnapshots, reachableSnapshotsAndNext, serializeState } from './test-model';

/**
 * persist writes xstate's persisted form itself, and restore reuses one resolved state per
 * machine and state value (decision 055): both must give exactly what xstate's own
 * `getPersistedSnapshot` and `resolveState` give, for every reachable state.
 */

describe.each(MACHINE_IDS)('stored snapshots: %s', (id) => {
  const machine = machineFor(id);
  const cases = reachableSnapshotsAndNext(id).map(
    (snapshot) => [serializeState(snapshot), snapshot] as const,
  );

  it.each(cases)('persist of %s is getPersistedSnapshot, down to its JSON', (_key, snapshot) => {
    const own = persist(id, snapshot).snapshot;
    const xstates = machine.getPersistedSnapshot(snapshot);
    expect(own).toEqual(xstates);
    expect(JSON.stringify(own)).toBe(JSON.stringify(xstates));
  });

  it.each(cases)('restore of %s is resolveState', (_key, snapshot) => {
    const stored = JSON.parse(JSON.stringify(persist(id, snapshot))) as ReturnType<typeof persist>;
    const restored = restore(stored);
    if ('ok' in restored) throw new Error(restored.message);
    const resolved = machine.resolveState({
      value: snapshot.value,
      context: (stored.snapshot as { context: TrajectorySnapshot['context'] }).context,
    });
    expect(restored.snapshot).toEqual(resolved);
    expect(Object.keys(restored.snapshot)).toEqual(Object.keys(resolved));
    expect([...restored.snapshot.tags]).toEqual([...resolved.tags]);
    expect(restored.snapshot._nodes).toEqual(resolved._nodes);
  });

  it('keeps nothing of one trajectory in the next one restored in the same state', () => {
    const [first, second] = cases
      .map(([, snapshot]) => snapshot)
      .filter((s) => s.value === 'active');
    if (!first || !second) throw new Error('expected two active snapshots');
    const a = restore(persist(id, first));
    const b = restore(
      persist(id, { ...second, context: { ...second.context, begeleiderId: 'other' } }),
    );
    if ('ok' in a || 'ok' in b) throw new Error('unreadable');
    expect(a.snapshot.context).toEqual(first.context);
    expect(b.snapshot.context.begeleiderId).toBe('other');
    expect(a.snapshot.context.begeleiderId).toBe(first.context.begeleiderId);
  });
});

describe('restore refuses a state the machine does not have', () => {
  it.each(['toString', 'constructor', '__proto__', 'nowhere'])('%s', (value) => {
    const [snapshot] = reachableSnapshots('ontwikkeltraject');
    if (!snapshot) throw new Error('no reachable snapshot');
    const stored = persist('ontwikkeltraject', snapshot);
    const restored = restore({ ...stored, snapshot: { ...(stored.snapshot as object), value } });
    expect(restored).toMatchObject({ ok: false, code: 'MIGRATION_FAILED' });
  });
});
