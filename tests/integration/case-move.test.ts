import request from 'supertest';
import { createSession } from '../../server/sessions/session.repository';
import { bearer, createTestUser } from '../support/auth';
import {
  createCaseViaApi,
  createCaseworkTeam,
  rawCase,
  sendEvent,
  type TestTeam,
} from '../support/factories';
import { local } from '../fixtures/reporting-fixture';
import { startTestServer, type TestServer } from '../support/test-server';

/**
 * Moving a case to another opdrachtgever mid-month (SPEC §4.1, decision 031): the running step
 * keeps its limit and deadline, and billing goes to the new opdrachtgever from the moment of the
 * move — contacts by their own instant, days by their 00:00 (like tariffs).
 *
 * Arnhem: the defaults (ONT €11.00, 6 months). Renkum: ONT €13.00 and 9 months from 1 January
 * 2026, and a variant STA-3-PLUS that Arnhem does not have.
 */
describe('moving a case between opdrachtgevers', () => {
  let server: TestServer;
  let team: TestTeam;
  let other: TestTeam;
  let admin: string;
  let arnhemId: string;
  let renkumId: string;
  let caseId: string;
  let trajectoryId: string;
  let version: number;

  /** Sessions last 10 hours; the test moves the clock by days, so everyone logs in anew. */
  const session = async (user: { id: string; orgId: string }) =>
    (
      await createSession(server.context.db, {
        userId: user.id,
        orgId: user.orgId,
        now: server.clock.now(),
      })
    ).token;
  const at = async (instant: string) => {
    server.clock.set(new Date(instant));
    team.begeleider.token = await session(team.begeleider.user);
    team.teamleider.token = await session(team.teamleider.user);
  };
  const event = async (body: Record<string, unknown>) => {
    const response = await sendEvent(server, team.begeleider.token, trajectoryId, {
      ...body,
      expectedVersion: version,
    });
    if (response.status !== 200) throw new Error(JSON.stringify(response.body));
    version = response.body.version;
    return response.body;
  };
  const move = (token: string, id: string, body: Record<string, unknown>) =>
    request(server.app).patch(`/api/v1/cases/${id}`).set(bearer(token)).send(body);
  const billing = async (query: string) => {
    const beleid = await createTestUser(server, { role: 'beleid', orgId: team.team.orgId });
    return request(server.app)
      .get(`/api/v1/reports/billing?${query}`)
      .set(bearer(beleid.token))
      .expect(200);
  };

  beforeAll(async () => {
    server = await startTestServer({ now: '2026-01-01T00:00:00.000Z' });
    team = await createCaseworkTeam(server, 'Team West');
    other = await createCaseworkTeam(server, 'Team Oost');
    admin = (await createTestUser(server, { role: 'beheerder', orgId: team.team.orgId })).token;
    const create = async (name: string, gemeentecode: string) =>
      (
        await request(server.app)
          .post('/api/v1/opdrachtgevers')
          .set(bearer(admin))
          .send({ name, gemeentecode })
          .expect(201)
      ).body.id as string;
    arnhemId = await create('Arnhem', 'GM0202');
    renkumId = await create('Renkum', 'GM0274');
    await request(server.app)
      .patch(`/api/v1/opdrachtgevers/${renkumId}`)
      .set(bearer(admin))
      .send({ products: { ONT: { tariffCentsPerHour: 1300, limitMonths: 9 } } })
      .expect(200);
    await request(server.app)
      .put(`/api/v1/opdrachtgevers/${renkumId}/variants/STA-3-PLUS`)
      .set(bearer(admin))
      .send({
        name: 'Stabiel op trede 3 plus',
        family: 'STA',
        stabielTrede: 3,
        tariffCentsPerHour: 960,
      })
      .expect(200);

    // An Arnhem case: ONT towards trede 2, started 15 January (deadline 16 July 00:00 local).
    await at('2026-03-16T08:30:00.000Z');
    const created = await createCaseViaApi(server, team, {
      opdrachtgeverId: arnhemId,
      assessedAt: '2026-01-05T09:00:00.000Z',
    });
    caseId = created.id;
    const trajectory = await request(server.app)
      .post(`/api/v1/cases/${caseId}/trajectories`)
      .set(bearer(team.begeleider.token))
      .send({ product: 'ONT', targetTrede: 2, registeredAt: local('2026-01-10') })
      .expect(201);
    trajectoryId = trajectory.body.id;
    version = trajectory.body.version;
    await event({ type: 'START', occurredAt: local('2026-01-15') });
    await event({
      type: 'RECORD_CONTACT',
      note: 'intake',
      minutes: 60,
      occurredAt: local('2026-03-05'),
    });
  });
  afterAll(async () => server?.close());

  it('moves the case at 13:00 on 16 March; the running step keeps its deadline', async () => {
    await at('2026-03-16T12:00:00.000Z'); // 13:00 in Amsterdam
    const file = await request(server.app)
      .get(`/api/v1/cases/${caseId}`)
      .set(bearer(team.teamleider.token))
      .expect(200);
    const before = file.body.trajectories[0].deadlineAt;
    expect(before).toBe('2026-07-15T22:00:00.000Z'); // 6 months: the end of 15 July

    const moved = await move(team.teamleider.token, caseId, {
      opdrachtgeverId: renkumId,
      expectedVersion: file.body.version,
    }).expect(200);
    expect(moved.body.opdrachtgeverId).toBe(renkumId);
    expect(moved.body.version).toBe(file.body.version + 1);
    expect(moved.body.opdrachtgeverMoves).toEqual([
      { from: arnhemId, to: renkumId, at: '2026-03-16T12:00:00.000Z' },
    ]);
    // Renkum's 9 months would end on 15 October; the step started under Arnhem's 6.
    expect(moved.body.trajectories[0].deadlineAt).toBe(before);
    const trajectory = await request(server.app)
      .get(`/api/v1/trajectories/${trajectoryId}`)
      .set(bearer(team.begeleider.token))
      .expect(200);
    expect(trajectory.body.deadlineAt).toBe(before);

    const audit = await request(server.app)
      .get(`/api/v1/audit?caseId=${caseId}`)
      .set(bearer((await createTestUser(server, { role: 'beheerder' })).token))
      .expect(200);
    expect(
      audit.body.items.find((entry: { action: string }) => entry.action === 'case.move'),
    ).toMatchObject({ details: { from: arnhemId, to: renkumId, version: moved.body.version } });
  });

  it('refuses a stale version, the same or an unknown opdrachtgever, a begeleider, another team', async () => {
    const stored = await rawCase(server, caseId);
    const current = (stored as { version: number }).version;
    const stale = await move(team.teamleider.token, caseId, {
      opdrachtgeverId: arnhemId,
      expectedVersion: current - 1,
    }).expect(409);
    expect(stale.body.error).toMatchObject({
      code: 'VERSION_CONFLICT',
      details: { currentVersion: current },
    });
    const same = await move(team.teamleider.token, caseId, {
      opdrachtgeverId: renkumId,
      expectedVersion: current,
    }).expect(400);
    expect(same.body.error.details[0].field).toBe('opdrachtgeverId');
    const unknown = await move(team.teamleider.token, caseId, {
      opdrachtgeverId: '0'.repeat(24),
      expectedVersion: current,
    }).expect(400);
    expect(unknown.body.error.details[0].field).toBe('opdrachtgeverId');
    const extra = await move(team.teamleider.token, caseId, {
      opdrachtgeverId: arnhemId,
      expectedVersion: current,
      teamId: other.team.id,
    }).expect(400);
    expect(extra.body.error.code).toBe('VALIDATION_FAILED');
    await move(team.begeleider.token, caseId, {
      opdrachtgeverId: arnhemId,
      expectedVersion: current,
    }).expect(403);
    other.teamleider.token = await session(other.teamleider.user);
    await move(other.teamleider.token, caseId, {
      opdrachtgeverId: arnhemId,
      expectedVersion: current,
    }).expect(404);
    expect(await rawCase(server, caseId)).toEqual(stored);
  });

  it('refuses a move to an opdrachtgever that does not offer the running product', async () => {
    const variantCase = await createCaseViaApi(server, team, {
      opdrachtgeverId: renkumId,
      trede: 3,
      assessedAt: '2026-02-01T09:00:00.000Z',
    });
    await request(server.app)
      .post(`/api/v1/cases/${variantCase.id}/trajectories`)
      .set(bearer(team.begeleider.token))
      .send({ product: 'STA-3-PLUS', registeredAt: local('2026-02-02') })
      .expect(201);
    const stored = await rawCase(server, variantCase.id);
    const refused = await move(team.teamleider.token, variantCase.id, {
      opdrachtgeverId: arnhemId,
      expectedVersion: (stored as { version: number }).version,
    }).expect(422);
    expect(refused.body.error).toMatchObject({
      code: 'PRODUCT_NOT_OFFERED',
      details: { product: 'STA-3-PLUS' },
    });
    expect(await rawCase(server, variantCase.id)).toEqual(stored);
  });

  /*
   * BILLING, March 2026 (the STA-3-PLUS case was only registered, never started: no row).
   *   The move: 16 March 13:00 local.
   *   Contacts: 5 Mar 10:00, 60 min (Arnhem); 16 Mar 09:00, 45 min, recorded after the move but
   *   dated before it (Arnhem); 20 Mar 10:00, 30 min (Renkum).
   *   Days: 1–16 March to Arnhem (16 March began at 00:00 under Arnhem) = 16; 17–31 to Renkum = 15.
   *   → Arnhem ONT @ 11,00: 1 participant, 16 days, 105 min, 1,75 h, 105 × 1100 / 60 = 1925 c
   *   → Renkum ONT @ 13,00: 1 participant, 15 days, 30 min, 0,50 h, 30 × 1300 / 60 = 650 c
   *   Total: 1 participant, 31 days, 135 min, 2,25 h, 2575 c = € 25,75.
   */
  it('bills a mid-month move exactly: to the old opdrachtgever before it, to the new one after', async () => {
    await event({
      type: 'RECORD_CONTACT',
      note: 'telefoon',
      minutes: 45,
      occurredAt: local('2026-03-16', '09:00'),
    });
    await at('2026-03-20T12:00:00.000Z');
    await event({
      type: 'RECORD_CONTACT',
      note: 'gesprek',
      minutes: 30,
      occurredAt: local('2026-03-20'),
    });
    await at('2026-04-02T10:00:00.000Z');

    const values = (row: Record<string, unknown>) => [
      row.opdrachtgever,
      row.product,
      row.participants,
      row.billableDays,
      row.minutes,
      row.hours,
      row.tariffCents,
      row.amountCents,
    ];
    const march = await billing('month=2026-03');
    expect(march.body.rows.map(values)).toEqual([
      ['Arnhem', 'ONT', 1, 16, 105, 1.75, 1100, 1925],
      ['Renkum', 'ONT', 1, 15, 30, 0.5, 1300, 650],
    ]);
    expect(march.body.total).toEqual({
      participants: 1,
      billableDays: 31,
      minutes: 135,
      hours: 2.25,
      amountCents: 2575,
      amount: 25.75,
    });
    // Each opdrachtgever's own bill holds its part, also the one the case has left.
    const arnhem = await billing(`month=2026-03&opdrachtgever=${arnhemId}`);
    expect(arnhem.body.rows.map(values)).toEqual([['Arnhem', 'ONT', 1, 16, 105, 1.75, 1100, 1925]]);
    const renkum = await billing(`month=2026-03&opdrachtgever=${renkumId}`);
    expect(renkum.body.rows.map(values)).toEqual([['Renkum', 'ONT', 1, 15, 30, 0.5, 1300, 650]]);
    // February, before the move, stays Arnhem's whole: 28 days, no contacts.
    const february = await billing('month=2026-02');
    expect(february.body.rows.map(values)).toEqual([['Arnhem', 'ONT', 1, 28, 0, 0, 1100, 0]]);
  });
});
