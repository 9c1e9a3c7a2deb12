import { assessTrede } from './assessment';
import { createTrajectory } from './engine';
import { chronologyFloor } from './ladder-chronology';
import { DEFAULT_SETTINGS, resolveSettings } from './products';
import { computeSignals } from './signals';
import { begeleider, expectOk, LATER, TrajectoryDriver } from './test-support';
import type { ProductCode, Trede } from './types';

/**
 * Issue 7, "workflow rules, corrected": one named test per rule (SPEC §2.3/§2.4), written from the
 * rule. Rules 4 (past peildatum) and 10 (inclusive report periods) have their own tests where the
 * rule is evaluated (replay.test.ts, tests/integration); rule 5 is in signals.test.ts.
 */

const signals = DEFAULT_SETTINGS.signals;

/** ONT 2 → 3 started 1 January 2026: the step's last day is 1 July, its deadline 2 July 00:00. */
function ontStarted() {
  const driver = TrajectoryDriver.create({
    product: 'ONT',
    currentTrede: 2,
    targetTrede: 3,
    registeredAt: '2025-12-20',
  });
  driver.must({ type: 'START' }, '2026-01-01T10:00');
  return driver;
}

describe('rule 1: backdating does not depend on the sweeper (SPEC §2.3)', () => {
  it('a step reached in time but recorded after the sweep counts as in time', () => {
    const driver = ontStarted();
    expectOk(driver.sweep('2026-07-03T08:00:00Z'));
    expect(driver.summary.state).toBe('overdue');
    // Reached on 30 June, recorded on 3 July after the sweeper applied DEADLINE_PASSED.
    const late = driver.send(
      { type: 'ASSESS_TREDE', trede: 3 },
      '2026-06-30T10:00',
      begeleider,
      '2026-07-03T09:00:00Z',
    );
    const outcome = expectOk(late);
    expect(outcome.summary.state).toBe('stepAchieved');
    expect(outcome.retractedEntries).toBe(1);
    expect(outcome.historyEntries.map((entry) => [entry.type, entry.flags])).toEqual([
      ['ASSESS_TREDE', []], // no achievedAfterDeadline
    ]);
    expect(driver.history.map((entry) => entry.type)).toEqual(['CREATED', 'START', 'ASSESS_TREDE']);
  });

  it('a backdated event that does not meet the deadline sees it derived again after it', () => {
    const driver = ontStarted();
    expectOk(driver.sweep('2026-07-03T08:00:00Z'));
    const contact = expectOk(
      driver.send(
        { type: 'RECORD_CONTACT', note: 'gesprek' },
        '2026-06-30T10:00',
        begeleider,
        '2026-07-03T09:00:00Z',
      ),
    );
    expect(contact.summary.state).toBe('overdue');
    expect(driver.history.map((entry) => entry.type)).toEqual([
      'CREATED',
      'START',
      'RECORD_CONTACT',
      'DEADLINE_PASSED',
    ]);
  });

  it('the floor is the previous user event, not the system DEADLINE_PASSED', () => {
    const driver = ontStarted();
    driver.must({ type: 'RECORD_CONTACT', note: 'gesprek' }, '2026-06-01T10:00');
    expectOk(driver.sweep('2026-07-10T08:00:00Z'));
    expect(driver.send({ type: 'RECORD_CONTACT', note: 'x' }, '2026-05-31T10:00')).toMatchObject({
      ok: false,
      code: 'OCCURRED_BEFORE_PREVIOUS',
    });
  });

  it('Herontdekken: CONCLUDE dated before the limit is in time, even after the sweep', () => {
    const driver = TrajectoryDriver.create({
      product: 'HER',
      currentTrede: 1,
      registeredAt: '2026-01-01',
    });
    driver.must({ type: 'START' }, '2026-01-15T10:00');
    expectOk(driver.sweep('2027-01-20T08:00:00Z'));
    const concluded = driver.must(
      { type: 'CONCLUDE', trede: 2, route: 'geen' },
      '2027-01-14T10:00',
    );
    expect(concluded.historyEntries.map((entry) => [entry.type, entry.flags])).toEqual([
      ['CONCLUDE', []],
    ]);
    expect(driver.history.some((entry) => entry.type === 'DEADLINE_PASSED')).toBe(false);
  });

  it('Stabiel: a REVIEW dated before the review date keeps the trajectory out of reviewDue', () => {
    const driver = TrajectoryDriver.create({
      product: 'STA-3',
      currentTrede: 3,
      registeredAt: '2026-01-05',
    });
    driver.must({ type: 'START' }, '2026-01-10T09:00');
    expectOk(driver.sweep('2026-07-20T08:00:00Z'));
    const reviewed = expectOk(
      driver.send(
        { type: 'REVIEW', decision: 'continue' },
        '2026-07-09T10:00',
        begeleider,
        '2026-07-20T09:00:00Z',
      ),
    );
    expect(reviewed.summary).toMatchObject({
      state: 'active',
      deadlineAt: '2027-01-09T23:00:00.000Z',
    });
    expect(driver.history.some((entry) => entry.type === 'DEADLINE_PASSED')).toBe(false);
  });
});

