import fc from 'fast-check';
import {
  calendarDaysBetween,
  extendDeadline,
  plusDays,
  shiftDeadline,
  windowDeadline,
} from './calendar';
import { EVENT_SAMPLES } from './event-payload';
import { begeleider, contextOf, teamleider, TrajectoryDriver } from './test-support';
import type { TrajectoryContext } from './trajectory-context';
import type { EngineOutcome, ProductCode, TrajectoryEvent, Trede } from './types';

/**
 * Property tests (fast-check): random event sequences, at random times (sometimes long after a
 * deadline, sometimes at the same instant), interleaved with sweeper runs, never break the
 * invariants of SPEC §2.1 and §2.3. Refused events are part of the sequences on purpose.
 */

const SAMPLES: TrajectoryEvent[] = EVENT_SAMPLES.filter(
  (event) =>
    event.type !== 'CONCLUDE' ||
    ([1, 3, 4, 5].includes(event.trede) &&
      ['geen', 'ontwikkeltraject', 'stabiel'].includes(event.route)),
);

type Action =
  | { kind: 'event'; event: TrajectoryEvent; hours: number; byTeamleider: boolean }
  | { kind: 'sweep'; hours: number };

const hours = fc.oneof(
  fc.constant(0),
  fc.integer({ min: 1, max: 24 * 10 }),
  fc.integer({ min: 24 * 10, max: 24 * 200 }),
);
/** Each event type equally likely, then one of its payloads (else CONCLUDE and ASSESS would crowd out the rest). */
const TYPES = [...new Set(SAMPLES.map((event) => event.type))];
const anyEvent = fc
  .constantFrom(...TYPES)
  .chain((type) => fc.constantFrom(...SAMPLES.filter((event) => event.type === type)));
const action: fc.Arbitrary<Action> = fc.oneof(
  {
    weight: 6,
    arbitrary: fc.record({
      kind: fc.constant('event' as const),
      event: anyEvent,
      hours,
      byTeamleider: fc.boolean(),
    }),
  },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('sweep' as const), hours }) },
);

const START: Record<ProductCode, { currentTrede: Trede; targetTrede: Trede | null }> = {
  ONT: { currentTrede: 2, targetTrede: 3 },
  'STA-2': { currentTrede: 2, targetTrede: null },
  'STA-3': { currentTrede: 3, targetTrede: null },
  'STA-4': { currentTrede: 4, targetTrede: null },
  HER: { currentTrede: 1, targetTrede: null },
};

/** The deadline the rules allow after one accepted event, from the context before it. */
function expectedDeadline(
  before: TrajectoryContext,
  after: TrajectoryContext,
  event: TrajectoryEvent,
  at: string,
  fromState: string,
) {
  const months = before.terms.windowMonths;
  const opensWindow =
    event.type === 'START' ||
    event.type === 'NEXT_STEP' ||
    (event.type === 'REVIEW' && event.decision === 'continue' && after.stepStartedAt === at);
  if (opensWindow && months !== null) return windowDeadline(at, months);
  if (before.deadlineAt === null) return null;
  if (event.type === 'EXTEND') return extendDeadline(before.deadlineAt, event.months);
  if (event.type === 'RESUME' && fromState === 'suspended' && before.suspendedAt !== null) {
    return shiftDeadline(before.deadlineAt, calendarDaysBetween(before.suspendedAt, at));
  }
  return before.deadlineAt;
}

function run(product: ProductCode, actions: Action[]) {
  const driver = TrajectoryDriver.create({
    product,
    ...START[product],
    registeredAt: '2026-01-05T09:00:00.000Z',
  });
  let clock = '2026-01-05T09:00:00.000Z';
  let suspendedDays = 0;
  let suspendedSince: string | null = null;
  let closed = false;

  for (const step of actions) {
    clock = plusDays(clock, step.hours / 24);
    const before = contextOf(driver.persisted);
    const treedeBefore = driver.summary.currentTrede;
    const historyBefore = driver.history.length;
    const result =
      step.kind === 'sweep'
        ? driver.sweep(clock)
        : driver.send(step.event, clock, step.byTeamleider ? teamleider : begeleider);
    const outcome: EngineOutcome | null = result?.ok ? result : null;

    // Nothing leaves closed: once closed, everything is refused and the state stays closed.
    if (closed) {
      expect(outcome).toBeNull();
      expect(driver.summary.state).toBe('closed');
      continue;
    }
    if (!outcome) {
      expect(driver.history.length).toBe(historyBefore); // a refusal keeps nothing
      continue;
    }
    const after = contextOf(driver.persisted);
    const main = outcome.historyEntries.at(-1)!;

    // Exactly one trede transition per change of trede, and none without one.
    const changed = treedeBefore !== driver.summary.currentTrede;
    expect(outcome.tredeTransition !== null).toBe(changed);
    if (outcome.tredeTransition) {
      expect(outcome.tredeTransition).toMatchObject({
        from: treedeBefore,
        to: driver.summary.currentTrede,
        at: main.occurredAt,
      });
    }

    // The deadline moves only by the rules: a new window, an extension, or the days suspended —
    // and the suspended days exactly once.
    if (step.kind === 'event') {
      const inserted = outcome.historyEntries.length === 2;
      const fromState = main.fromState ?? '';
      expect(after.deadlineAt).toBe(
        expectedDeadline(before, after, step.event, main.occurredAt, fromState),
      );
      if (step.event.type === 'SUSPEND') suspendedSince = main.occurredAt;
      if (step.event.type === 'RESUME' && fromState === 'suspended' && suspendedSince) {
        suspendedDays += calendarDaysBetween(suspendedSince, main.occurredAt);
        suspendedSince = null;
      }
      if (inserted)
        expect(outcome.historyEntries[0]).toMatchObject({
          type: 'DEADLINE_PASSED',
          occurredAt: before.deadlineAt,
          actorId: null,
        });
    } else {
      expect(main).toMatchObject({ type: 'DEADLINE_PASSED', occurredAt: before.deadlineAt });
      expect(after.deadlineAt).toBe(before.deadlineAt);
    }
    expect(after.suspendedDaysTotal).toBe(suspendedDays);

    // A deadline never lies before the start of its step or window.
    if (after.deadlineAt !== null && after.stepStartedAt !== null) {
      expect(Date.parse(after.deadlineAt)).toBeGreaterThan(Date.parse(after.stepStartedAt));
    }
    closed = driver.summary.state === 'closed';
  }

  // History is in time order; each deadline instant is passed at most once.
  const times = driver.history.map((entry) => Date.parse(entry.occurredAt));
  expect(times).toEqual([...times].sort((a, b) => a - b));
  const passed = driver.history
    .filter((entry) => entry.type === 'DEADLINE_PASSED')
    .map((entry) => entry.occurredAt);
  expect(new Set(passed).size).toBe(passed.length);
  // The trede transitions form one unbroken chain from the first trede to the current one.
  let trede = START[product].currentTrede;
  for (const transition of driver.transitions) {
    expect(transition.from).toBe(trede);
    trede = transition.to;
  }
  expect(trede).toBe(driver.summary.currentTrede);
}

describe('invariants under random event sequences', () => {
  it.each(['ONT', 'STA-3', 'HER'] as const)(
    '%s: deadline after step start, suspended time added exactly once, history in order, nothing leaves closed, one transition per change of trede',
    (product) => {
      fc.assert(
        fc.property(fc.array(action, { minLength: 1, maxLength: 30 }), (actions) =>
          run(product, actions),
        ),
        { numRuns: 200 },
      );
    },
  );
});
