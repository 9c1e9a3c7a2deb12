import request from 'supertest';
import { bearer } from '../support/auth';
import {
  createCaseViaApi,
  createCaseworkTeam,
  createTrajectoryViaApi,
  rawCase,
  sendEvent,
  type TestTeam,
} from '../support/factories';
import { startTestServer, type TestServer } from '../support/test-server';

/**
 * Issue 7, rule 8 (SPEC §3): POST /cases/:id/assessments records a ladder measurement — on the
 * ladder alone without an open trajectory (or one suspended, dropped out, closed), through the open
 * trajectory's ASSESS_TREDE when it takes one.
 */
describe('POST /cases/:id/assessments', () => {
  let server: TestServer;
  let team: TestTeam;

  beforeAll(async () => {
    server = await startTestServer({ now: '2026-06-01T10:00:00.000Z' });
    team = await createCaseworkTeam(server);
  });
  afterAll(async () => server.close());

  const assess = (caseId: string, body: Record<string, unknown>) =>
    request(server.app)
      .post(`/api/v1/cases/${caseId}/assessments`)
      .set(bearer(team.begeleider.token))
      .send(body);

  it('without a trajectory: a ladder entry, and the current trede follows', async () => {
    const created = await createCaseViaApi(server, team, { trede: 4 });
    const response = await assess(created.id, { trede: 5, assessedAt: '2026-03-01' });
    expect(response.status).toBe(201);
    expect(response.body.currentTrede).toBe(5);
    expect(
      response.body.ladder.map((entry: { from: number | null; to: number }) => [
        entry.from,
        entry.to,
      ]),
    ).toEqual([
      [null, 4],
      [4, 5],
    ]);
    // The same trede again is a measurement, not a transition.
    const same = await assess(created.id, { trede: 5, assessedAt: '2026-04-01' });
    expect(same.status).toBe(201);
    expect(same.body.ladder).toHaveLength(2);
  });

  it('through the open trajectory when it takes ASSESS_TREDE: the machine decides', async () => {
    const created = await createCaseViaApi(server, team, { trede: 2 });
    const ont = await createTrajectoryViaApi(server, team.begeleider.token, created.id, {
      product: 'ONT',
    });
    await sendEvent(server, team.begeleider.token, ont.id, {
      type: 'START',
      occurredAt: '2026-01-11',
      expectedVersion: 1,
    });
    const response = await assess(created.id, {
      trede: 3,
      assessedAt: '2026-03-01',
      note: 'meting',
    });
    expect(response.status).toBe(201);
    const trajectory = response.body.trajectories[0];
    expect(trajectory).toMatchObject({ id: ont.id, state: 'stepAchieved', currentTrede: 3 });
    expect(trajectory.history.at(-1)).toMatchObject({
      type: 'ASSESS_TREDE',
      payload: { trede: 3, note: 'meting' },
    });
    expect(response.body.ladder.at(-1)).toMatchObject({
      from: 2,
      to: 3,
      trajectoryId: ont.id,
      product: 'ONT',
    });
  });

  it('while suspended: on the ladder, no trajectory event, and the next step starts from it', async () => {
    const created = await createCaseViaApi(server, team, { trede: 2 });
    const ont = await createTrajectoryViaApi(server, team.begeleider.token, created.id, {
      product: 'ONT',
    });
    await sendEvent(server, team.begeleider.token, ont.id, {
      type: 'START',
      occurredAt: '2026-01-11',
      expectedVersion: 1,
    });
    await sendEvent(server, team.begeleider.token, ont.id, {
      type: 'SUSPEND',
      reason: 'opname',
      occurredAt: '2026-02-01',
      expectedVersion: 2,
    });
    const response = await assess(created.id, { trede: 1, assessedAt: '2026-03-01' });
    expect(response.status).toBe(201);
    expect(response.body.currentTrede).toBe(1);
    const trajectory = response.body.trajectories[0];
    expect(trajectory).toMatchObject({ state: 'suspended', currentTrede: 1 });
    expect(trajectory.history.map((entry: { type: string }) => entry.type)).toEqual([
      'CREATED',
      'START',
      'SUSPEND',
    ]);
  });

  it('refuses bad input with a 400 naming the field and changes nothing; 404 outside the teams', async () => {
    const created = await createCaseViaApi(server, team, { trede: 3 });
    const before = await rawCase(server, created.id);
    const early = await assess(created.id, { trede: 4, assessedAt: '2025-12-01' });
    expect(early.status).toBe(400);
    expect(early.body.error.details[0].field).toBe('assessedAt');
    const future = await assess(created.id, { trede: 4, assessedAt: '2026-07-01' });
    expect(future.status).toBe(400);
    const unknownField = await assess(created.id, { trede: 4, assessedAt: '2026-03-01', x: 1 });
    expect(unknownField.status).toBe(400);
    const badTrede = await assess(created.id, { trede: 7, assessedAt: '2026-03-01' });
    expect(badTrede.status).toBe(400);
    expect(badTrede.body.error.details[0].field).toBe('trede');
    expect(await rawCase(server, created.id)).toEqual(before);
    const other = await createCaseworkTeam(server, 'Team Elders');
    await request(server.app)
      .post(`/api/v1/cases/${created.id}/assessments`)
      .set(bearer(other.begeleider.token))
      .send({ trede: 4, assessedAt: '2026-03-01' })
      .expect(404);
  });
});
