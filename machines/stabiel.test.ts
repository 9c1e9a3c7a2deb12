import { computeSignals } from './signals';
import { DEFAULT_SETTINGS } from './products';
import { contextOf, expectOk, TrajectoryDriver } from './test-support';

/** STA-3 started 2026-01-10: review every 6 months, so the review date is 2026-07-10 (last day). */
function startedStabiel() {
  const driver = TrajectoryDriver.create({
    product: 'STA-3',
    currentTrede: 3,
    registeredAt: '2026-01-05',
  });
  driver.must({ type: 'START' }, '2026-01-10T09:00:00+01:00');
  return driver;
}

describe('Stabiel (SPEC §2.3)', () => {
  it('has a review deadline six months after the start', () => {
    expect(startedStabiel().summary).toMatchObject({
      state: 'active',
      deadlineAt: '2026-07-10T22:00:00.000Z',
      targetTrede: null,
    });
  });

  it('a passed review date is reviewDue, with the REVIEW_OVERDUE signal', () => {
    const driver = startedStabiel();
    const swept = expectOk(driver.sweep('2026-07-20T12:00:00Z'));
    expect(swept.historyEntries).toEqual([
      expect.objectContaining({
        type: 'DEADLINE_PASSED',
        occurredAt: '2026-07-10T22:00:00.000Z',
        actorId: null,
        toState: 'reviewDue',
      }),
    ]);
    // Started 10 January without a contact since: by 20 July also NO_ACTIVITY and ASSESSMENT_DUE.
    expect(computeSignals(swept.summary, '2026-07-20T12:00:00Z', DEFAULT_SETTINGS.signals)).toEqual(
      ['DEADLINE_PASSED', 'NO_ACTIVITY', 'ASSESSMENT_DUE', 'REVIEW_OVERDUE'],
    );
    expect(swept.allowedEvents).toContain('REVIEW');
  });

  it('REVIEW continue from reviewDue starts a new review period from the review date', () => {
    const driver = startedStabiel();
    expectOk(driver.sweep('2026-07-20T12:00:00Z'));
    const reviewed = driver.must({ type: 'REVIEW', decision: 'continue' }, '2026-07-20T12:00:00Z');
    expect(reviewed.summary).toMatchObject({
      state: 'active',
      deadlineAt: '2027-01-20T23:00:00.000Z',
    });
  });

  it('an early REVIEW continue also resets the review date; REVIEW close closes', () => {
    const driver = startedStabiel();
    const early = driver.must({ type: 'REVIEW', decision: 'continue' }, '2026-05-01');
    expect(early.summary).toMatchObject({
      state: 'active',
      deadlineAt: '2026-11-01T23:00:00.000Z',
    });
    const closed = driver.must(
      { type: 'REVIEW', decision: 'close', outcome: 'other', note: 'stabiel gebleven' },
      '2026-06-01',
    );
    expect(closed.summary.state).toBe('closed');
  });

  it('an assessment below the product trede is terugval, above it doorgroei', () => {
    const driver = startedStabiel();
    const down = driver.must({ type: 'ASSESS_TREDE', trede: 2 }, '2026-02-01');
    expect(down.historyEntries[0]?.flags).toEqual(['relapse']);
    expect(down.summary.relapseAt).toBe(down.historyEntries[0]?.occurredAt);
    const back = driver.must({ type: 'ASSESS_TREDE', trede: 3 }, '2026-03-01');
    expect(back.historyEntries[0]?.flags).toEqual([]);
    const up = driver.must({ type: 'ASSESS_TREDE', trede: 4 }, '2026-04-01');
    expect(up.historyEntries[0]?.flags).toEqual(['doorgroei']);
    expect(driver.transitions.map((t) => [t.from, t.to])).toEqual([
      [3, 2],
      [2, 3],
      [3, 4],
    ]);
  });

  it('has no EXTEND, NEXT_STEP or CONCLUDE', () => {
    const driver = startedStabiel();
    expect(driver.last.allowedEvents).toEqual([
      'RECORD_CONTACT',
      'ASSESS_TREDE',
      'REVIEW',
      'SUSPEND',
      'DROP_OUT',
      'CLOSE',
    ]);
    expect(driver.send({ type: 'NEXT_STEP' }, '2026-02-01')).toMatchObject({
      code: 'EVENT_NOT_ALLOWED',
    });
  });

  it('a suspension while reviewDue returns to reviewDue', () => {
    const driver = startedStabiel();
    expectOk(driver.sweep('2026-07-20T12:00:00Z'));
    driver.must({ type: 'SUSPEND', reason: 'opname' }, '2026-07-21');
    expect(driver.must({ type: 'RESUME' }, '2026-08-21').summary.state).toBe('reviewDue');
    expect(contextOf(driver.persisted).suspendedDaysTotal).toBe(31);
  });
});
