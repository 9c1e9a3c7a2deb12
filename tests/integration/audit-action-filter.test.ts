import request from 'supertest';
import { bearer, createTestUser } from '../support/auth';
import {
  createCaseViaApi,
  createCaseworkTeam,
  createTrajectoryViaApi,
  type TestTeam,
} from '../support/factories';
import { startTestServer, type TestServer } from '../support/test-server';

/** GET /audit?action= (issue 11): "what" narrows every page on the server, not the loaded one. */
describe('GET /audit?action', () => {
  let server: TestServer;
  let team: TestTeam;
  let admin: string;
  const audit = (query: string) =>
    request(server.app).get(`/api/v1/audit${query}`).set(bearer(admin));

  beforeAll(async () => {
    server = await startTestServer({ now: '2026-03-01T10:00:00.000Z' });
    team = await createCaseworkTeam(server, 'Team Oost');
    admin = (await createTestUser(server, { role: 'beheerder', orgId: team.team.orgId })).token;
    // Three cases created, each read once, and one trajectory: case.create ×3, case.read ×3,
    // trajectory.create ×1.
    for (let index = 0; index < 3; index += 1) {
      const created = await createCaseViaApi(server, team);
      await request(server.app)
        .get(`/api/v1/cases/${created.id}`)
        .set(bearer(team.begeleider.token))
        .expect(200);
      if (index === 0)
        await createTrajectoryViaApi(server, team.begeleider.token, created.id, { product: 'ONT' });
    }
  });
  afterAll(async () => server?.close());

  const actions = (body: { items: Array<{ action: string }> }) =>
    body.items.map((item) => item.action);

  it('narrows to one action across pages: total and every page hold only that action', async () => {
    const all = await audit('?pageSize=500').expect(200);
    const reads = actions(all.body).filter((action) => action === 'case.read').length;
    expect(reads).toBe(3);
    const first = await audit('?action=case.read&pageSize=2').expect(200);
    const second = await audit('?action=case.read&pageSize=2&page=2').expect(200);
    expect(first.body.total).toBe(3);
    expect([...actions(first.body), ...actions(second.body)]).toEqual([
      'case.read',
      'case.read',
      'case.read',
    ]);
  });

  it('a group matches the actions under it, and no other action that merely starts alike', async () => {
    const group = await audit('?action=case&pageSize=500').expect(200);
    expect(new Set(actions(group.body))).toEqual(new Set(['case.create', 'case.read']));
    expect(group.body.total).toBe(6);
    const trajectory = await audit('?action=trajectory&pageSize=500').expect(200);
    expect(actions(trajectory.body)).toEqual(['trajectory.create']);
    // `cas` is not a group: no action is named cas or starts with `cas.`.
    expect((await audit('?action=cas').expect(200)).body.total).toBe(0);
  });

  it('refuses an action that is not an action name with 400 naming the field', async () => {
    for (const bad of ['case.*', '^case', 'Case.Read', `${'a'.repeat(65)}`]) {
      const response = await audit(`?action=${encodeURIComponent(bad)}`).expect(400);
      expect(response.body.error.details[0].field).toBe('action');
    }
  });
});
