import { DEFAULT_SETTINGS } from './products';
import { replayTrajectory } from './replay';
import { computeSignals } from './signals';
import { begeleider, teamleider, TrajectoryDriver } from './test-support';

/**
 * Issue 7, rule 4 (SPEC §2.4): a past peildatum answers what was true then, replayed from the
 * stored history — including trajectories closed since, and without those registered later.
 */
function history(driver: TrajectoryDriver) {
  return driver.history.map((entry) => ({
    ...entry,
    actorRole:
      entry.actorId === null
        ? null
        : entry.actorId === teamleider.userId
          ? teamleider.role
          : begeleider.role,
  }));
}

function replay(driver: TrajectoryDriver, asOf: string) {
  return replayTrajectory({
    product: driver.context.product,
    machineId: driver.persisted.machineId,
    terms: driver.context.terms,
    history: history(driver),
    asOf,
    settings: DEFAULT_SETTINGS,
  });
}

describe('rule 4: a past peildatum replays the history', () => {
  // ONT 2 → 3 registered 20 December 2025, started 1 January: deadline 2 July 00:00; overdue then
  // (never swept), extended by the teamleider on 20 July, closed on 1 September.
  const driver = TrajectoryDriver.create({
    product: 'ONT',
    currentTrede: 2,
    registeredAt: '2025-12-20',
  });
  driver.must({ type: 'START' }, '2026-01-01T10:00');
  driver.must({ type: 'RECORD_CONTACT', note: 'gesprek' }, '2026-03-01T10:00');
  driver.must({ type: 'EXTEND', months: 1, reason: 'bijna' }, '2026-07-20T10:00', teamleider);
  driver.must({ type: 'CLOSE', outcome: 'goalNotReached' }, '2026-09-01T10:00');

  it('before the registration it did not exist', () => {
    expect(replay(driver, '2025-12-01T12:00:00Z')).toBeNull();
  });

  it('on 15 July it was overdue (DEADLINE_PASSED), although it is closed now', () => {
    const then = replay(driver, '2026-07-15T12:00:00Z');
    expect(then).toMatchObject({ state: 'overdue', deadlineAt: '2026-07-01T22:00:00.000Z' });
    expect(computeSignals(then!, '2026-07-15T12:00:00Z', DEFAULT_SETTINGS.signals)).toContain(
      'DEADLINE_PASSED',
    );
  });

  it('on 1 August it was active again after the extension, and on 15 September closed', () => {
    expect(replay(driver, '2026-08-01T12:00:00Z')).toMatchObject({
      state: 'active',
      deadlineAt: '2026-08-01T22:00:00.000Z',
    });
    expect(replay(driver, '2026-09-15T12:00:00Z')).toMatchObject({
      state: 'closed',
      outcome: 'goalNotReached',
    });
  });

  it('in April it had been quiet for more than 42 days (NO_ACTIVITY then, not now)', () => {
    const april = replay(driver, '2026-04-20T12:00:00Z')!;
    expect(april.state).toBe('active');
    expect(computeSignals(april, '2026-04-20T12:00:00Z', DEFAULT_SETTINGS.signals)).toEqual([
      'NO_ACTIVITY',
    ]);
  });
});
