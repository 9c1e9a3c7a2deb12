/** @jest-environment jsdom */
import type { SignalItem } from '../../lib/api-types';
import { byUrgency, groupByBegeleider, groupBySignal, isOverdue } from './overview-rules';

const AS_OF = new Date('2026-06-01T10:00:00.000Z');

function item(overrides: Partial<SignalItem>): SignalItem {
  return {
    caseId: 'c',
    clientNumber: 'K-0',
    displayName: 'Fictief',
    teamId: 't1',
    opdrachtgeverId: null,
    begeleiderId: 'b1',
    trajectoryId: overrides.clientNumber ?? 'x',
    product: 'ONT',
    state: 'active',
    deadlineAt: null,
    stateEnteredAt: '2026-01-01T00:00:00.000Z',
    lastActivityAt: '2026-01-01T00:00:00.000Z',
    signals: ['NO_ACTIVITY'],
    ...overrides,
  };
}

describe('team overview: grouping and urgency', () => {
  const overdueByState = item({
    clientNumber: 'K-3',
    state: 'overdue',
    deadlineAt: '2026-05-20T22:00:00.000Z',
    signals: ['DEADLINE_PASSED'],
  });
  // Last day 31-05-2026: passed on the peildatum although the state (not yet swept) is active.
  const overdueByDate = item({
    clientNumber: 'K-4',
    deadlineAt: '2026-05-31T22:00:00.000Z',
    signals: ['DEADLINE_PASSED', 'NO_ACTIVITY'],
  });
  const nearSoon = item({
    clientNumber: 'K-2',
    begeleiderId: 'b2',
    deadlineAt: '2026-06-10T22:00:00.000Z',
    signals: ['DEADLINE_NEAR'],
  });
  const nearLater = item({
    clientNumber: 'K-1',
    begeleiderId: 'b2',
    deadlineAt: '2026-06-20T22:00:00.000Z',
    signals: ['DEADLINE_NEAR', 'NO_ACTIVITY'],
  });
  const noDeadline = item({
    clientNumber: 'K-0',
    state: 'suspended',
    signals: ['SUSPENDED_LONG', 'NO_ACTIVITY'],
  });
  const all = [noDeadline, nearLater, nearSoon, overdueByDate, overdueByState];

  it('counts a passed last day as overdue even before the sweeper moved the state', () => {
    expect(isOverdue(overdueByDate, AS_OF)).toBe(true);
    expect(isOverdue(nearSoon, AS_OF)).toBe(false);
    // On a future peildatum the near deadline has passed too.
    expect(isOverdue(nearSoon, new Date('2026-06-12T10:00:00.000Z'))).toBe(true);
  });

  it('sorts overdue first, then the nearest deadline, then those without one', () => {
    const sorted = [...all].sort(byUrgency(AS_OF)).map((i) => i.clientNumber);
    expect(sorted).toEqual(['K-3', 'K-4', 'K-2', 'K-1', 'K-0']);
  });

  it('groups by signal in SPEC order; a case with two signals is in both groups', () => {
    const groups = groupBySignal(all, AS_OF);
    expect(groups.map((g) => g.key)).toEqual([
      'DEADLINE_PASSED',
      'DEADLINE_NEAR',
      'NO_ACTIVITY',
      'SUSPENDED_LONG',
    ]);
    expect(groups[2]!.items.map((i) => i.clientNumber)).toEqual(['K-4', 'K-1', 'K-0']);
  });

  it('groups by begeleider in name order, each sorted by urgency', () => {
    const names: Record<string, string> = { b1: 'Zoë', b2: 'Anton' };
    const groups = groupByBegeleider(all, AS_OF, (id) => names[id] ?? id);
    expect(groups.map((g) => [g.key, g.items.map((i) => i.clientNumber)])).toEqual([
      ['b2', ['K-2', 'K-1']],
      ['b1', ['K-3', 'K-4', 'K-0']],
    ]);
  });
});
