import fc from 'fast-check';
import {
  calendarDaysBetween,
  extendDeadline,
  plusDays,
  shiftDeadline,
  windowDeadline,
} from './calendar';
import { createTrajectory } from './engine';
import { EVENT_SAMPLES } from './event-payload';
import { chronologyFloor } from './ladder-chronology';
import { DEFAULT_SETTINGS } from './products';
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

/**
 * Issue 7, rule 1 (SPEC §2.3: system events are derived, not facts): for random sequences of
 * events — backdated by up to weeks, recorded late — the outcome is the same whether the sweeper
 * ran at every instant, never, or at random moments. Compared: which events are accepted (and the
 * refusal code otherwise), and the state, history and stored snapshot as of the last moment.
 */
type Recorded = {
  event: TrajectoryEvent;
  gapHours: number;
  delayHours: number;
  byTeamleider: boolean;
};
type SweepPlan = 'never' | 'always' | boolean[];

const recorded: fc.Arbitrary<Recorded> = fc.record({
  event: anyEvent,
  gapHours: hours,
  delayHours: fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 24 * 60 })),
  byTeamleider: fc.boolean(),
});

function runWithSweeps(product: ProductCode, events: Recorded[], plan: SweepPlan) {
  const driver = TrajectoryDriver.create({
    product,
    ...START[product],
    registeredAt: '2026-01-05T09:00:00.000Z',
  });
  let occurredAt = '2026-01-05T09:00:00.000Z';
  let now = occurredAt;
  const answers: string[] = [];
  events.forEach((step, index) => {
    const previousNow = now;
    occurredAt = plusDays(occurredAt, step.gapHours / 24);
    const at = plusDays(occurredAt, step.delayHours / 24);
    now = Date.parse(at) > Date.parse(now) ? at : now;
    // The sweeper somewhere between the previous request and this one (or at its very moment).
    const sweepHere = plan === 'always' || (Array.isArray(plan) && plan[index % plan.length]);
    if (sweepHere) {
      const moment =
        plan === 'always'
          ? now
          : plusDays(previousNow, (Date.parse(now) - Date.parse(previousNow)) / 2 / 86_400_000);
      driver.sweep(moment);
      if (plan === 'always') driver.sweep(now);
    }
    const result = driver.send(
      step.event,
      occurredAt,
      step.byTeamleider ? teamleider : begeleider,
      now,
    );
    answers.push(result.ok ? 'ok' : result.code);
    if (plan === 'always') driver.sweep(now);
  });
  driver.sweep(now); // as of the last moment, whoever swept before
  const history = driver.history.map(({ recordedAt: _recordedAt, ...entry }) => entry);
  return { answers, summary: driver.summary, history, snapshot: driver.persisted };
}

describe('rule 1: the result never depends on when the sweeper ran (backdated events included)', () => {
  it.each(['ONT', 'STA-3', 'HER'] as const)(
    '%s: every instant, never and random moments agree',
    (product) => {
      fc.assert(
        fc.property(
          fc.array(recorded, { minLength: 1, maxLength: 25 }),
          fc.array(fc.boolean(), { minLength: 1, maxLength: 10 }),
          (events, randomMoments) => {
            const never = runWithSweeps(product, events, 'never');
            expect(runWithSweeps(product, events, 'always')).toEqual(never);
            expect(runWithSweeps(product, events, randomMoments)).toEqual(never);
          },
        ),
        { numRuns: 150 },
      );
    },
  );
});

/**
 * Issue 7, rule 2 (SPEC §2.3): over random case histories — trajectories one after another,
 * registrations and events dated at random, often before the previous ones — the ladder the
 * server builds from the engine's transitions stays in date order, each entry starts where the one
 * before ended, and the current trede is its latest entry.
 */
type CaseStep =
  | { kind: 'trajectory'; product: ProductCode; backHours: number }
  | { kind: 'event'; event: TrajectoryEvent; backHours: number; gapHours: number };

const caseStep: fc.Arbitrary<CaseStep> = fc.oneof(
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant('trajectory' as const),
      product: fc.constantFrom<ProductCode>('ONT', 'STA-3', 'STA-4', 'HER'),
      backHours: fc.integer({ min: 0, max: 24 * 200 }),
    }),
  },
  {
    weight: 5,
    arbitrary: fc.record({
      kind: fc.constant('event' as const),
      // Assessments and closes (that open the way for the next trajectory) more often than others.
      event: fc.oneof(
        anyEvent,
        fc.constantFrom(...SAMPLES.filter((event) => event.type === 'ASSESS_TREDE')),
        fc.constantFrom<TrajectoryEvent>({ type: 'START' }, { type: 'CLOSE', outcome: 'other' }),
      ),
      backHours: fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 24 * 200 })),
      gapHours: hours,
    }),
  },
);

function runCase(steps: CaseStep[]) {
  const ladder: Array<{ from: Trede | null; to: Trede; at: string }> = [
    { from: null, to: 2, at: '2026-01-02T09:00:00.000Z' },
  ];
  const closedAt: string[] = [];
  let clock = '2026-01-05T09:00:00.000Z';
  let open: TrajectoryDriver | null = null;
  const floor = () => chronologyFloor({ ladderDates: ladder.map((entry) => entry.at), closedAt });
  for (const step of steps) {
    const currentTrede = ladder.at(-1)!.to;
    if (step.kind === 'trajectory') {
      if (open) continue; // one open trajectory per case
      const created = createTrajectory({
        product: step.product,
        currentTrede,
        registeredAt: plusDays(clock, -step.backHours / 24),
        notBefore: floor(),
        now: clock,
        actor: begeleider,
        settings: DEFAULT_SETTINGS,
      });
      if (created.ok) open = new TrajectoryDriver(created);
      continue;
    }
    if (!open) continue;
    clock = plusDays(clock, step.gapHours / 24);
    const result = open.send(
      step.event,
      plusDays(clock, -step.backHours / 24),
      begeleider,
      clock,
      floor(),
    );
    if (!result.ok) continue;
    if (result.tredeTransition) ladder.push(result.tredeTransition);
    if (result.summary.state === 'closed') {
      closedAt.push(result.summary.stateEnteredAt);
      open = null;
    }
  }
  const times = ladder.map((entry) => Date.parse(entry.at));
  expect(times).toEqual([...times].sort((a, b) => a - b));
  ladder.slice(1).forEach((entry, index) => expect(entry.from).toBe(ladder[index]!.to));
  if (open) expect(open.summary.currentTrede).toBe(ladder.at(-1)!.to);
}

describe('rule 2: the ladder stays in date order over random case histories', () => {
  it('sorted by date, unbroken, current trede = latest entry', () => {
    fc.assert(
      fc.property(fc.array(caseStep, { minLength: 1, maxLength: 40 }), (steps) => runCase(steps)),
      { numRuns: 200 },
    );
  });
});
