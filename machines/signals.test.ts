import { normalizeInstant, startOfLocalDay } from './calendar';
import { DEFAULT_SETTINGS } from './products';
import { computeSignals, signalBounds, signalsWithin } from './signals';
import { TRAJECTORY_STATE_KEYS } from './vocabulary';
import type { SignalCode, TrajectoryStateKey, TrajectorySummary } from './types';

/** Peildatum: Monday 1 June 2026, 14:00 in Amsterdam. */
const asOf = '2026-06-01T12:00:00.000Z';
const thresholds = DEFAULT_SETTINGS.signals;
/** 10:00 Amsterdam on the local date `days` from the peildatum's date. */
const onDay = (days: number) =>
  `${new Date(Date.UTC(2026, 5, 1 + days)).toISOString().slice(0, 10)}T10:00`;
/** A local Amsterdam date-time, read by the engine's own calendar (winter or summer time). */
const iso = (local: string) => normalizeInstant(local)!;
const at = (days: number) => iso(onDay(days));

function summary(overrides: Partial<TrajectorySummary>): TrajectorySummary {
  return {
    product: 'ONT',
    machineId: 'ontwikkeltraject',
    state: 'active',
    stateEnteredAt: at(-10),
    registeredAt: at(-20),
    startedAt: at(-10),
    deadlineAt: at(100),
    targetTrede: 3,
    currentTrede: 2,
    lastActivityAt: at(-1),
    relapseAt: null,
    growthAt: null,
    lastAssessedAt: at(-20),
    lastEventAt: at(-1),
    outcome: null,
    ...overrides,
  };
}

const signals = (overrides: Partial<TrajectorySummary>, peildatum = asOf) =>
  computeSignals(summary(overrides), peildatum, thresholds);

describe('computeSignals (SPEC §2.4), at the boundaries of each condition', () => {
  it.each<[string, Partial<TrajectorySummary>, SignalCode[]]>([
    ['a fresh active step', {}, []],
    ['overdue', { state: 'overdue', deadlineAt: at(-3) }, ['DEADLINE_PASSED']],
    ['deadline exactly now', { deadlineAt: asOf }, ['DEADLINE_PASSED']],
    [
      'deadline at midnight 28 days ahead',
      { deadlineAt: startOfLocalDay('2026-06-29') },
      ['DEADLINE_NEAR'],
    ],
    ['deadline at midnight 29 days ahead', { deadlineAt: startOfLocalDay('2026-06-30') }, []],
    [
      'dropped out with a deadline passed while away',
      { state: 'droppedOut', deadlineAt: at(-1) },
      ['DEADLINE_PASSED'],
    ],
    ['no contact for 43 days', { lastActivityAt: at(-43) }, ['NO_ACTIVITY']],
    ['no contact for 42 days', { lastActivityAt: at(-42) }, []],
    [
      'dropped out 29 days',
      { state: 'droppedOut', deadlineAt: null, stateEnteredAt: at(-29) },
      ['DROPOUT_UNRESOLVED'],
    ],
    ['dropped out 28 days', { state: 'droppedOut', deadlineAt: null, stateEnteredAt: at(-28) }, []],
    [
      'suspended 91 days',
      { state: 'suspended', deadlineAt: null, stateEnteredAt: at(-91) },
      ['SUSPENDED_LONG'],
    ],
    ['suspended 90 days', { state: 'suspended', deadlineAt: null, stateEnteredAt: at(-90) }, []],
    [
      'registered 29 days',
      { state: 'registered', deadlineAt: null, startedAt: null, stateEnteredAt: at(-29) },
      ['WAITING_START'],
    ],
    [
      'registered 28 days',
      { state: 'registered', deadlineAt: null, startedAt: null, stateEnteredAt: at(-28) },
      [],
    ],
    [
      'Stabiel in reviewDue',
      { product: 'STA-3', machineId: 'stabiel', state: 'reviewDue', deadlineAt: at(-5) },
      ['DEADLINE_PASSED', 'REVIEW_OVERDUE'],
    ],
    ['a relapse 90 days ago (within 90 days)', { relapseAt: at(-90) }, ['RELAPSE']],
    ['a relapse 91 days ago', { relapseAt: at(-91) }, []],
    ['a relapse after the peildatum', { relapseAt: at(1) }, []],
    [
      'closed, whatever its fields',
      { state: 'closed', deadlineAt: null, relapseAt: at(-1), lastActivityAt: at(-100) },
      [],
    ],
  ])('%s', (_label, overrides, expected) => {
    expect(signals(overrides)).toEqual(expected);
  });

  it('uses the organisation thresholds', () => {
    expect(
      computeSignals(summary({ lastActivityAt: at(-11) }), asOf, {
        ...thresholds,
        noActivityDays: 10,
      }),
    ).toEqual(['NO_ACTIVITY']);
  });
});

