import { computeSignals } from './signals';
import { DEFAULT_SETTINGS, resolveSettings } from './products';
import { begeleider, contextOf, expectOk, teamleider, TrajectoryDriver } from './test-support';

/** ONT started on 2026-04-01 (day 1). Its 6-month window runs through 2026-10-01 (day 184). */
function startedOnFirstApril(settings = DEFAULT_SETTINGS) {
  const driver = TrajectoryDriver.create(
    { product: 'ONT', targetTrede: 3, currentTrede: 2, registeredAt: '2026-03-20' },
    settings,
  );
  driver.must({ type: 'START' }, '2026-04-01T09:00:00+02:00');
  return driver;
}

describe('Ontwikkeltraject: the 6-month step window (SPEC §2.3)', () => {
  // 1 April + 6 months = 1 October. April 30 + May 31 + June 30 + July 31 + August 31 +
  // September 30 = 183 days from 1 April to 1 October, so with day 1 = 1 April the window holds
  // 184 days: day 183 = 30 September, day 184 = 1 October (the last day), day 185 = 2 October.
  it('has its deadline at 00:00 on day 185 (2 October, Amsterdam summer time)', () => {
    expect(startedOnFirstApril().summary.deadlineAt).toBe('2026-10-01T22:00:00.000Z');
  });

  it.each([
    ['day 183', '2026-09-30T10:00:00+02:00', false],
    ['day 184, the last day', '2026-10-01T23:59:59+02:00', false],
    ['day 185', '2026-10-02T10:00:00+02:00', true],
  ])('step reached on %s: late = %s', (_label, at, late) => {
    const driver = startedOnFirstApril();
    const outcome = driver.must({ type: 'ASSESS_TREDE', trede: 3 }, at);
    expect(outcome.summary.state).toBe('stepAchieved');
    expect(outcome.historyEntries.map((entry) => entry.type)).toEqual(
      late ? ['DEADLINE_PASSED', 'ASSESS_TREDE'] : ['ASSESS_TREDE'],
    );
    expect(outcome.historyEntries.at(-1)?.flags).toEqual(late ? ['achievedAfterDeadline'] : []);
    expect(outcome.tredeTransition).toEqual({
      from: 2,
      to: 3,
      at: new Date(at).toISOString(),
      reason: 'assessment',
    });
  });

  it('an assessment below the target keeps the step active and records the trede', () => {
    const driver = TrajectoryDriver.create({
      product: 'ONT',
      targetTrede: 4,
      currentTrede: 3,
      registeredAt: '2026-03-20',
    });
    driver.must({ type: 'START' }, '2026-04-01');
    const outcome = driver.must({ type: 'ASSESS_TREDE', trede: 2 }, '2026-05-01');
    expect(outcome.summary).toMatchObject({ state: 'active', currentTrede: 2, targetTrede: 4 });
    expect(outcome.tredeTransition).toMatchObject({ from: 3, to: 2 });
  });
});

describe('Ontwikkeltraject: suspension (SPEC §2.3, decision 004)', () => {
  it('a 30-day suspension moves the deadline by 30 days', () => {
    const driver = TrajectoryDriver.create({
      product: 'ONT',
      targetTrede: 3,
      currentTrede: 2,
      registeredAt: '2026-01-05',
    });
    driver.must({ type: 'START' }, '2026-01-05T09:00:00+01:00');
    expect(driver.summary.deadlineAt).toBe('2026-07-05T22:00:00.000Z'); // last day 5 July
    driver.must({ type: 'SUSPEND', reason: 'ziekte' }, '2026-02-01T11:00:00+01:00');
    expect(driver.summary).toMatchObject({ state: 'suspended', deadlineAt: null });
    // 1 February → 3 March 2026 is 27 + 3 = 30 calendar days.
    const resumed = driver.must({ type: 'RESUME' }, '2026-03-03T15:00:00+01:00');
    expect(resumed.summary.state).toBe('active');
    expect(resumed.summary.deadlineAt).toBe('2026-08-04T22:00:00.000Z'); // last day 4 August
    expect(contextOf(resumed.persisted)).toMatchObject({
      suspendedDaysThisStep: 30,
      suspendedDaysTotal: 30,
    });
  });

  it('no deadline passes while suspended, even long after it', () => {
    const driver = startedOnFirstApril();
    driver.must({ type: 'SUSPEND', reason: 'opname' }, '2026-09-01');
    expect(driver.sweep('2027-01-01')).toBeNull();
    const contact = driver.must({ type: 'RECORD_CONTACT', note: 'belafspraak' }, '2026-12-01');
    expect(contact.historyEntries.map((entry) => entry.type)).toEqual(['RECORD_CONTACT']);
    const resumed = driver.must({ type: 'RESUME' }, '2026-12-01');
    // 1 September → 1 December = 91 days; last day 1 October + 91 days = 31 December.
    expect(resumed.summary).toMatchObject({
      state: 'active',
      deadlineAt: '2026-12-31T23:00:00.000Z',
    });
  });

  it('resumes to overdue when suspended while overdue', () => {
    const driver = startedOnFirstApril();
    expectOk(driver.sweep('2026-10-05'));
    driver.must({ type: 'SUSPEND', reason: 'ziekte' }, '2026-10-06');
    expect(driver.must({ type: 'RESUME' }, '2026-10-20').summary.state).toBe('overdue');
  });
});