describe('rule 2: the ladder stays in date order (SPEC §2.3)', () => {
  it('the floor is the latest of the ladder entries and the previous trajectories closes', () => {
    expect(
      chronologyFloor({
        ladderDates: ['2026-01-01T09:00:00Z', '2026-03-01T09:00:00Z'],
        closedAt: ['2026-02-01T09:00:00Z', null],
      }),
    ).toBe('2026-03-01T09:00:00.000Z');
    expect(chronologyFloor({ ladderDates: [], closedAt: [] })).toBeNull();
  });

  it('a trajectory is never registered before the floor', () => {
    const base = {
      product: 'HER' as ProductCode,
      currentTrede: 1 as Trede,
      now: LATER,
      actor: begeleider,
      settings: DEFAULT_SETTINGS,
      notBefore: '2026-03-01T09:00:00Z',
    };
    expect(createTrajectory({ ...base, registeredAt: '2026-02-28' })).toMatchObject({
      ok: false,
      code: 'OCCURRED_BEFORE_PREVIOUS',
    });
    expect(createTrajectory({ ...base, registeredAt: '2026-03-01T09:00:00Z' })).toMatchObject({
      ok: true,
    });
  });

  it('no event is dated before the floor', () => {
    const driver = ontStarted();
    const floor = '2026-03-01T00:00:00Z';
    const event = { type: 'RECORD_CONTACT', note: 'gesprek' } as const;
    expect(driver.send(event, '2026-02-01', begeleider, LATER, floor)).toMatchObject({
      ok: false,
      code: 'OCCURRED_BEFORE_PREVIOUS',
    });
    expect(driver.send(event, '2026-03-01T10:00', begeleider, LATER, floor).ok).toBe(true);
  });
});

describe('rule 3: stalls in every open state are visible (SPEC §2.4)', () => {
  it('stepAchieved without NEXT_STEP or CLOSE for more than 14 days is DECISION_PENDING', () => {
    const driver = ontStarted();
    const achieved = driver.must({ type: 'ASSESS_TREDE', trede: 3 }, '2026-03-02T10:00');
    expect(computeSignals(achieved.summary, '2026-03-16T20:00:00Z', signals)).not.toContain(
      'DECISION_PENDING',
    );
    expect(computeSignals(achieved.summary, '2026-03-17T00:00:00Z', signals)).toContain(
      'DECISION_PENDING',
    );
  });

  it('a year in stepAchieved without contact shows NO_ACTIVITY and ASSESSMENT_DUE', () => {
    const driver = ontStarted();
    const achieved = driver.must({ type: 'ASSESS_TREDE', trede: 3 }, '2026-03-02T10:00');
    expect(computeSignals(achieved.summary, '2027-03-02T10:00:00Z', signals)).toEqual([
      'NO_ACTIVITY',
      'DECISION_PENDING',
      'ASSESSMENT_DUE',
    ]);
  });

  it('the last assessment is the intake passed at creation until the trajectory assesses', () => {
    const created = expectOk(
      createTrajectory({
        product: 'HER',
        currentTrede: 1,
        tredeAssessedAt: '2025-06-01T10:00:00Z',
        registeredAt: '2026-01-10',
        now: LATER,
        actor: begeleider,
        settings: DEFAULT_SETTINGS,
      }),
    );
    expect(created.summary.lastAssessedAt).toBe('2025-06-01T10:00:00.000Z');
    expect(computeSignals(created.summary, '2026-01-10T12:00:00Z', signals)).toContain(
      'ASSESSMENT_DUE',
    );
  });
});

