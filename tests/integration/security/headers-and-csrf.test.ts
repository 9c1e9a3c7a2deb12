import request from 'supertest';
import { bearer, createTestUser, TEST_PASSWORD } from '../../support/auth';
import { buildCaseInput, createCaseworkTeam, type TestTeam } from '../../support/factories';
import { startTestServer, type TestServer } from '../../support/test-server';

/** Hole 9: caching of personal data, framing, HTML 404s under /api, cross-site cookie writes. */
describe('API headers and the second CSRF layer', () => {
  let server: TestServer;
  let team: TestTeam;
  let cookie: string;

  beforeAll(async () => {
    server = await startTestServer();
    team = await createCaseworkTeam(server);
    await createTestUser(server, {
      role: 'begeleider',
      username: 'browser-user',
      teamIds: [team.team.id],
      orgId: team.team.orgId,
    });
    const login = await request(server.app)
      .post('/api/v1/auth/login')
      .send({ username: 'browser-user', password: TEST_PASSWORD })
      .expect(200);
    cookie = `trede_session=${login.body.token}`;
  });
  afterAll(async () => server.close());

  it('marks API answers no-store and forbids framing', async () => {
    const response = await request(server.app)
      .get('/api/v1/cases')
      .set(bearer(team.begeleider.token))
      .expect(200);
    expect(response.headers['cache-control']).toBe('no-store');
    // Nothing may be kept, so nothing is revalidated: no ETag (and no hash of every answer).
    expect(response.headers.etag).toBeUndefined();
    expect(response.headers['content-security-policy']).toMatch(/frame-ancestors 'none'/);
    expect(response.headers['x-frame-options']).toBe('DENY');
    const error = await request(server.app).get('/api/v1/cases').expect(401);
    expect(error.headers['cache-control']).toBe('no-store');
  });

  it.each(['/api/v2/cases', '/api/anything', '/api', '/api/v1/nope'])(
    'answers %s with a JSON 404',
    async (url) => {
      const response = await request(server.app).get(url).expect(404);
      expect(response.headers['content-type']).toMatch(/application\/json/);
      expect(response.body.error.code).toBe('NOT_FOUND');
    },
  );

  it('refuses a cookie-authenticated write from another site, and changes nothing', async () => {
    const before = await request(server.app).get('/api/v1/cases').set('Cookie', cookie);
    for (const headers of [
      { 'Sec-Fetch-Site': 'cross-site' },
      { 'Sec-Fetch-Site': 'same-site' },
      { Origin: 'https://evil.example' },
      { Origin: 'null' },
    ]) {
      const response = await request(server.app)
        .post('/api/v1/cases')
        .set('Cookie', cookie)
        .set(headers)
        .send(buildCaseInput(team));
      expect(response.status).toBe(403);
      expect(response.body.error.code).toBe('CROSS_SITE_REQUEST');
    }
    const after = await request(server.app).get('/api/v1/cases').set('Cookie', cookie);
    expect(after.body.total).toBe(before.body.total);
  });

  it('accepts the same write from the own origin, and bearer requests whatever their origin', async () => {
    await request(server.app)
      .post('/api/v1/cases')
      .set('Cookie', cookie)
      .set('Sec-Fetch-Site', 'same-origin')
      .set('Origin', 'http://127.0.0.1')
      .set('Host', '127.0.0.1')
      .send(buildCaseInput(team))
      .expect(201);
    await request(server.app)
      .post('/api/v1/cases')
      .set(bearer(team.begeleider.token))
      .set('Origin', 'https://integration.example')
      .send(buildCaseInput(team))
      .expect(201);
  });

  it('refuses a cross-site login (login CSRF)', async () => {
    await request(server.app)
      .post('/api/v1/auth/login')
      .set('Sec-Fetch-Site', 'cross-site')
      .send({ username: 'browser-user', password: TEST_PASSWORD })
      .expect(403);
  });
});