describe('Ontwikkeltraject: dropped out (the clock keeps running)', () => {
  it('remembers a deadline passed while away, and RESUME goes to overdue', () => {
    const driver = startedOnFirstApril();
    driver.must({ type: 'DROP_OUT', reason: 'niet verschenen' }, '2026-09-01');
    expect(driver.summary.deadlineAt).toBe('2026-10-01T22:00:00.000Z');
    const swept = expectOk(driver.sweep('2026-10-03'));
    expect(swept.historyEntries[0]).toMatchObject({
      type: 'DEADLINE_PASSED',
      fromState: 'droppedOut',
      toState: 'droppedOut',
    });
    expect(driver.sweep('2026-10-04')).toBeNull(); // applied exactly once
    expect(driver.must({ type: 'RESUME' }, '2026-10-10').summary.state).toBe('overdue');
  });

  it('RESUME before the deadline goes back to active with the same deadline', () => {
    const driver = startedOnFirstApril();
    driver.must({ type: 'DROP_OUT', reason: 'niet verschenen' }, '2026-06-01');
    const resumed = driver.must({ type: 'RESUME' }, '2026-07-01');
    expect(resumed.summary).toMatchObject({
      state: 'active',
      deadlineAt: '2026-10-01T22:00:00.000Z',
    });
  });
});

describe('Ontwikkeltraject: overdue and EXTEND (SPEC §2.3, §2.5)', () => {
  function overdue(settings = DEFAULT_SETTINGS) {
    const driver = startedOnFirstApril(settings);
    expectOk(driver.sweep('2026-10-02T08:00:00Z'));
    expect(driver.summary.state).toBe('overdue');
    return driver;
  }

  it('a teamleider extends by 1–3 months from the old last day', () => {
    const driver = overdue();
    const outcome = driver.must(
      { type: 'EXTEND', months: 2, reason: 'stage loopt nog' },
      '2026-10-05',
      teamleider,
    );
    expect(outcome.summary).toMatchObject({
      state: 'active',
      deadlineAt: '2026-12-01T23:00:00.000Z',
    }); // last day 1 Dec
    expect(outcome.historyEntries[0]).toMatchObject({
      type: 'EXTEND',
      actorId: teamleider.userId,
      payload: { months: 2, reason: 'stage loopt nog' },
    });
  });

  it('a begeleider is refused with FORBIDDEN_ROLE and changes nothing', () => {
    const driver = overdue();
    const before = driver.persisted;
    const refused = driver.send(
      { type: 'EXTEND', months: 2, reason: 'x' },
      '2026-10-05',
      begeleider,
    );
    expect(refused).toMatchObject({ ok: false, code: 'FORBIDDEN_ROLE' });
    expect(refused.ok ? [] : refused.allowedEvents).not.toContain('EXTEND');
    expect(driver.persisted).toBe(before);
  });

  it('at most maxExtensionsPerStep per step, and only 1–3 months', () => {
    const driver = overdue();
    expect(
      driver.send({ type: 'EXTEND', months: 4 as 3, reason: 'x' }, '2026-10-05', teamleider),
    ).toMatchObject({ code: 'GUARD_FAILED' });
    driver.must({ type: 'EXTEND', months: 1, reason: 'x' }, '2026-10-05', teamleider);
    const again = driver.send({ type: 'EXTEND', months: 1, reason: 'x' }, '2026-11-05', teamleider);
    expect(again).toMatchObject({ ok: false, code: 'GUARD_FAILED' }); // the deadline passed again first
    expect(driver.summary.state).toBe('active'); // refused: the inserted DEADLINE_PASSED was not kept either
  });

  it('an organisation allowing two extensions gets two', () => {
    const driver = overdue(resolveSettings({ products: { ONT: { maxExtensionsPerStep: 2 } } }));
    driver.must({ type: 'EXTEND', months: 1, reason: 'x' }, '2026-10-05', teamleider);
    expect(
      driver.must({ type: 'EXTEND', months: 1, reason: 'x' }, '2026-11-05', teamleider).summary
        .state,
    ).toBe('active');
  });

  it('an extension ending before the decision itself is refused', () => {
    const driver = overdue();
    expect(
      driver.send({ type: 'EXTEND', months: 1, reason: 'x' }, '2026-11-10', teamleider),
    ).toMatchObject({ code: 'GUARD_FAILED' });
  });

  it('EXTEND in active is not allowed', () => {
    expect(
      startedOnFirstApril().send(
        { type: 'EXTEND', months: 1, reason: 'x' },
        '2026-05-01',
        teamleider,
      ),
    ).toMatchObject({
      code: 'EVENT_NOT_ALLOWED',
    });
  });
});

