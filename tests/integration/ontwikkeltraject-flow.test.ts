import request from 'supertest';
import { runSweep } from '../../server/sweeper/run-sweep';
import { bearer } from '../support/auth';
import {
  createCaseViaApi,
  createCaseworkTeam,
  createTrajectoryViaApi,
  sendEvent,
  type TestTeam,
} from '../support/factories';
import { startTestServer, type TestServer } from '../support/test-server';

/**
 * Issue 4: a whole Ontwikkeltraject through the HTTP API, backdated: trede 1 → step to 2 achieved →
 * NEXT_STEP to 3 → the deadline passes → overdue signal → EXTEND by the teamleider → achieved →
 * closed; the ladder holds exactly the transitions made.
 */
describe('a full Ontwikkeltraject through the API', () => {
  let server: TestServer;
  let team: TestTeam;

  beforeAll(async () => {
    server = await startTestServer({ now: '2026-06-01T10:00:00.000Z' });
    team = await createCaseworkTeam(server);
  });
  afterAll(async () => server.close());

  it('climbs two treden with an extension in between', async () => {
    const begeleider = team.begeleider.token;
    const created = await createCaseViaApi(server, team, {
      trede: 1,
      assessedAt: '2025-06-02T09:00:00Z',
    });
    const trajectory = await createTrajectoryViaApi(server, begeleider, created.id, {
      product: 'ONT',
      targetTrede: 2,
      registeredAt: '2025-06-05T09:00:00Z',
    });
    let version = trajectory.version;
    const send = async (token: string, body: Record<string, unknown>) => {
      const response = await sendEvent(server, token, trajectory.id, {
        ...body,
        expectedVersion: version,
      });
      expect({ type: body.type, status: response.status, error: response.body.error }).toEqual({
        type: body.type,
        status: 200,
        error: undefined,
      });
      version = response.body.version;
      return response.body;
    };

    const started = await send(begeleider, { type: 'START', occurredAt: '2025-06-10T09:00:00Z' });
    // Started 10 June: the step runs through 10 December, the deadline is 00:00 CET on 11 December.
    expect(started).toMatchObject({ state: 'active', deadlineAt: '2025-12-10T23:00:00.000Z' });
    await send(begeleider, {
      type: 'RECORD_CONTACT',
      note: 'Kennismaking',
      minutes: 60,
      occurredAt: '2025-06-12T10:00:00Z',
    });
    expect(
      await send(begeleider, {
        type: 'ASSESS_TREDE',
        trede: 2,
        occurredAt: '2025-09-01T10:00:00Z',
      }),
    ).toMatchObject({ state: 'stepAchieved' });
    const nextStep = await send(begeleider, {
      type: 'NEXT_STEP',
      occurredAt: '2025-09-02T10:00:00Z',
    });
    // The next step runs through 2 March: deadline 00:00 CET on 3 March.
    expect(nextStep).toMatchObject({
      state: 'active',
      targetTrede: 3,
      deadlineAt: '2026-03-02T23:00:00.000Z',
    });

    // Nobody acted before 2 March 2026; the sweeper (run as of "now", 1 June) finds the deadline.
    expect(await runSweep(server.context)).toMatchObject({ applied: 1, failed: 0 });
    const overdue = await request(server.app)
      .get(`/api/v1/trajectories/${trajectory.id}`)
      .set(bearer(begeleider))
      .expect(200);
    expect(overdue.body).toMatchObject({
      state: 'overdue',
      signals: expect.arrayContaining(['DEADLINE_PASSED']),
    });
    expect(overdue.body.history.at(-1)).toMatchObject({
      type: 'DEADLINE_PASSED',
      occurredAt: '2026-03-02T23:00:00.000Z',
      actorId: null,
    });
    version = overdue.body.version;
    const signals = await request(server.app)
      .get('/api/v1/signals')
      .query({ code: 'DEADLINE_PASSED' })
      .set(bearer(team.teamleider.token))
      .expect(200);
    expect(signals.body.items).toEqual([
      expect.objectContaining({
        trajectoryId: trajectory.id,
        signals: expect.arrayContaining(['DEADLINE_PASSED']),
      }),
    ]);

    // The begeleider may not extend; the teamleider may (SPEC §2.3).
    const refused = await sendEvent(server, begeleider, trajectory.id, {
      type: 'EXTEND',
      months: 3,
      reason: 'Cursus loopt uit',
      occurredAt: '2026-05-01T09:00:00Z',
      expectedVersion: version,
    });
    expect(refused.status).toBe(403);
    const extended = await send(team.teamleider.token, {
      type: 'EXTEND',
      months: 3,
      reason: 'Cursus loopt uit',
      occurredAt: '2026-05-01T09:00:00Z',
    });
    // Three months more: through 2 June, deadline 00:00 CEST on 3 June.
    expect(extended).toMatchObject({ state: 'active', deadlineAt: '2026-06-02T22:00:00.000Z' });

    expect(
      await send(begeleider, {
        type: 'ASSESS_TREDE',
        trede: 3,
        occurredAt: '2026-05-20T10:00:00Z',
      }),
    ).toMatchObject({ state: 'stepAchieved' });
    const closed = await send(begeleider, {
      type: 'CLOSE',
      outcome: 'other',
      note: 'Vervolg elders',
      occurredAt: '2026-05-25T10:00:00Z',
    });
    expect(closed).toMatchObject({ state: 'closed', allowedEvents: [] });
    expect(closed.history.map((entry: { type: string }) => entry.type)).toEqual([
      'CREATED',
      'START',
      'RECORD_CONTACT',
      'ASSESS_TREDE',
      'NEXT_STEP',
      'DEADLINE_PASSED',
      'EXTEND',
      'ASSESS_TREDE',
      'CLOSE',
    ]);

    const file = await request(server.app)
      .get(`/api/v1/cases/${created.id}`)
      .set(bearer(begeleider))
      .expect(200);
    expect(file.body.currentTrede).toBe(3);
    expect(file.body.ladder).toEqual([
      expect.objectContaining({
        seq: 0,
        from: null,
        to: 1,
        reason: 'intake',
        at: '2025-06-02T09:00:00.000Z',
        trajectoryId: null,
      }),
      expect.objectContaining({
        seq: 1,
        from: 1,
        to: 2,
        reason: 'assessment',
        at: '2025-09-01T10:00:00.000Z',
        trajectoryId: trajectory.id,
        product: 'ONT',
      }),
      expect.objectContaining({
        seq: 2,
        from: 2,
        to: 3,
        reason: 'assessment',
        at: '2026-05-20T10:00:00.000Z',
        trajectoryId: trajectory.id,
        product: 'ONT',
      }),
    ]);
    expect(file.body.trajectories).toEqual([
      expect.objectContaining({ id: trajectory.id, state: 'closed' }),
    ]);
  });
});
