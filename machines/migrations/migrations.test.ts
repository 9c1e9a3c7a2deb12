import { applyEvent, describeTrajectory } from '../engine';
import { DEFAULT_SETTINGS } from '../products';
import { computeSignals } from '../signals';
import { begeleider, contextOf, expectOk, LATER, TrajectoryDriver } from '../test-support';
import type { PersistedTrajectory } from '../types';
import v1Fixture from './fixtures/ontwikkeltraject-v1-suspended.json';
import v2Fixture from './fixtures/stabiel-v2-terugval-review-due.json';
import { CURRENT_MACHINE_VERSIONS, migrateSnapshot, MIGRATIONS } from '.';

/**
 * The v1 fixture: an ONT step started 1 January 2026 (last day 1 July), suspended once before
 * for 10.4 days (v1 stored 898 560 000 ms and moved the deadline by exactly that, to
 * 12 July 09:36), assessed 3 on 1 February and 2 on 15 February (a relapse), and suspended
 * again since 1 March.
 */
const fixture = (): PersistedTrajectory => structuredClone(v1Fixture) as PersistedTrajectory;

describe('snapshot migrations (SPEC §2.3: versioned snapshots)', () => {
  it('registers a path to the current version for every machine', () => {
    for (const [id, current] of Object.entries(CURRENT_MACHINE_VERSIONS)) {
      for (let version = 1; version < current; version += 1) {
        expect(MIGRATIONS[id as keyof typeof MIGRATIONS][version]).toBeInstanceOf(Function);
      }
    }
  });

  it('migrates the v1 fixture to v2 (and on to the current version)', () => {
    const migrated = migrateSnapshot(fixture());
    if (!migrated.ok) throw new Error(migrated.message);
    expect(migrated.persisted.machineVersion).toBe(3);
    const context = contextOf(migrated.persisted);
    expect(context).toMatchObject({
      suspendedDaysTotal: 11,
      suspendedDaysThisStep: 11,
      // 12 July 09:36 is not a midnight: the deadline moves on to 13 July 00:00 (CEST), never earlier.
      deadlineAt: '2026-07-12T22:00:00.000Z',
      previousTrede: 3,
      lastAssessedAt: '2026-02-15T10:00:00.000Z',
      relapseAt: '2026-02-15T10:00:00.000Z',
    });
    expect(context).not.toHaveProperty('suspendedMs');
    expect(context).not.toHaveProperty('assessments');
  });

  it('and the migrated trajectory then behaves as a v2 one', () => {
    const persisted = fixture();
    expect(describeTrajectory(persisted, 'begeleider', DEFAULT_SETTINGS)).toEqual({
      summary: expect.objectContaining({
        state: 'suspended',
        deadlineAt: null,
        relapseAt: '2026-02-15T10:00:00.000Z',
      }),
      allowedEvents: ['RECORD_CONTACT', 'RESUME', 'CLOSE'],
    });
    // 1 March → 31 March is 30 days: the deadline moves from 13 July to 12 August.
    const resumed = expectOk(
      applyEvent({
        persisted,
        event: { type: 'RESUME' },
        occurredAt: '2026-03-31T08:00:00Z',
        now: LATER,
        actor: begeleider,
        settings: DEFAULT_SETTINGS,
      }),
    );
    expect(resumed.persisted.machineVersion).toBe(3);
    expect(resumed.summary).toMatchObject({
      state: 'active',
      deadlineAt: '2026-08-11T22:00:00.000Z',
    });
    expect(contextOf(resumed.persisted)).toMatchObject({
      suspendedDaysTotal: 41,
      suspendedDaysThisStep: 41,
    });
    expect(
      computeSignals(resumed.summary, '2026-04-01T00:00:00Z', DEFAULT_SETTINGS.signals),
    ).toContain('RELAPSE');

    // From here on it is an ordinary v2 trajectory.
    const driver = new TrajectoryDriver(resumed);
    expect(driver.must({ type: 'ASSESS_TREDE', trede: 3 }, '2026-05-01').summary).toMatchObject({
      state: 'stepAchieved',
      relapseAt: null,
    });
  });

  it('leaves a current snapshot as it is', () => {
    const current = TrajectoryDriver.create({
      product: 'HER',
      currentTrede: 1,
      registeredAt: '2026-01-01',
    }).persisted;
    expect(migrateSnapshot(current)).toEqual({ ok: true, persisted: current });
  });

  it('refuses a v1 snapshot it cannot read, with a reason', () => {
    const broken = fixture();
    delete (broken.snapshot as { context: Record<string, unknown> }).context.assessments;
    expect(migrateSnapshot(broken)).toMatchObject({
      ok: false,
      code: 'MIGRATION_FAILED',
      message: expect.stringContaining('assessments'),
    });
  });

  /**
   * The v2 fixture, written by the version-2 engine (commit d2bb874): STA-3 started 10 January
   * 2026, assessed 2 on 2 March and again 2 on 1 April (v2 cleared relapseAt on the second one),
   * swept into reviewDue on 20 July.
   */
  const v2 = (): PersistedTrajectory => structuredClone(v2Fixture) as PersistedTrajectory;

  it('migrates the v2 fixture to v3: the terugval lasts, the floor for backdating is kept', () => {
    const migrated = migrateSnapshot(v2());
    if (!migrated.ok) throw new Error(migrated.message);
    expect(migrated.persisted.machineVersion).toBe(3);
    const context = contextOf(migrated.persisted);
    expect(context).toMatchObject({
      currentTrede: 2,
      // Below the product's trede: a lasting terugval, from the latest assessment v2 kept.
      relapseAt: '2026-04-01T08:00:00.000Z',
      growthAt: null,
      lastUserEventAt: '2026-07-10T22:00:00.000Z',
      derivedFrom: null,
      closeOutcome: null,
    });
    const described = describeTrajectory(v2(), 'begeleider', DEFAULT_SETTINGS);
    expect(
      computeSignals(described.summary, '2026-12-01T12:00:00Z', DEFAULT_SETTINGS.signals),
    ).toContain('RELAPSE');
  });

  it('and the migrated v2 trajectory takes events as a v3 one (REVIEW close needs an outcome)', () => {
    const send = (event: Parameters<typeof applyEvent>[0]['event']) =>
      applyEvent({
        persisted: v2(),
        event,
        occurredAt: '2026-07-21T10:00:00Z',
        now: LATER,
        actor: begeleider,
        settings: DEFAULT_SETTINGS,
      });
    expect(send({ type: 'REVIEW', decision: 'close' })).toMatchObject({ ok: false });
    const closed = expectOk(send({ type: 'REVIEW', decision: 'close', outcome: 'other' }));
    expect(closed.persisted.machineVersion).toBe(3);
    expect(closed.summary).toMatchObject({ state: 'closed', outcome: 'other' });
  });
});
