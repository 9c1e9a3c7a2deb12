import { resolveSettings } from './products';
import { TrajectoryDriver } from './test-support';

/** HER started 2026-01-15: 12 months, so the last day is 2027-01-15. */
function startedHer(settings = resolveSettings({})) {
  const driver = TrajectoryDriver.create(
    { product: 'HER', currentTrede: 1, registeredAt: '2026-01-10' },
    settings,
  );
  driver.must({ type: 'START' }, '2026-01-15T10:00:00+01:00');
  return driver;
}

describe('Herontdekken (SPEC §2.3)', () => {
  it('has a 12-month limit', () => {
    expect(startedHer().summary.deadlineAt).toBe('2027-01-15T23:00:00.000Z');
  });

  it('concluded at 11 months: in time, no flag', () => {
    const driver = startedHer();
    const concluded = driver.must({ type: 'CONCLUDE', trede: 2, route: 'geen' }, '2026-12-15');
    expect(concluded.historyEntries.map((entry) => [entry.type, entry.flags])).toEqual([
      ['CONCLUDE', []],
    ]);
    expect(concluded.summary).toMatchObject({ state: 'closed', currentTrede: 2 });
    expect(concluded.tredeTransition).toMatchObject({ from: 1, to: 2, reason: 'conclusion' });
    expect(concluded.followUp).toBeNull();
  });

  it('concluded at 13 months: DEADLINE_PASSED first, then CONCLUDE flagged concludedLate', () => {
    const driver = startedHer();
    const concluded = driver.must(
      { type: 'CONCLUDE', trede: 1, route: 'zelfstandig' },
      '2027-02-15',
    );
    expect(
      concluded.historyEntries.map((entry) => [
        entry.type,
        entry.fromState,
        entry.toState,
        entry.flags,
      ]),
    ).toEqual([
      ['DEADLINE_PASSED', 'active', 'overdue', []],
      ['CONCLUDE', 'overdue', 'closed', ['concludedLate']],
    ]);
    expect(concluded.tredeTransition).toBeNull(); // the same trede: no transition
  });

  it('route ontwikkeltraject opens ONT with target trede + 1', () => {
    const concluded = startedHer().must(
      { type: 'CONCLUDE', trede: 3, route: 'ontwikkeltraject' },
      '2026-10-01',
    );
    expect(concluded.followUp).toEqual({ product: 'ONT', targetTrede: 4 });
  });

  it('route ontwikkeltraject at trede 4 aims at 5; at trede 5 it is refused', () => {
    expect(
      startedHer().must({ type: 'CONCLUDE', trede: 4, route: 'ontwikkeltraject' }, '2026-10-01')
        .followUp,
    ).toEqual({
      product: 'ONT',
      targetTrede: 5,
    });
    expect(
      startedHer().send({ type: 'CONCLUDE', trede: 5, route: 'ontwikkeltraject' }, '2026-10-01'),
    ).toMatchObject({
      code: 'GUARD_FAILED',
    });
  });

  it('route stabiel opens STA-<trede> when the organisation offers it', () => {
    expect(
      startedHer().must({ type: 'CONCLUDE', trede: 3, route: 'stabiel' }, '2026-10-01').followUp,
    ).toEqual({
      product: 'STA-3',
      targetTrede: null,
    });
  });

  it.each([2, 1, 5, 6] as const)(
    'route stabiel at trede %i is PRODUCT_DISABLED by default',
    (trede) => {
      const driver = startedHer();
      expect(
        driver.send({ type: 'CONCLUDE', trede, route: 'stabiel' }, '2026-10-01'),
      ).toMatchObject({ code: 'PRODUCT_DISABLED' });
      expect(driver.summary.state).toBe('active');
    },
  );

  it('route stabiel at trede 2 works where STA-2 is enabled', () => {
    const driver = startedHer(resolveSettings({ products: { 'STA-2': { enabled: true } } }));
    expect(
      driver.must({ type: 'CONCLUDE', trede: 2, route: 'stabiel' }, '2026-10-01').followUp,
    ).toEqual({
      product: 'STA-2',
      targetTrede: null,
    });
  });

  it('CONCLUDE is not possible before START', () => {
    const driver = TrajectoryDriver.create({
      product: 'HER',
      currentTrede: 1,
      registeredAt: '2026-01-10',
    });
    expect(driver.send({ type: 'CONCLUDE', trede: 2, route: 'geen' }, '2026-01-11')).toMatchObject({
      code: 'EVENT_NOT_ALLOWED',
    });
  });
});