describe('Ontwikkeltraject: NEXT_STEP and closing (SPEC §2.3)', () => {
  it('NEXT_STEP aims one trede higher with a new window from the event date', () => {
    const driver = startedOnFirstApril();
    driver.must({ type: 'ASSESS_TREDE', trede: 3 }, '2026-06-10');
    const next = driver.must({ type: 'NEXT_STEP' }, '2026-06-15T10:00:00+02:00');
    expect(next.summary).toMatchObject({
      state: 'active',
      targetTrede: 4,
      deadlineAt: '2026-12-15T23:00:00.000Z',
    });
    expect(contextOf(next.persisted)).toMatchObject({
      step: 2,
      extensionsThisStep: 0,
      stepStartedAt: '2026-06-15T08:00:00.000Z',
    });
  });

  it('NEXT_STEP after target 5 is refused; closing then is goalReached', () => {
    const driver = TrajectoryDriver.create({
      product: 'ONT',
      targetTrede: 5,
      currentTrede: 4,
      registeredAt: '2026-01-01',
    });
    driver.must({ type: 'START' }, '2026-01-02');
    driver.must({ type: 'ASSESS_TREDE', trede: 5 }, '2026-03-01');
    expect(driver.send({ type: 'NEXT_STEP' }, '2026-03-02')).toMatchObject({
      code: 'GUARD_FAILED',
    });
    expect(driver.last.allowedEvents).not.toContain('NEXT_STEP');
    const closed = driver.must({ type: 'CLOSE', outcome: 'goalReached' }, '2026-03-02');
    expect(closed.summary).toMatchObject({ state: 'closed', deadlineAt: null });
    expect(closed.allowedEvents).toEqual([]);
  });

  it('a participant who jumps past the target gets a next target above where they stand', () => {
    const driver = TrajectoryDriver.create({
      product: 'ONT',
      targetTrede: 3,
      currentTrede: 2,
      registeredAt: '2026-01-01',
    });
    driver.must({ type: 'START' }, '2026-01-02');
    driver.must({ type: 'ASSESS_TREDE', trede: 4 }, '2026-03-01');
    expect(driver.must({ type: 'NEXT_STEP' }, '2026-03-02').summary.targetTrede).toBe(5);
  });

  it('before START an assessment may not already reach the target', () => {
    const driver = TrajectoryDriver.create({
      product: 'ONT',
      targetTrede: 3,
      currentTrede: 2,
      registeredAt: '2026-01-01',
    });
    expect(driver.send({ type: 'ASSESS_TREDE', trede: 3 }, '2026-01-05')).toMatchObject({
      code: 'GUARD_FAILED',
    });
    expect(driver.must({ type: 'ASSESS_TREDE', trede: 1 }, '2026-01-05').summary.currentTrede).toBe(
      1,
    );
  });
});

describe('relapse (SPEC §2.4 RELAPSE)', () => {
  it('a lower assessment sets relapseAt and the RELAPSE signal for 90 days', () => {
    const driver = TrajectoryDriver.create({
      product: 'ONT',
      targetTrede: 4,
      currentTrede: 3,
      registeredAt: '2026-01-01',
    });
    driver.must({ type: 'START' }, '2026-01-02');
    const lower = driver.must({ type: 'ASSESS_TREDE', trede: 2 }, '2026-04-01T10:00:00Z');
    expect(lower.historyEntries[0]?.flags).toEqual(['relapse']);
    expect(lower.summary.relapseAt).toBe('2026-04-01T10:00:00.000Z');
    expect(lower.tredeTransition).toEqual({
      from: 3,
      to: 2,
      at: '2026-04-01T10:00:00.000Z',
      reason: 'assessment',
    });
    const signals = DEFAULT_SETTINGS.signals;
    expect(computeSignals(lower.summary, '2026-05-01T00:00:00Z', signals)).toContain('RELAPSE');
    // Within 90 calendar days (SPEC §2.4): through 30 June (day 90), gone on 1 July (day 91).
    expect(computeSignals(lower.summary, '2026-06-30T21:59:59Z', signals)).toContain('RELAPSE');
    expect(computeSignals(lower.summary, '2026-06-30T22:00:00Z', signals)).not.toContain('RELAPSE');
    const again = driver.must({ type: 'ASSESS_TREDE', trede: 2 }, '2026-04-15');
    expect(again.summary.relapseAt).toBeNull(); // ONT: not lower than the assessment before
    const recovered = driver.must({ type: 'ASSESS_TREDE', trede: 3 }, '2026-05-01');
    expect(recovered.summary.relapseAt).toBeNull();
  });
});
