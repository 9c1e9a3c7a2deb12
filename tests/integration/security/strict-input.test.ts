import request from 'supertest';
import { bearer, createTestUser } from '../../support/auth';
import { createCaseViaApi, createCaseworkTeam, type TestTeam } from '../../support/factories';
import { startTestServer, type TestServer } from '../../support/test-server';

/** Hole 8: unknown body fields and query parameters were silently ignored. */
describe('unknown fields and query parameters are a 400 naming them', () => {
  let server: TestServer;
  let admin: { token: string };
  let team: TestTeam;

  beforeAll(async () => {
    server = await startTestServer();
    team = await createCaseworkTeam(server);
    admin = await createTestUser(server, { role: 'beheerder', orgId: team.team.orgId });
  });
  afterAll(async () => server.close());

  const fieldsOf = (body: { error: { details: Array<{ field: string }> } }) =>
    body.error.details.map((detail) => detail.field);

  it('POST /users with orgId and passwordHash creates nobody', async () => {
    const response = await request(server.app)
      .post('/api/v1/users')
      .set(bearer(admin.token))
      .send({
        username: 'sneaky',
        displayName: 'Sneaky',
        role: 'begeleider',
        password: 'long-enough-password',
        orgId: 'another-org',
        passwordHash: 'x',
      })
      .expect(400);
    expect(fieldsOf(response.body)).toEqual(['orgId', 'passwordHash']);
    const users = await request(server.app).get('/api/v1/users').set(bearer(admin.token));
    expect(users.body.items.map((user: { username: string }) => user.username)).not.toContain(
      'sneaky',
    );
  });

  it.each([
    ['/api/v1/cases?q[$ne]=x', 'q[$ne]'],
    ['/api/v1/cases?pageSize=5&sort=displayName', 'sort'],
    ['/api/v1/signals?team[$gt]=', 'team[$gt]'],
    ['/api/v1/teams?name=x', 'name'],
    ['/api/v1/me?debug=1', 'debug'],
  ])('GET %s names %s', async (url, field) => {
    const response = await request(server.app).get(url).set(bearer(team.begeleider.token));
    expect(response.status).toBe(400);
    expect(fieldsOf(response.body)).toContain(field);
  });

  it('a case file read with an unknown parameter is refused too', async () => {
    const created = await createCaseViaApi(server, team);
    const response = await request(server.app)
      .get(`/api/v1/cases/${created.id}?include=bsn`)
      .set(bearer(team.begeleider.token))
      .expect(400);
    expect(fieldsOf(response.body)).toEqual(['include']);
  });

  it('login and team creation refuse extra fields', async () => {
    const login = await request(server.app)
      .post('/api/v1/auth/login')
      .send({ username: 'x', password: 'y', role: 'beheerder' })
      .expect(400);
    expect(fieldsOf(login.body)).toEqual(['role']);
    const teamResponse = await request(server.app)
      .post('/api/v1/teams')
      .set(bearer(admin.token))
      .send({ name: 'Team Zuid', orgId: 'x' })
      .expect(400);
    expect(fieldsOf(teamResponse.body)).toEqual(['orgId']);
  });
});
