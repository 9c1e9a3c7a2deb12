import request from 'supertest';
import { createOrganisation } from '../../../server/organisations/organisation.repository';
import { bearer, createTestTeam, createTestUser } from '../../support/auth';
import { startTestServer, type TestServer } from '../../support/test-server';

/**
 * Hole 2: PATCH /users/<own id> with role teamleider and every team gave a beheerder every case
 * file; a beheerder could deactivate themselves or the last beheerder.
 */
describe('a beheerder cannot change their own access, and one always remains', () => {
  let server: TestServer;
  let first: { token: string; user: { id: string; orgId: string } };
  let team: { id: string; orgId: string };

  beforeAll(async () => {
    server = await startTestServer();
    team = await createTestTeam(server);
    first = await createTestUser(server, { role: 'beheerder', orgId: team.orgId });
  });
  afterAll(async () => server.close());

  const patch = (token: string, id: string, body: object) =>
    request(server.app).patch(`/api/v1/users/${id}`).set(bearer(token)).send(body);
  const userOf = async (id: string) =>
    (await request(server.app).get('/api/v1/users').set(bearer(first.token))).body.items.find(
      (user: { id: string }) => user.id === id,
    );

  it.each([
    [{ role: 'teamleider', teamIds: [] as string[] }],
    [{ teamIds: ['TEAM'] }],
    [{ active: false }],
  ])('refuses %j on oneself with 403 and changes nothing', async (body) => {
    const before = await userOf(first.user.id);
    const sent = JSON.parse(JSON.stringify(body).replace('"TEAM"', `"${team.id}"`));
    if (sent.teamIds?.length === 0) sent.teamIds = [team.id];
    const response = await patch(first.token, first.user.id, sent).expect(403);
    expect(response.body.error.code).toBe('SELF_CHANGE');
    expect(await userOf(first.user.id)).toEqual(before);
    await request(server.app).get('/api/v1/cases').set(bearer(first.token)).expect(403);
  });

  it('still lets a beheerder change their own display name and password', async () => {
    await patch(first.token, first.user.id, { displayName: 'Nieuwe naam' }).expect(200);
  });

  it('lets a beheerder change another one while more than one remains, as a security event', async () => {
    const second = await createTestUser(server, { role: 'beheerder', orgId: team.orgId });
    await patch(first.token, second.user.id, { active: false }).expect(200);
    const audit = await request(server.app)
      .get('/api/v1/audit?category=security')
      .set(bearer(first.token));
    const actions = audit.body.items.map((entry: { action: string }) => entry.action);
    expect(actions).toContain('security.self_change_refused');
    expect(actions).toContain('security.user_access_changed');
  });

  it('answers 409 LAST_BEHEERDER when a change would leave none', async () => {
    // A fresh organisation with two beheerders: each demotes the other at the same moment.
    const organisation = await createOrganisation(server.context.db, {
      name: 'Andere gemeente',
      now: server.clock.now(),
    });
    const a = await createTestUser(server, { role: 'beheerder', orgId: organisation.id });
    const b = await createTestUser(server, { role: 'beheerder', orgId: organisation.id });
    const [one, two] = await Promise.all([
      patch(a.token, b.user.id, { role: 'beleid' }),
      patch(b.token, a.user.id, { role: 'beleid' }),
    ]);
    expect([one.status, two.status].sort()).toEqual([200, 409]);
    const refused = one.status === 409 ? one : two;
    expect(refused.body.error.code).toBe('LAST_BEHEERDER');
    const users = (
      await request(server.app)
        .get('/api/v1/users?role=beheerder')
        .set(bearer(one.status === 409 ? b.token : a.token))
    ).body.items;
    expect(users.filter((user: { active: boolean }) => user.active)).toHaveLength(1);
  });
});
