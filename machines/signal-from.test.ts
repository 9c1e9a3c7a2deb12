import fc from 'fast-check';
import { DEFAULT_SETTINGS } from './products';
import { signalFromBound, signalFromOf } from './signal-from';
import { computeSignals } from './signals';
import type { SignalThresholds, TrajectoryStateKey, TrajectorySummary } from './types';

const STATES: TrajectoryStateKey[] = [
  'registered',
  'active',
  'stepAchieved',
  'overdue',
  'reviewDue',
  'suspended',
  'droppedOut',
  'closed',
];
const START = Date.UTC(2023, 0, 1);
const SPAN = 4 * 365 * 86_400_000;
const instant = fc
  .integer({ min: START, max: START + SPAN })
  .map((ms) => new Date(ms).toISOString());
const maybe = fc.option(instant, { nil: null });
const days = fc.integer({ min: 1, max: 730 });

const summaryArbitrary: fc.Arbitrary<TrajectorySummary> = fc.record({
  product: fc.constantFrom('ONT', 'STA-3', 'HER'),
  machineId: fc.constantFrom('ontwikkeltraject', 'stabiel', 'herontdekken'),
  state: fc.constantFrom(...STATES),
  stateEnteredAt: instant,
  registeredAt: instant,
  startedAt: maybe,
  deadlineAt: maybe,
  targetTrede: fc.constant(3),
  currentTrede: fc.constant(2),
  lastActivityAt: instant,
  relapseAt: maybe,
  growthAt: maybe,
  lastAssessedAt: instant,
  lastEventAt: instant,
  outcome: fc.constant(null),
}) as fc.Arbitrary<TrajectorySummary>;

const thresholdsArbitrary: fc.Arbitrary<SignalThresholds> = fc.record({
  deadlineNearDays: days,
  noActivityDays: days,
  dropoutUnresolvedDays: days,
  suspendedLongDays: days,
  waitingStartDays: days,
  relapseDays: days,
  decisionPendingDays: days,
  assessmentDueMonths: fc.integer({ min: 1, max: 24 }),
});

describe('signalFrom (decision 044)', () => {
  it('is at most the bound whenever the summary carries a signal, for any thresholds', () => {
    fc.assert(
      fc.property(
        summaryArbitrary,
        instant,
        fc.oneof(fc.constant(DEFAULT_SETTINGS.signals), thresholdsArbitrary),
        (summary, asOf, thresholds) => {
          if (computeSignals(summary, asOf, thresholds).length === 0) return;
          const from = signalFromOf(summary);
          expect(from).not.toBeNull();
          expect(from!).toBeLessThanOrEqual(signalFromBound(asOf, thresholds));
        },
      ),
      { numRuns: 1000 },
    );
  });

  it("holds near each rule's boundary too (peildata a few days around the summary's dates)", () => {
    const FIELDS = ['deadlineAt', 'lastActivityAt', 'stateEnteredAt', 'lastAssessedAt'] as const;
    fc.assert(
      fc.property(
        summaryArbitrary,
        fc.constantFrom(...FIELDS),
        fc.integer({ min: -800 * 24, max: 800 * 24 }),
        (summary, field, hours) => {
          const anchor = summary[field] ?? summary.lastActivityAt;
          const asOf = new Date(Date.parse(anchor) + hours * 3_600_000).toISOString();
          const thresholds = DEFAULT_SETTINGS.signals;
          if (computeSignals(summary, asOf, thresholds).length === 0) return;
          expect(signalFromOf(summary)!).toBeLessThanOrEqual(signalFromBound(asOf, thresholds));
        },
      ),
      { numRuns: 1000 },
    );
  });

  it('holds just at the boundary: a contact 43 days ago signals and is within the bound', () => {
    const asOf = '2026-06-01T12:00:00.000Z';
    const summary = {
      product: 'ONT',
      machineId: 'ontwikkeltraject',
      state: 'active',
      stateEnteredAt: '2026-05-20T08:00:00.000Z',
      registeredAt: '2026-05-01T08:00:00.000Z',
      startedAt: '2026-05-20T08:00:00.000Z',
      deadlineAt: '2026-11-20T23:00:00.000Z',
      targetTrede: 3,
      currentTrede: 2,
      lastActivityAt: '2026-04-19T08:00:00.000Z',
      relapseAt: null,
      growthAt: null,
      lastAssessedAt: '2026-05-20T08:00:00.000Z',
      lastEventAt: '2026-05-20T08:00:00.000Z',
      outcome: null,
    } satisfies TrajectorySummary;
    expect(computeSignals(summary, asOf, DEFAULT_SETTINGS.signals)).toEqual(['NO_ACTIVITY']);
    expect(signalFromOf(summary)!).toBeLessThanOrEqual(
      signalFromBound(asOf, DEFAULT_SETTINGS.signals),
    );
    // A contact yesterday, the deadline far away: nothing until weeks later, so it is not read.
    const quiet = { ...summary, lastActivityAt: '2026-05-31T08:00:00.000Z' };
    expect(computeSignals(quiet, asOf, DEFAULT_SETTINGS.signals)).toEqual([]);
    expect(signalFromOf(quiet)!).toBeGreaterThan(signalFromBound(asOf, DEFAULT_SETTINGS.signals));
  });

  it('reaches at most a few days past the peildatum with the default thresholds', () => {
    fc.assert(
      fc.property(instant, (asOf) => {
        const reach = signalFromBound(asOf, DEFAULT_SETTINGS.signals) - Date.parse(asOf);
        expect(reach).toBeLessThanOrEqual(3 * 86_400_000);
      }),
    );
  });

  it('is null only for a closed trajectory, and earliest where the state alone signals', () => {
    fc.assert(
      fc.property(summaryArbitrary, (summary) => {
        expect(signalFromOf(summary) === null).toBe(summary.state === 'closed');
      }),
    );
  });
});
