import { applyEvent, createTrajectory, describeTrajectory, sweepDeadline } from './engine';
import { DEFAULT_SETTINGS, resolveSettings } from './products';
import { begeleider, expectOk, LATER, teamleider, TrajectoryDriver } from './test-support';
import type { PersistedTrajectory } from './types';

const settings = DEFAULT_SETTINGS;
const base = {
  currentTrede: 2 as const,
  registeredAt: '2026-01-05',
  now: LATER,
  actor: begeleider,
  settings,
};

describe('createTrajectory', () => {
  it('registers with one CREATED entry in state registered', () => {
    const created = expectOk(createTrajectory({ ...base, product: 'ONT', targetTrede: 3 }));
    expect(created.summary).toMatchObject({
      state: 'registered',
      deadlineAt: null,
      startedAt: null,
      targetTrede: 3,
    });
    expect(created.historyEntries).toEqual([
      expect.objectContaining({
        type: 'CREATED',
        fromState: null,
        toState: 'registered',
        actorId: begeleider.userId,
      }),
    ]);
    expect(created.persisted).toMatchObject({ machineId: 'ontwikkeltraject', machineVersion: 3 });
    expect(created.allowedEvents).toEqual(['START', 'RECORD_CONTACT', 'ASSESS_TREDE', 'CLOSE']);
  });

  it.each([
    ['ONT target 6', { product: 'ONT' as const, targetTrede: 6 as const }, 'INVALID_TARGET'],
    [
      'ONT target not above current',
      { product: 'ONT' as const, targetTrede: 2 as const },
      'INVALID_TARGET',
    ],
    [
      'Stabiel with a target',
      { product: 'STA-3' as const, targetTrede: 3 as const },
      'INVALID_TARGET',
    ],
    ['STA-2, disabled by default', { product: 'STA-2' as const }, 'PRODUCT_DISABLED'],
  ])('refuses %s', (_label, input, code) => {
    expect(createTrajectory({ ...base, ...input })).toMatchObject({ ok: false, code });
  });

  it('refuses a registration in the future or a date that is not one', () => {
    expect(
      createTrajectory({ ...base, product: 'HER', now: '2026-01-04T12:00:00Z' }),
    ).toMatchObject({ code: 'OCCURRED_IN_FUTURE' });
    expect(createTrajectory({ ...base, product: 'HER', registeredAt: 'gisteren' })).toMatchObject({
      code: 'INVALID_DATE',
    });
  });

  it('copies the product terms so later settings do not change a running trajectory', () => {
    const driver = TrajectoryDriver.create(
      { product: 'ONT', targetTrede: 3, currentTrede: 2, registeredAt: '2026-01-05' },
      resolveSettings({ products: { ONT: { limitMonths: 3 } } }),
    );
    const started = expectOk(
      applyEvent({
        persisted: driver.persisted,
        event: { type: 'START' },
        occurredAt: '2026-01-05',
        now: LATER,
        actor: begeleider,
        settings,
      }),
    );
    expect(started.summary.deadlineAt).toBe('2026-04-05T22:00:00.000Z'); // 3 months, not today's 6
  });
});