describe('rule 6: Stabiel (SPEC §2.3)', () => {
  const create = (product: ProductCode, currentTrede: Trede) =>
    createTrajectory({
      product,
      currentTrede,
      registeredAt: '2026-01-05',
      now: LATER,
      actor: begeleider,
      settings: resolveSettings({ products: { 'STA-2': { enabled: true } } }),
    });

  it('STA-n starts only for a participant whose current trede is n', () => {
    expect(create('STA-3', 1)).toMatchObject({ ok: false, code: 'INVALID_TARGET' });
    expect(create('STA-3', 4)).toMatchObject({ ok: false, code: 'INVALID_TARGET' });
    expect(create('STA-4', 3)).toMatchObject({ ok: false, code: 'INVALID_TARGET' });
    expect(create('STA-2', 2)).toMatchObject({ ok: true });
    expect(create('STA-3', 3)).toMatchObject({ ok: true });
  });

  it('RELAPSE lasts while the participant stays below the product trede', () => {
    const driver = TrajectoryDriver.create({
      product: 'STA-3',
      currentTrede: 3,
      registeredAt: '2026-01-05',
    });
    driver.must({ type: 'START' }, '2026-01-10T09:00');
    const down = driver.must({ type: 'ASSESS_TREDE', trede: 2 }, '2026-02-01T10:00');
    const still = driver.must({ type: 'ASSESS_TREDE', trede: 2 }, '2026-03-01T10:00');
    expect(still.summary.relapseAt).toBe(down.summary.relapseAt); // from the first terugval
    expect(computeSignals(still.summary, '2026-08-01T12:00:00Z', signals)).toContain('RELAPSE');
    const back = driver.must({ type: 'ASSESS_TREDE', trede: 3 }, '2026-08-02T10:00');
    expect(back.summary.relapseAt).toBeNull();
    expect(computeSignals(back.summary, '2026-08-03T12:00:00Z', signals)).not.toContain('RELAPSE');
  });

  it('an assessment above the product trede is GROWTH (doorgroei) until back at it', () => {
    const driver = TrajectoryDriver.create({
      product: 'STA-3',
      currentTrede: 3,
      registeredAt: '2026-01-05',
    });
    driver.must({ type: 'START' }, '2026-01-10T09:00');
    const up = driver.must({ type: 'ASSESS_TREDE', trede: 4 }, '2026-02-01T10:00');
    expect(computeSignals(up.summary, '2026-02-02T12:00:00Z', signals)).toContain('GROWTH');
    const back = driver.must({ type: 'ASSESS_TREDE', trede: 3 }, '2026-03-01T10:00');
    expect(computeSignals(back.summary, '2026-03-02T12:00:00Z', signals)).not.toContain('GROWTH');
  });
});

describe('rule 7: Ontwikkeltraject one step at a time (SPEC §2.3, seed 003)', () => {
  const create = (currentTrede: Trede, targetTrede?: Trede) =>
    createTrajectory({
      product: 'ONT',
      currentTrede,
      targetTrede,
      registeredAt: '2026-01-05',
      now: LATER,
      actor: begeleider,
      settings: DEFAULT_SETTINGS,
    });

  it('a new trajectory targets the current trede + 1 (2–5), given or not', () => {
    expect(expectOk(create(1)).summary.targetTrede).toBe(2);
    expect(expectOk(create(4, 5)).summary.targetTrede).toBe(5);
    expect(create(2, 4)).toMatchObject({ ok: false, code: 'INVALID_TARGET' });
    expect(create(5)).toMatchObject({ ok: false, code: 'INVALID_TARGET' });
    expect(create(6)).toMatchObject({ ok: false, code: 'INVALID_TARGET' });
  });

  it('NEXT_STEP after a relapse in stepAchieved targets the current trede + 1', () => {
    const driver = ontStarted();
    driver.must({ type: 'ASSESS_TREDE', trede: 3 }, '2026-03-01T10:00');
    driver.must({ type: 'ASSESS_TREDE', trede: 2 }, '2026-03-10T10:00'); // terugval in stepAchieved
    expect(driver.must({ type: 'NEXT_STEP' }, '2026-03-11T10:00').summary.targetTrede).toBe(3);
  });
});

