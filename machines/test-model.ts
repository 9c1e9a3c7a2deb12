import { transition } from 'xstate';
import { createTestModel } from 'xstate/graph';
import { plusDays } from './calendar';
import { EVENT_SAMPLES } from './event-payload';
import { machineFor } from './machine-registry';
import { TEAMLEIDER_EVENTS } from './permissions';
import { DEFAULT_SETTINGS } from './products';
import { nextTarget } from './shared-rules';
import type { TrajectorySnapshot } from './snapshot-store';
import { begeleider, teamleider } from './test-support';
import type { MachineEvent, TrajectoryInput } from './trajectory-context';
import type { ClientEventType, MachineId, TrajectoryEvent } from './types';

/**
 * The test model of each machine (xstate/graph), shared by the model-based and the persistence
 * tests: which events a step may send, and which abstract states count as different.
 */

const settings = DEFAULT_SETTINGS;

export const INPUTS: Record<MachineId, TrajectoryInput> = {
  ontwikkeltraject: {
    product: 'ONT',
    productSettings: settings.products.ONT,
    targetTrede: 3,
    currentTrede: 2,
    registeredAt: '2026-01-05T09:00:00.000Z',
  },
  stabiel: {
    product: 'STA-3',
    productSettings: settings.products['STA-3'],
    targetTrede: null,
    currentTrede: 3,
    registeredAt: '2026-01-05T09:00:00.000Z',
  },
  herontdekken: {
    product: 'HER',
    productSettings: settings.products.HER,
    targetTrede: null,
    currentTrede: 1,
    registeredAt: '2026-01-05T09:00:00.000Z',
  },
};

/** A smaller sample set for the traversal; every guard outcome is still covered. */
export const MODEL_SAMPLES: TrajectoryEvent[] = EVENT_SAMPLES.filter(
  (event) =>
    event.type !== 'CONCLUDE' ||
    (event.trede === 2 && event.route === 'geen') ||
    (event.trede === 3 && (event.route === 'ontwikkeltraject' || event.route === 'stabiel')) ||
    (event.trede === 5 && event.route === 'ontwikkeltraject'),
).filter((event) => event.type !== 'EXTEND' || event.months === 1);

/** Events of a model step: one day after the previous event; DEADLINE_PASSED at the deadline. */
export function modelEvents(snapshot: TrajectorySnapshot): MachineEvent[] {
  const { lastEventAt, deadlineAt } = snapshot.context;
  const occurredAt = plusDays(lastEventAt, 1);
  const events: MachineEvent[] = MODEL_SAMPLES.flatMap((event) =>
    TEAMLEIDER_EVENTS.has(event.type as ClientEventType)
      ? [
          { ...event, occurredAt, actor: teamleider },
          { ...event, occurredAt, actor: begeleider },
        ]
      : [{ ...event, occurredAt, actor: begeleider }],
  ) as MachineEvent[];
  if (deadlineAt !== null && Date.parse(deadlineAt) >= Date.parse(lastEventAt)) {
    events.push({ type: 'DEADLINE_PASSED', occurredAt: deadlineAt, actor: null });
  }
  return events;
}

/** The abstract state: what decides which events are possible, not the dates. */
export function serializeState(snapshot: TrajectorySnapshot): string {
  const context = snapshot.context;
  if (snapshot.status === 'done') return JSON.stringify([snapshot.value]);
  return JSON.stringify([
    snapshot.value,
    context.returnTo,
    context.deadlinePassedWhileAway,
    context.extensionsThisStep,
    nextTarget(context) <= 5,
  ]);
}

export function modelOf(id: MachineId) {
  return createTestModel(machineFor(id), {
    input: INPUTS[id],
    events: modelEvents,
    serializeState: (snapshot) => serializeState(snapshot as TrajectorySnapshot),
  });
}

/** One representative snapshot per abstract state that the machine can reach. */
export function reachableSnapshots(id: MachineId): TrajectorySnapshot[] {
  return Object.values(modelOf(id).getAdjacencyMap()).map(
    (entry) => entry.state as TrajectorySnapshot,
  );
}

/**
 * The reachable states and one step further from each: other contexts (deadlines, targets) and
 * final states, for tests that compare a shortcut with xstate's own answer on every snapshot.
 */
export function reachableSnapshotsAndNext(id: MachineId): TrajectorySnapshot[] {
  const machine = machineFor(id);
  return reachableSnapshots(id).flatMap((snapshot) => [
    snapshot,
    ...modelEvents(snapshot)
      .filter((event) => snapshot.can(event))
      .map((event) => transition(machine, snapshot, event)[0]),
  ]);
}
