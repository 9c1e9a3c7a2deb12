/**
 * Where the engine suite's time goes (decision 055): the same 3000 samples as `bench/suites/engine.ts`
 * (200 active generated trajectories, one RECORD_CONTACT at BENCH_NOW), timed step by step, next to
 * xstate's own floor: a trivial machine with the same context (same snapshot size) and the same two
 * assign actions, restored, transitioned and persisted with xstate's public API.
 *
 *   npx tsx bench/engine-profile.ts
 *   PROFILE=1 node --cpu-prof --cpu-prof-dir=/tmp/engine-prof --import tsx bench/engine-profile.ts
 *
 * With PROFILE=1 it only replays applyEvent (ten passes) for a CPU profile. Prints p50s in µs;
 * writes nothing.
 */
import {
  assign,
  createActor,
  createMachine,
  transition,
  type ActorScope,
  type SnapshotFrom,
} from 'xstate';
import { nextSnapshot } from '../machines/machine-registry';
import { allowedEventsFor, canTake } from '../machines/permissions';
import { persist, restore } from '../machines/snapshot-store';
import { summarize } from '../machines/summary';
import type { MachineEvent, TrajectoryContext } from '../machines/trajectory-context';
import type { TrajectoryRecord } from '../server/case-store/case.types';
import { toPersisted } from '../server/case-store/trajectory-record';
import { percentile } from './support';
import { engineSamples } from './suites/engine';

const SAMPLES = 3000;
const { open, settings, actor, at, event, contact } = engineSamples();
const envelope = { ...event, occurredAt: at, actor } as MachineEvent;

function engineEvent(trajectory: TrajectoryRecord): void {
  const outcome = contact(trajectory);
  if (!outcome.ok) throw new Error(`engine refused: ${outcome.message}`);
  JSON.stringify(outcome.persisted.snapshot);
}

if (process.env.PROFILE) {
  for (let pass = 0; pass < 10; pass += 1)
    for (let round = 0; round < SAMPLES; round += 1) engineEvent(open[round % open.length]!);
  process.exit(0);
}

/**
 * xstate's floor for the same work: one state, RECORD_CONTACT with two assigns like the real
 * machines' ['touch', 'recordContact'], the trajectories' own contexts.
 */
const trivial = createMachine({
  types: {} as { context: TrajectoryContext; events: MachineEvent },
  context: ({ input }) => input as TrajectoryContext,
  initial: 'active',
  states: {
    active: {
      on: {
        RECORD_CONTACT: {
          actions: [
            assign(({ event }) => ({ lastEventAt: event.occurredAt, eventFlags: [] })),
            assign(({ event }) => ({ lastActivityAt: event.occurredAt })),
          ],
        },
      },
    },
  },
});
type TrivialSnapshot = SnapshotFrom<typeof trivial>;
const ignore = (): void => undefined;
const trivialSelf = createActor(trivial);
/** What machine-registry.ts keeps per machine: one inert scope instead of one per transition. */
const trivialScope: ActorScope<TrivialSnapshot, MachineEvent> = {
  self: trivialSelf,
  id: '',
  sessionId: '',
  system: trivialSelf.system,
  logger: ignore,
  defer: ignore,
  emit: ignore,
  stopChild: ignore,
  actionExecutor: ignore,
};

const steps = new Map<string, number[]>();
function time<T>(name: string, action: () => T): T {
  const started = process.hrtime.bigint();
  const value = action();
  const list = steps.get(name) ?? [];
  list.push(Number(process.hrtime.bigint() - started) / 1e3);
  steps.set(name, list);
  return value;
}

for (let round = 0; round < SAMPLES; round += 1) {
  const trajectory = open[round % open.length]!;
  const json = trajectory.snapshotJson;
  time('engine: parse → applyEvent → stringify', () => engineEvent(trajectory));
  time('JSON round trip (baseline)', () => JSON.stringify(JSON.parse(json)));

  const persisted = time('  JSON.parse', () => toPersisted(trajectory));
  const restored = time('  restore (migrate, check, resolve)', () => restore(persisted));
  if ('ok' in restored) throw new Error(restored.message);
  time('  canTake', () => canTake(restored.snapshot, envelope));
  const next = time('  nextSnapshot (xstate transition)', () =>
    nextSnapshot(restored.machineId, restored.snapshot, envelope),
  );
  const stored = time('  persist', () => persist(restored.machineId, next));
  time('  summarize', () => summarize(next));
  time('  allowedEventsFor', () => allowedEventsFor(next, 'begeleider', settings));
  time('  JSON.stringify', () => JSON.stringify(stored.snapshot));

  const context = (persisted.snapshot as { context: TrajectoryContext }).context;
  const trivialSnapshot = trivial.resolveState({ value: 'active', context }) as TrivialSnapshot;
  time('xstate floor: trivial machine, transition()', () =>
    transition(trivial, trivialSnapshot, envelope),
  );
  time('xstate floor: trivial machine, machine.transition, one scope', () =>
    trivial.transition(trivialSnapshot, envelope, trivialScope),
  );
  time('xstate floor: parse → resolveState → transition() → persist → stringify', () => {
    const parsed = JSON.parse(json) as { context: TrajectoryContext };
    const resolved = trivial.resolveState({ value: 'active', context: parsed.context });
    const [after] = transition(trivial, resolved, envelope);
    JSON.stringify(trivial.getPersistedSnapshot(after));
  });
}

const json = percentile(steps.get('JSON round trip (baseline)')!, 50);
for (const [name, values] of steps) {
  const p50 = percentile(values, 50);
  console.log(`${name.padEnd(72)} ${p50.toFixed(2).padStart(6)} µs  ${(p50 / json).toFixed(2)}×`);
}
