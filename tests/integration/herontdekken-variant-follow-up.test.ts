import request from 'supertest';
import { runSweep } from '../../server/sweeper/run-sweep';
import { bearer, createTestUser } from '../support/auth';
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
 * A Herontdekken conclusion opens the opdrachtgever's variant (SPEC §2.3, §4.1; decision 032):
 * the one asked for in `followUpProduct`, or the one that replaces a built-in product the
 * opdrachtgever does not buy; the follow-up runs with the variant's own limits.
 */
describe('Herontdekken follow-ups as variants, through the API', () => {
  let server: TestServer;
  let team: TestTeam;
  let nijmegenId: string;
  let wijchenId: string;
  /** Follow-ups opened above, for the sweep at the end. */
  const followUps: Record<string, string> = {};

  beforeAll(async () => {
    server = await startTestServer({ now: '2026-06-01T10:00:00.000Z' });
    team = await createCaseworkTeam(server, 'Team Zuid');
    const admin = (await createTestUser(server, { role: 'beheerder', orgId: team.team.orgId }))
      .token;
    const opdrachtgever = async (name: string, gemeentecode: string) =>
      (
        await request(server.app)
          .post('/api/v1/opdrachtgevers')
          .set(bearer(admin))
          .send({ name, gemeentecode })
          .expect(201)
      ).body.id as string;
    const variant = (id: string, code: string, body: Record<string, unknown>) =>
      request(server.app)
        .put(`/api/v1/opdrachtgevers/${id}/variants/${code}`)
        .set(bearer(admin))
        .send(body)
        .expect(200);
    // The default opdrachtgever (the organisation's first) has the built-in catalogue only.
    await opdrachtgever('Gemeente Testdorp', 'GM0001');
    nijmegenId = await opdrachtgever('Gemeente Nijmegen', 'GM0268');
    await variant(nijmegenId, 'STA-3-PLUS', {
      name: 'Stabiel op trede 3 plus',
      family: 'STA',
      stabielTrede: 3,
      tariffCentsPerHour: 960,
      reviewMonths: 3,
    });
    // Wijchen buys no built-in Ontwikkeltraject, only its own of 4 months per step.
    wijchenId = await opdrachtgever('Gemeente Wijchen', 'GM0296');
    await variant(wijchenId, 'ONT-KORT', {
      name: 'Ontwikkeltraject kort',
      family: 'ONT',
      tariffCentsPerHour: 1300,
      limitMonths: 4,
    });
    await request(server.app)
      .patch(`/api/v1/opdrachtgevers/${wijchenId}`)
      .set(bearer(admin))
      .send({ products: { ONT: { enabled: false } } })
      .expect(200);
  });
  afterAll(async () => server?.close());

  /** A started HER trajectory (15 January) for a new case of this opdrachtgever. */
  async function startedHer(opdrachtgeverId?: string) {
    const created = await createCaseViaApi(server, team, {
      trede: 1,
      ...(opdrachtgeverId && { opdrachtgeverId }),
    });
    const her = await createTrajectoryViaApi(server, team.begeleider.token, created.id, {
      product: 'HER',
    });
    const started = await sendEvent(server, team.begeleider.token, her.id, {
      type: 'START',
      occurredAt: '2026-01-15T10:00:00+01:00',
      expectedVersion: her.version,
    });
    expect(started.status).toBe(200);
    return { caseId: created.id, id: her.id, version: started.body.version as number };
  }
  const startFollowUp = async (id: string) => {
    const response = await sendEvent(server, team.begeleider.token, id, {
      type: 'START',
      occurredAt: '2026-05-04T10:00:00+02:00',
      expectedVersion: 1,
    });
    expect(response.status).toBe(200);
    return response.body;
  };

  it('opens the asked variant, which keeps its own review period (3 months)', async () => {
    const her = await startedHer(nijmegenId);
    const concluded = await sendEvent(server, team.begeleider.token, her.id, {
      type: 'CONCLUDE',
      trede: 3,
      route: 'stabiel',
      followUpProduct: 'STA-3-PLUS',
      occurredAt: '2026-05-01T10:00:00+02:00',
      expectedVersion: her.version,
    });
    expect(concluded.status).toBe(200);
    expect(concluded.body.state).toBe('closed');
    followUps.plus = concluded.body.followUpTrajectoryId;
    const followUp = await startFollowUp(concluded.body.followUpTrajectoryId);
    // Started 4 May, reviewed every 3 months: the last day is 4 August (CEST).
    expect(followUp).toMatchObject({
      product: 'STA-3-PLUS',
      machineId: 'stabiel',
      state: 'active',
      deadlineAt: '2026-08-04T22:00:00.000Z',
    });
  });

  it('opens the opdrachtgever’s own ONT where it does not buy the built-in one (4 months)', async () => {
    const her = await startedHer(wijchenId);
    const concluded = await sendEvent(server, team.begeleider.token, her.id, {
      type: 'CONCLUDE',
      trede: 2,
      route: 'ontwikkeltraject',
      occurredAt: '2026-05-01T10:00:00+02:00',
      expectedVersion: her.version,
    });
    expect(concluded.status).toBe(200);
    followUps.kort = concluded.body.followUpTrajectoryId;
    const followUp = await startFollowUp(concluded.body.followUpTrajectoryId);
    // Started 4 May, 4 months per step: the last day is 4 September.
    expect(followUp).toMatchObject({
      product: 'ONT-KORT',
      targetTrede: 3,
      deadlineAt: '2026-09-04T22:00:00.000Z',
    });
  });

  it('keeps the built-in product when none is asked for', async () => {
    const her = await startedHer(nijmegenId);
    const concluded = await sendEvent(server, team.begeleider.token, her.id, {
      type: 'CONCLUDE',
      trede: 3,
      route: 'stabiel',
      occurredAt: '2026-05-01T10:00:00+02:00',
      expectedVersion: her.version,
    });
    followUps.builtIn = concluded.body.followUpTrajectoryId;
    const followUp = await startFollowUp(concluded.body.followUpTrajectoryId);
    // STA-3: every 6 months, so the last day is 4 November (CET).
    expect(followUp).toMatchObject({ product: 'STA-3', deadlineAt: '2026-11-04T23:00:00.000Z' });
  });

  it('refuses a variant of another catalogue or family (422) and a malformed code (400), changing nothing', async () => {
    const her = await startedHer(); // the default opdrachtgever: no variants
    const stored = await rawCase(server, her.caseId);
    const conclude = (body: Record<string, unknown>) =>
      sendEvent(server, team.begeleider.token, her.id, {
        type: 'CONCLUDE',
        trede: 3,
        route: 'stabiel',
        occurredAt: '2026-05-01T10:00:00+02:00',
        expectedVersion: her.version,
        ...body,
      });
    const elsewhere = await conclude({ followUpProduct: 'STA-3-PLUS' });
    expect(elsewhere.status).toBe(422);
    expect(elsewhere.body.error.code).toBe('PRODUCT_DISABLED');
    const family = await conclude({ followUpProduct: 'ONT' });
    expect(family.status).toBe(422);
    expect(family.body.error).toMatchObject({
      code: 'GUARD_FAILED',
      message: 'ONT is no Stabiel product for trede 3',
    });
    const malformed = await conclude({ followUpProduct: 'sta 3' });
    expect(malformed.status).toBe(400);
    expect(malformed.body.error.details[0].field).toBe('followUpProduct');
    expect(await rawCase(server, her.caseId)).toEqual(stored);
  });

  /*
   * The sweeper on 5 September 2026 00:00 (UTC), with each case's own (opdrachtgever) catalogue:
   *   ONT-KORT (Wijchen) started 4 May, 4 months: late from 2026-09-04T22:00Z → overdue;
   *   STA-3-PLUS (Nijmegen) started 4 May, review every 3 months: due 2026-08-04T22:00Z → reviewDue;
   *   STA-3 (Nijmegen, built-in) review every 6 months: due 2026-11-04 → still active.
   */
  it('sweeps the variants at their own deadlines', async () => {
    await runSweep(server.context, new Date('2026-09-05T00:00:00.000Z'));
    const state = async (id: string | undefined) => {
      const response = await request(server.app)
        .get(`/api/v1/trajectories/${id}`)
        .set(bearer(team.begeleider.token))
        .expect(200);
      const passed = response.body.history.filter(
        (entry: { type: string }) => entry.type === 'DEADLINE_PASSED',
      );
      return [response.body.state, passed.map((entry: { occurredAt: string }) => entry.occurredAt)];
    };
    expect(await state(followUps.kort)).toEqual(['overdue', ['2026-09-04T22:00:00.000Z']]);
    expect(await state(followUps.plus)).toEqual(['reviewDue', ['2026-08-04T22:00:00.000Z']]);
    expect(await state(followUps.builtIn)).toEqual(['active', []]);
  });
});
