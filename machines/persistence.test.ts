import { plusDays } from './calendar';
import { applyEvent, describeTrajectory, sweepDeadline } from './engine';
import { MACHINE_IDS } from './machine-ids';
import { DEFAULT_SETTINGS } from './products';
import { persist, restore } from './snapshot-store';
import { begeleider, LATER, teamleider } from './test-support';
import { MODEL_SAMPLES, modelEvents, reachableSnapshots, serializeState } from './test-model';
import type { Role } from './types';

/**
 * Persist → JSON → restore gives the same behaviour, for every reachable state (like xstate's
 * own rehydration tests): the server stores nothing but this JSON.
 */
const settings = DEFAULT_SETTINGS;
const ROLES: Role[] = ['begeleider', 'teamleider', 'beleid', 'beheerder'];

describe.each(MACHINE_IDS)('JSON round trip: %s', (id) => {
  it.each(reachableSnapshots(id).map((snapshot) => [serializeState(snapshot), snapshot] as const))(
    '%s',
    (_key, snapshot) => {
      const persisted = persist(id, snapshot);
      const roundTripped = JSON.parse(JSON.stringify(persisted)) as typeof persisted;

      // The restored xstate snapshot is the same state with the same context and the same answers.
      const restored = restore(roundTripped);
      if ('ok' in restored) throw new Error(restored.message);
      expect(restored.snapshot.value).toBe(snapshot.value);
      expect(restored.snapshot.status).toBe(snapshot.status);
      expect(restored.snapshot.context).toEqual(snapshot.context);
      for (const event of modelEvents(snapshot))
        expect(restored.snapshot.can(event)).toBe(snapshot.can(event));

      for (const role of ROLES) {
        expect(describeTrajectory(roundTripped, role, settings)).toEqual(
          describeTrajectory(persisted, role, settings),
        );
      }
      const times = [snapshot.context.lastEventAt, plusDays(snapshot.context.lastEventAt, 400)];
      for (const occurredAt of times) {
        for (const event of MODEL_SAMPLES) {
          const actor =
            event.type === 'EXTEND' || event.type === 'REASSIGN' ? teamleider : begeleider;
          const input = { event, occurredAt, now: LATER, actor, settings };
          expect(applyEvent({ ...input, persisted: roundTripped })).toEqual(
            applyEvent({ ...input, persisted }),
          );
        }
      }
      expect(sweepDeadline({ persisted: roundTripped, now: LATER, settings })).toEqual(
        sweepDeadline({ persisted, now: LATER, settings }),
      );
    },
  );
});