describe('applyEvent: common rules (SPEC §2.3)', () => {
  function active() {
    const driver = TrajectoryDriver.create({
      product: 'ONT',
      targetTrede: 3,
      currentTrede: 2,
      registeredAt: '2026-01-05',
    });
    driver.must({ type: 'START' }, '2026-02-01');
    return driver;
  }

  it('refuses DEADLINE_PASSED from a client with SYSTEM_EVENT', () => {
    expect(active().send({ type: 'DEADLINE_PASSED' }, '2026-12-01', teamleider)).toMatchObject({
      code: 'SYSTEM_EVENT',
    });
  });

  it('refuses occurredAt before the previous event or after now', () => {
    const driver = active();
    expect(driver.send({ type: 'RECORD_CONTACT', note: 'x' }, '2026-01-31')).toMatchObject({
      code: 'OCCURRED_BEFORE_PREVIOUS',
    });
    expect(
      driver.send(
        { type: 'RECORD_CONTACT', note: 'x' },
        '2026-03-02',
        begeleider,
        '2026-03-01T00:00:00Z',
      ),
    ).toMatchObject({
      code: 'OCCURRED_IN_FUTURE',
    });
    expect(driver.send({ type: 'RECORD_CONTACT', note: 'x' }, '2026-02-01').ok).toBe(true); // the same instant is fine
  });

  it('refuses roles that do not act on cases (SPEC §2.5)', () => {
    expect(
      active().send({ type: 'RECORD_CONTACT', note: 'x' }, '2026-03-01', {
        userId: 'p',
        role: 'beleid',
      }),
    ).toMatchObject({
      code: 'FORBIDDEN_ROLE',
    });
  });

  it('refuses a payload the engine cannot use, as GUARD_FAILED', () => {
    expect(active().send({ type: 'ASSESS_TREDE', trede: 7 as 6 }, '2026-03-01')).toMatchObject({
      code: 'GUARD_FAILED',
    });
    expect(active().send({ type: 'SUSPEND', reason: ' ' }, '2026-03-01')).toMatchObject({
      code: 'GUARD_FAILED',
    });
  });

  it('REASSIGN: teamleider only, recorded, no change of state', () => {
    const driver = active();
    expect(driver.send({ type: 'REASSIGN', begeleiderId: 'b2' }, '2026-03-01')).toMatchObject({
      code: 'FORBIDDEN_ROLE',
    });
    const reassigned = driver.must(
      { type: 'REASSIGN', begeleiderId: 'b2' },
      '2026-03-01',
      teamleider,
    );
    expect(reassigned.historyEntries[0]).toMatchObject({
      fromState: 'active',
      toState: 'active',
      payload: { begeleiderId: 'b2' },
    });
  });

  it('a late event inserts DEADLINE_PASSED at the deadline instant first', () => {
    const driver = active(); // last day 2026-08-01, deadline 2026-08-01T22:00Z
    const late = driver.must({ type: 'RECORD_CONTACT', note: 'gebeld' }, '2026-08-10T09:00:00Z');
    expect(late.historyEntries).toEqual([
      expect.objectContaining({
        type: 'DEADLINE_PASSED',
        occurredAt: '2026-08-01T22:00:00.000Z',
        actorId: null,
        fromState: 'active',
        toState: 'overdue',
      }),
      expect.objectContaining({
        type: 'RECORD_CONTACT',
        occurredAt: '2026-08-10T09:00:00.000Z',
        fromState: 'overdue',
        toState: 'overdue',
      }),
    ]);
    // Whether the sweeper ran first or not, the history is the same.
    const swept = active();
    expectOk(swept.sweep('2026-08-05T00:00:00Z'));
    swept.must({ type: 'RECORD_CONTACT', note: 'gebeld' }, '2026-08-10T09:00:00Z');
    expect(swept.history.map((e) => [e.type, e.occurredAt])).toEqual(
      driver.history.map((e) => [e.type, e.occurredAt]),
    );
  });

  it('a refused late event keeps nothing, but lists what is possible after the deadline', () => {
    const driver = active();
    const before = driver.persisted;
    const refused = driver.send({ type: 'NEXT_STEP' }, '2026-08-10');
    expect(refused).toMatchObject({ ok: false, code: 'EVENT_NOT_ALLOWED' });
    expect(refused.ok ? null : refused.allowedEvents).toEqual([
      'RECORD_CONTACT',
      'ASSESS_TREDE',
      'SUSPEND',
      'DROP_OUT',
      'CLOSE',
    ]);
    expect(driver.persisted).toBe(before);
  });

  it('nothing happens after closed', () => {
    const driver = active();
    driver.must({ type: 'CLOSE', outcome: 'moved' }, '2026-03-01');
    expect(driver.send({ type: 'RECORD_CONTACT', note: 'x' }, '2026-03-02')).toMatchObject({
      code: 'EVENT_NOT_ALLOWED',
      allowedEvents: [],
    });
    expect(driver.sweep('2030-01-01')).toBeNull();
  });
});

describe('sweepDeadline', () => {
  it('is null when nothing is due, and applies DEADLINE_PASSED at the deadline instant otherwise', () => {
    const driver = TrajectoryDriver.create({
      product: 'HER',
      currentTrede: 1,
      registeredAt: '2026-01-05',
    });
    expect(driver.sweep('2030-01-01')).toBeNull(); // registered: no clock
    driver.must({ type: 'START' }, '2026-01-05');
    expect(driver.sweep('2027-01-05T22:59:59Z')).toBeNull();
    const swept = expectOk(driver.sweep('2027-01-06T08:00:00Z'));
    expect(swept.historyEntries).toEqual([
      expect.objectContaining({
        type: 'DEADLINE_PASSED',
        occurredAt: '2027-01-05T23:00:00.000Z',
        recordedAt: '2027-01-06T08:00:00.000Z',
      }),
    ]);
    expect(driver.sweep('2027-02-01')).toBeNull();
  });
});

describe('unreadable snapshots never throw from applyEvent or sweepDeadline', () => {
  const event = { type: 'RECORD_CONTACT' as const, note: 'x' };
  const call = (persisted: PersistedTrajectory) =>
    applyEvent({
      persisted,
      event,
      occurredAt: '2026-01-01',
      now: LATER,
      actor: begeleider,
      settings,
    });

  it.each([
    [
      'an unknown machine',
      { machineId: 'werktraject', machineVersion: 2, snapshot: {} },
      'UNKNOWN_MACHINE',
    ],
    [
      'a version from the future',
      { machineId: 'stabiel', machineVersion: 3, snapshot: {} },
      'MIGRATION_FAILED',
    ],
    [
      'a state that does not exist',
      { machineId: 'stabiel', machineVersion: 2, snapshot: { value: 'paused', context: {} } },
      'MIGRATION_FAILED',
    ],
    [
      'a context without fields',
      {
        machineId: 'stabiel',
        machineVersion: 2,
        snapshot: { value: 'active', context: { product: 'STA-3' } },
      },
      'MIGRATION_FAILED',
    ],
    [
      'a v1 snapshot that is not one',
      { machineId: 'herontdekken', machineVersion: 1, snapshot: null },
      'MIGRATION_FAILED',
    ],
  ])('%s', (_label, persisted, code) => {
    expect(call(persisted as unknown as PersistedTrajectory)).toMatchObject({ ok: false, code });
    expect(
      sweepDeadline({
        persisted: persisted as unknown as PersistedTrajectory,
        now: LATER,
        settings,
      }),
    ).toMatchObject({ code });
    expect(() =>
      describeTrajectory(persisted as unknown as PersistedTrajectory, 'begeleider', settings),
    ).toThrow(/./);
  });
});