describe('rule 9: closing outcomes must fit (SPEC §2.3)', () => {
  it('goalReached only from stepAchieved', () => {
    const active = ontStarted();
    expect(active.send({ type: 'CLOSE', outcome: 'goalReached' }, '2026-02-01')).toMatchObject({
      ok: false,
      code: 'GUARD_FAILED',
    });
    active.must({ type: 'ASSESS_TREDE', trede: 3 }, '2026-03-01T10:00');
    const closed = active.must({ type: 'CLOSE', outcome: 'goalReached' }, '2026-03-02');
    expect(closed.summary).toMatchObject({ state: 'closed', outcome: 'goalReached' });
  });

  it('never goalReached for Stabiel, and REVIEW close needs an outcome', () => {
    const driver = TrajectoryDriver.create({
      product: 'STA-3',
      currentTrede: 3,
      registeredAt: '2026-01-05',
    });
    driver.must({ type: 'START' }, '2026-01-10T09:00');
    expect(driver.send({ type: 'CLOSE', outcome: 'goalReached' }, '2026-02-01').ok).toBe(false);
    expect(driver.send({ type: 'REVIEW', decision: 'close' }, '2026-02-01').ok).toBe(false);
    expect(
      driver.send({ type: 'REVIEW', decision: 'close', outcome: 'goalReached' }, '2026-02-01').ok,
    ).toBe(false);
    const closed = driver.must(
      { type: 'REVIEW', decision: 'close', outcome: 'moved' },
      '2026-02-01',
    );
    expect(closed.summary).toMatchObject({ state: 'closed', outcome: 'moved' });
  });

  it('paidWork only when the current trede is 5 or 6', () => {
    const low = ontStarted();
    expect(low.send({ type: 'CLOSE', outcome: 'paidWork' }, '2026-02-01').ok).toBe(false);
    const high = TrajectoryDriver.create({
      product: 'ONT',
      currentTrede: 4,
      registeredAt: '2026-01-05',
    });
    high.must({ type: 'START' }, '2026-01-10');
    high.must({ type: 'ASSESS_TREDE', trede: 5 }, '2026-03-01');
    expect(high.must({ type: 'CLOSE', outcome: 'paidWork' }, '2026-03-02').summary.outcome).toBe(
      'paidWork',
    );
  });

  it('Herontdekken CONCLUDE records outcome concluded with its route', () => {
    const driver = TrajectoryDriver.create({
      product: 'HER',
      currentTrede: 1,
      registeredAt: '2026-01-01',
    });
    driver.must({ type: 'START' }, '2026-01-15');
    const concluded = driver.must(
      { type: 'CONCLUDE', trede: 3, route: 'vrijwilligerswerk' },
      '2026-06-01',
    );
    expect(concluded.summary).toMatchObject({ state: 'closed', outcome: 'concluded' });
    expect(driver.context.conclusion).toEqual({ trede: 3, route: 'vrijwilligerswerk' });
  });
});

describe('rule 8: assessments outside a trajectory (SPEC §3, decision 008)', () => {
  const base = {
    currentTrede: 2 as Trede,
    now: LATER,
    actor: begeleider,
    settings: DEFAULT_SETTINGS,
    notBefore: '2026-01-05T09:00:00Z',
  };

  it('without an open trajectory: a transition on the ladder alone', () => {
    const result = assessTrede({
      ...base,
      trede: 5,
      assessedAt: '2027-03-01',
      openTrajectory: null,
    });
    expect(result).toEqual({
      ok: true,
      via: 'case',
      transition: { from: 2, to: 5, at: '2027-02-28T23:00:00.000Z', reason: 'assessment' },
      trajectory: null,
    });
    expect(
      assessTrede({ ...base, trede: 2, assessedAt: '2027-03-01', openTrajectory: null }),
    ).toMatchObject({
      ok: true,
      transition: null,
    });
  });

  it('never before the case floor, never in the future', () => {
    expect(
      assessTrede({ ...base, trede: 3, assessedAt: '2026-01-01', openTrajectory: null }),
    ).toMatchObject({
      ok: false,
      code: 'OCCURRED_BEFORE_PREVIOUS',
    });
    expect(
      assessTrede({
        ...base,
        now: '2026-02-01T00:00:00Z',
        trede: 3,
        assessedAt: '2026-03-01',
        openTrajectory: null,
      }),
    ).toMatchObject({ ok: false, code: 'OCCURRED_IN_FUTURE' });
  });

  it('through the open trajectory when its state takes ASSESS_TREDE (the machine decides)', () => {
    const driver = ontStarted();
    const result = assessTrede({
      ...base,
      trede: 3,
      assessedAt: '2026-03-01',
      openTrajectory: driver.persisted,
    });
    expect(result).toMatchObject({ ok: true, via: 'trajectory' });
    if (result.ok && result.via === 'trajectory') {
      expect(result.outcome.summary.state).toBe('stepAchieved');
      expect(result.outcome.historyEntries.map((entry) => entry.type)).toEqual(['ASSESS_TREDE']);
    }
  });

  it('a suspended trajectory gets no event, but learns the trede for its next step', () => {
    const driver = ontStarted();
    driver.must({ type: 'SUSPEND', reason: 'opname' }, '2026-02-01');
    const result = assessTrede({
      ...base,
      trede: 3,
      assessedAt: '2026-03-01',
      openTrajectory: driver.persisted,
    });
    expect(result).toMatchObject({ ok: true, via: 'case', transition: { from: 2, to: 3 } });
    if (result.ok && result.via === 'case') {
      expect(result.trajectory?.summary).toMatchObject({ state: 'suspended', currentTrede: 3 });
      expect(result.trajectory?.historyEntries).toEqual([]);
    }
  });
});
