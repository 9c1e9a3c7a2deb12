import { lastDayBefore } from './calendar';
import { TrajectoryDriver } from './test-support';

/**
 * SPEC §2.2: "a step started on 31 January ends on 31 July; clamp to the month's last day".
 * Regression test named after what breaks when months are counted as days or clamping is lost.
 */
describe('deadline on month end', () => {
  function startOnt(startedOn: string) {
    const driver = TrajectoryDriver.create({
      product: 'ONT',
      targetTrede: 3,
      currentTrede: 2,
      registeredAt: startedOn,
    });
    driver.must({ type: 'START' }, `${startedOn}T09:00:00+01:00`);
    return driver;
  }

  it('31 January + 6 months: the last day is 31 July', () => {
    const driver = startOnt('2026-01-31');
    expect(lastDayBefore(driver.summary.deadlineAt!)).toBe('2026-07-31');
    expect(driver.summary.deadlineAt).toBe('2026-07-31T22:00:00.000Z'); // 1 August 00:00 CEST
  });

  it('31 August + 6 months: the last day is 28 February', () => {
    const driver = startOnt('2025-08-31');
    expect(lastDayBefore(driver.summary.deadlineAt!)).toBe('2026-02-28');
    expect(driver.summary.deadlineAt).toBe('2026-02-28T23:00:00.000Z'); // 1 March 00:00 CET
  });

  it('31 August + 6 months in a leap year: the last day is 29 February', () => {
    const driver = startOnt('2027-08-31');
    expect(lastDayBefore(driver.summary.deadlineAt!)).toBe('2028-02-29');
  });

  it('an assessment on 31 July is in time, one on 1 August is late', () => {
    const inTime = startOnt('2026-01-31');
    expect(
      inTime
        .must({ type: 'ASSESS_TREDE', trede: 3 }, '2026-07-31T23:59:00+02:00')
        .historyEntries.map((e) => e.type),
    ).toEqual(['ASSESS_TREDE']);
    const late = startOnt('2026-01-31');
    const outcome = late.must({ type: 'ASSESS_TREDE', trede: 3 }, '2026-08-01T00:00:00+02:00');
    expect(outcome.historyEntries.map((e) => e.type)).toEqual(['DEADLINE_PASSED', 'ASSESS_TREDE']);
    expect(outcome.historyEntries[1]?.flags).toEqual(['achievedAfterDeadline']);
  });
});
