import { DEFAULT_SETTINGS } from './products';
import { computeSignals } from './signals';
import type { TrajectorySummary } from './types';

const asOf = '2026-06-01T12:00:00.000Z';
const thresholds = DEFAULT_SETTINGS.signals;
const DAY = 24 * 3600 * 1000;
const at = (days: number) => new Date(Date.parse(asOf) + days * DAY).toISOString();

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
    lastEventAt: at(-1),
    ...overrides,
  };
}

describe('computeSignals (SPEC §2.4), at the boundaries of each condition', () => {
  it.each<[string, Partial<TrajectorySummary>, string[]]>([
    ['a fresh active step', {}, []],
    ['overdue', { state: 'overdue', deadlineAt: at(-3) }, ['DEADLINE_PASSED']],
    ['deadline exactly now', { deadlineAt: asOf }, ['DEADLINE_PASSED']],
    ['deadline in 28 days', { deadlineAt: at(28) }, ['DEADLINE_NEAR']],
    [
      'deadline in 28 days and a second',
      { deadlineAt: new Date(Date.parse(at(28)) + 1000).toISOString() },
      [],
    ],
    [
      'dropped out with a deadline passed while away',
      { state: 'droppedOut', deadlineAt: at(-1) },
      ['DEADLINE_PASSED'],
    ],
    ['no contact for exactly 42 days', { lastActivityAt: at(-42) }, ['NO_ACTIVITY']],
    ['no contact for 41 days', { lastActivityAt: at(-41) }, []],
    [
      'no contact for 50 days, but not active',
      { state: 'stepAchieved', deadlineAt: null, lastActivityAt: at(-50) },
      [],
    ],
    [
      'dropped out 28 days',
      { state: 'droppedOut', deadlineAt: null, stateEnteredAt: at(-28) },
      ['DROPOUT_UNRESOLVED'],
    ],
    ['dropped out 27 days', { state: 'droppedOut', deadlineAt: null, stateEnteredAt: at(-27) }, []],
    [
      'suspended 90 days',
      { state: 'suspended', deadlineAt: null, stateEnteredAt: at(-90) },
      ['SUSPENDED_LONG'],
    ],
    ['suspended 89 days', { state: 'suspended', deadlineAt: null, stateEnteredAt: at(-89) }, []],
    [
      'registered 28 days',
      { state: 'registered', deadlineAt: null, startedAt: null, stateEnteredAt: at(-28) },
      ['WAITING_START'],
    ],
    [
      'registered 27 days',
      { state: 'registered', deadlineAt: null, startedAt: null, stateEnteredAt: at(-27) },
      [],
    ],
    [
      'Stabiel in reviewDue',
      { product: 'STA-3', machineId: 'stabiel', state: 'reviewDue', deadlineAt: at(-5) },
      ['DEADLINE_PASSED', 'REVIEW_OVERDUE'],
    ],
    ['a relapse 89 days ago', { relapseAt: at(-89) }, ['RELAPSE']],
    ['a relapse exactly 90 days ago', { relapseAt: at(-90) }, []],
    ['a relapse after the peildatum', { relapseAt: at(1) }, []],
    [
      'closed, whatever its fields',
      { state: 'closed', deadlineAt: null, relapseAt: at(-1), lastActivityAt: at(-100) },
      [],
    ],
  ])('%s', (_label, overrides, expected) => {
    expect(computeSignals(summary(overrides), asOf, thresholds)).toEqual(expected);
  });

  it('uses the organisation thresholds', () => {
    expect(
      computeSignals(summary({ lastActivityAt: at(-10) }), asOf, {
        ...thresholds,
        noActivityDays: 10,
      }),
    ).toEqual(['NO_ACTIVITY']);
  });
});
