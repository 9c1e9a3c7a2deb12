import request from 'supertest';
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
 * Issue 7, rule 4 (SPEC §2.4): GET /signals?asOf=<past date> answers what was true then, replayed
 * from the stored history — a trajectory overdue then and closed since is listed, one registered
 * after the peildatum is not.
 */
describe('GET /signals at a past peildatum', () => {
  let server: TestServer;
  let team: TestTeam;
  let overdueThenId: string;
  let laterId: string;

  beforeAll(async () => {
    server = await startTestServer({ now: '2026-09-01T10:00:00.000Z' });
    team = await createCaseworkTeam(server);
    const token = team.begeleider.token;
    const first = await createCaseViaApi(server, team, { trede: 2 });
    overdueThenId = (await createTrajectoryViaApi(server, token, first.id, { product: 'ONT' })).id;
    // Started 11 January: the step's last day is 11 July. Closed on 1 August.
    let version = 1;
    for (const event of [
      { type: 'START', occurredAt: '2026-01-11' },
      { type: 'RECORD_CONTACT', note: 'gesprek', occurredAt: '2026-07-01' },
      { type: 'CLOSE', outcome: 'goalNotReached', occurredAt: '2026-08-01' },
    ]) {
      const response = await sendEvent(server, token, overdueThenId, {
        ...event,
        expectedVersion: version,
      });
      expect(response.status).toBe(200);
      version = response.body.version;
    }
    const second = await createCaseViaApi(server, team, { trede: 1 });
    laterId = (
      await createTrajectoryViaApi(server, token, second.id, {
        product: 'HER',
        registeredAt: '2026-08-15',
      })
    ).id;
  });
  afterAll(async () => server.close());

  const signalsAt = (asOf?: string) =>
    request(server.app)
      .get('/api/v1/signals')
      .query(asOf ? { asOf } : {})
      .set(bearer(team.teamleider.token))
      .expect(200);

  it('lists the trajectory that was overdue on 20 July although it is closed now', async () => {
    const past = await signalsAt('2026-07-20');
    const item = past.body.items.find(
      (entry: { trajectoryId: string }) => entry.trajectoryId === overdueThenId,
    );
    // Intake on 5 January and no assessment since: by 20 July also more than 6 months unmeasured.
    expect(item).toMatchObject({
      state: 'overdue',
      signals: ['DEADLINE_PASSED', 'ASSESSMENT_DUE'],
    });
    expect(past.body.counts.DEADLINE_PASSED).toBe(1);
    const today = await signalsAt();
    expect(
      today.body.items.map((entry: { trajectoryId: string }) => entry.trajectoryId),
    ).not.toContain(overdueThenId);
  });

  it('does not list a trajectory registered after the peildatum', async () => {
    const past = await signalsAt('2026-07-20');
    expect(
      past.body.items.map((entry: { trajectoryId: string }) => entry.trajectoryId),
    ).not.toContain(laterId);
  });

  it('a peildatum before any registration lists nothing', async () => {
    expect((await signalsAt('2025-12-01')).body.items).toEqual([]);
  });
});
