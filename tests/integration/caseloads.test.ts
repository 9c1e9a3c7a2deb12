import request from 'supertest';
import { bearer, createTestUser } from '../support/auth';
import {
  createCaseViaApi,
  createCaseworkTeam,
  createTrajectoryViaApi,
  type TestTeam,
} from '../support/factories';
import { startTestServer, type TestServer } from '../support/test-server';

/** GET /caseloads: counts per begeleider, narrowed by team and (issue 11) by opdrachtgever. */
describe('GET /caseloads', () => {
  let server: TestServer;
  let team: TestTeam;
  let arnhem: string;
  let renkum: string;
  const get = (token: string, query = '') =>
    request(server.app).get(`/api/v1/caseloads${query}`).set(bearer(token));
  const counts = (body: {
    items: Array<{ begeleiderId: string; open: number; waiting: number }>;
  }) =>
    body.items
      .filter((row) => row.begeleiderId === team.begeleider.user.id)
      .map((row) => [row.open, row.waiting]);

  beforeAll(async () => {
    server = await startTestServer({ now: '2026-03-01T10:00:00.000Z' });
    team = await createCaseworkTeam(server, 'Team Oost');
    const admin = await createTestUser(server, { role: 'beheerder', orgId: team.team.orgId });
    const create = async (name: string) =>
      (
        await request(server.app)
          .post('/api/v1/opdrachtgevers')
          .set(bearer(admin.token))
          .send({ name, gemeentecode: name === 'Arnhem' ? 'GM0202' : 'GM0274' })
          .expect(201)
      ).body.id as string;
    arnhem = await create('Arnhem');
    renkum = await create('Renkum');
    // Arnhem: two registered trajectories; Renkum: one; and a case of Renkum without one.
    for (const opdrachtgeverId of [arnhem, arnhem, renkum]) {
      const created = await createCaseViaApi(server, team, { opdrachtgeverId });
      await createTrajectoryViaApi(server, team.begeleider.token, created.id, { product: 'ONT' });
    }
    await createCaseViaApi(server, team, { opdrachtgeverId: renkum });
  });
  afterAll(async () => server?.close());

  it('counts only the chosen opdrachtgever’s cases, and still lists every person', async () => {
    expect(counts((await get(team.teamleider.token).expect(200)).body)).toEqual([[3, 3]]);
    expect(
      counts((await get(team.teamleider.token, `?opdrachtgever=${arnhem}`).expect(200)).body),
    ).toEqual([[2, 2]]);
    const forRenkum = await get(team.teamleider.token, `?opdrachtgever=${renkum}`).expect(200);
    expect(counts(forRenkum.body)).toEqual([[1, 1]]);
    // The teamleider has no open trajectory but keeps a row (a REASSIGN target).
    expect(
      forRenkum.body.items.find(
        (row: { begeleiderId: string }) => row.begeleiderId === team.teamleider.user.id,
      ),
    ).toMatchObject({ open: 0 });
    const both = await get(
      team.teamleider.token,
      `?team=${team.team.id}&opdrachtgever=${arnhem}`,
    ).expect(200);
    expect(counts(both.body)).toEqual([[2, 2]]);
  });

  it('refuses a malformed opdrachtgever and unknown parameters with 400 naming the field', async () => {
    const bad = await get(team.teamleider.token, '?opdrachtgever=arnhem').expect(400);
    expect(bad.body.error.details[0].field).toBe('opdrachtgever');
    const unknown = await get(team.teamleider.token, '?gemeente=arnhem').expect(400);
    expect(JSON.stringify(unknown.body.error.details)).toContain('gemeente');
  });
});