describe('rule 5: "more than N days" counts Amsterdam calendar days and starts on day N + 1', () => {
  // Registered on Sunday 1 March 2026 at 10:00; summer time starts on 29 March, so 28 × 24 hours
  // later is already 29 March 11:00 local time — a 24-hour count would signal a day early.
  const registered = summary({
    state: 'registered',
    deadlineAt: null,
    startedAt: null,
    stateEnteredAt: iso('2026-03-01T10:00'),
    lastActivityAt: '2026-03-01T09:00:00.000Z',
    lastAssessedAt: '2026-03-01T09:00:00.000Z',
  });
  const check = (peildatum: string) => computeSignals(registered, peildatum, thresholds);

  it('WAITING_START does not show on day 28 (29 March, even at 23:59)', () => {
    expect(check(new Date('2026-03-29T23:59:00+02:00').toISOString())).not.toContain(
      'WAITING_START',
    );
  });
  it('WAITING_START shows from the first moment of day 29 (30 March 00:00)', () => {
    expect(check(startOfLocalDay('2026-03-30'))).toContain('WAITING_START');
  });
  it('the same count applies to DROPOUT_UNRESOLVED, SUSPENDED_LONG and NO_ACTIVITY', () => {
    const since = '2026-03-01T09:00:00.000Z';
    const cases: Array<[TrajectoryStateKey, SignalCode, string]> = [
      ['droppedOut', 'DROPOUT_UNRESOLVED', '2026-03-30'], // 28 days
      ['suspended', 'SUSPENDED_LONG', '2026-05-31'], // 90 days
      ['active', 'NO_ACTIVITY', '2026-04-13'], // 42 days
    ];
    for (const [state, code, firstDay] of cases) {
      const stalled = summary({
        state,
        deadlineAt: null,
        stateEnteredAt: since,
        lastActivityAt: since,
      });
      const dayBefore = new Date(Date.parse(startOfLocalDay(firstDay)) - 60_000).toISOString();
      expect(computeSignals(stalled, dayBefore, thresholds)).not.toContain(code);
      expect(computeSignals(stalled, startOfLocalDay(firstDay), thresholds)).toContain(code);
    }
  });
});

describe('rule 3: stalls in every open state are visible', () => {
  const quiet = { lastActivityAt: at(-50), deadlineAt: null };
  it.each<TrajectoryStateKey>(['registered', 'active', 'stepAchieved', 'overdue', 'reviewDue'])(
    'NO_ACTIVITY in %s after more than 42 days without contact or assessment',
    (state) => {
      expect(signals({ ...quiet, state, stateEnteredAt: at(-5) })).toContain('NO_ACTIVITY');
    },
  );
  it.each<TrajectoryStateKey>(['suspended', 'droppedOut'])('no NO_ACTIVITY in %s', (state) => {
    expect(signals({ ...quiet, state, stateEnteredAt: at(-5) })).not.toContain('NO_ACTIVITY');
  });
  it('DECISION_PENDING: in stepAchieved for more than 14 days without NEXT_STEP or CLOSE', () => {
    const achieved = { state: 'stepAchieved' as const, deadlineAt: null };
    expect(signals({ ...achieved, stateEnteredAt: at(-14) })).not.toContain('DECISION_PENDING');
    expect(signals({ ...achieved, stateEnteredAt: at(-15) })).toContain('DECISION_PENDING');
    expect(signals({ state: 'active', stateEnteredAt: at(-30) })).not.toContain('DECISION_PENDING');
  });
  it('ASSESSMENT_DUE: the last assessment is more than 6 calendar months old', () => {
    // 1 June − 6 months = 1 December: assessed on 1 December is exactly 6 months, not more.
    expect(signals({ lastAssessedAt: iso('2025-12-01T10:00') })).not.toContain('ASSESSMENT_DUE');
    expect(signals({ lastAssessedAt: iso('2025-11-30T10:00') })).toContain('ASSESSMENT_DUE');
    // Also while suspended: the ladder is measured at least twice a year per participant.
    expect(
      signals({ state: 'suspended', deadlineAt: null, lastAssessedAt: iso('2025-10-01T10:00') }),
    ).toContain('ASSESSMENT_DUE');
  });
});

describe('rule 6: Stabiel terugval and doorgroei signals', () => {
  const stabiel = { product: 'STA-3' as const, machineId: 'stabiel' as const, targetTrede: null };
  it('RELAPSE lasts for Stabiel as long as the terugval is recorded, beyond 90 days', () => {
    expect(signals({ ...stabiel, relapseAt: at(-200) })).toContain('RELAPSE');
  });
  it('GROWTH when the last Stabiel assessment lies above the product trede', () => {
    expect(signals({ ...stabiel, growthAt: at(-3) })).toContain('GROWTH');
    expect(signals({ ...stabiel, growthAt: null })).not.toContain('GROWTH');
  });
});

describe('signalsWithin: one peildatum, its bounds computed once (decision 057)', () => {
  it('answers computeSignals for every summary, also for a peildatum in local time', () => {
    const stabiel = { product: 'STA-3' as const, machineId: 'stabiel' as const };
    let signalled = 0;
    for (const peildatum of [asOf, '2026-06-01T14:00', '2026-10-25T02:30'])
      for (const state of TRAJECTORY_STATE_KEYS)
        for (const days of [-400, -200, -91, -90, -43, -42, -29, -15, -14, -1, 0, 1, 28, 29])
          for (const extra of [{}, stabiel]) {
            const labelled = summary({
              ...extra,
              state,
              stateEnteredAt: at(days),
              lastActivityAt: at(days),
              lastAssessedAt: at(2 * days),
              deadlineAt: at(-days),
              relapseAt: days <= 0 ? at(days) : null,
              growthAt: days <= 0 ? at(days) : null,
            });
            const expected = computeSignals(labelled, peildatum, thresholds);
            signalled += expected.length ? 1 : 0;
            expect(signalsWithin(labelled, signalBounds(peildatum, thresholds))).toEqual(expected);
          }
    expect(signalled).toBeGreaterThan(100);
  });
});
