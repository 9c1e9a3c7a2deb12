import request from 'supertest';
import { bearer, createTestTeam, createTestUser, TEST_PASSWORD } from '../support/auth';
import { startTestServer, type TestServer } from '../support/test-server';

describe('accounts, teams and the audit log', () => {
  let server: TestServer;
  let admin: { token: string; user: { id: string; orgId: string } };
  let teamA: { id: string };

  beforeAll(async () => {
    server = await startTestServer();
    teamA = await createTestTeam(server, 'Team Noord');
    admin = await createTestUser(server, { role: 'beheerder', username: 'beheer' });
  });
  afterAll(async () => server.close());

  describe('login', () => {
    it('returns a bearer token and sets an httpOnly, SameSite=Strict, Secure session cookie', async () => {
      await createTestUser(server, { role: 'begeleider', username: 'anne', teamIds: [teamA.id] });
      const response = await request(server.app)
        .post('/api/v1/auth/login')
        .send({ username: 'Anne ', password: TEST_PASSWORD })
        .expect(200);
      expect(response.body.user).toMatchObject({
        username: 'anne',
        role: 'begeleider',
        teamIds: [teamA.id],
      });
      expect(response.body.user.passwordHash).toBeUndefined();
      const cookie = String(response.headers['set-cookie']);
      expect(cookie).toMatch(/trede_session=/);
      expect(cookie).toMatch(/HttpOnly/);
      expect(cookie).toMatch(/SameSite=Strict/);
      expect(cookie).toMatch(/Secure/);

      const me = await request(server.app)
        .get('/api/v1/me')
        .set(bearer(response.body.token))
        .expect(200);
      expect(me.body.username).toBe('anne');
      const viaCookie = await request(server.app)
        .get('/api/v1/me')
        .set('Cookie', `trede_session=${response.body.token}`)
        .expect(200);
      expect(viaCookie.body.username).toBe('anne');
    });

    it('answers a wrong password and an unknown user alike with 401', async () => {
      const wrong = await request(server.app)
        .post('/api/v1/auth/login')
        .send({ username: 'anne', password: 'nope' })
        .expect(401);
      const unknown = await request(server.app)
        .post('/api/v1/auth/login')
        .send({ username: 'nobody', password: 'nope' })
        .expect(401);
      expect(wrong.body.error.message).toBe(unknown.body.error.message);
    });

    it('names the missing field with 400', async () => {
      const response = await request(server.app)
        .post('/api/v1/auth/login')
        .send({ username: 'anne' })
        .expect(400);
      expect(response.body.error.details).toEqual(
        expect.arrayContaining([expect.objectContaining({ field: 'password' })]),
      );
    });

    it('rate-limits repeated failures for one username', async () => {
      await createTestUser(server, { role: 'begeleider', username: 'target' });
      const statuses: number[] = [];
      for (let attempt = 0; attempt < 12; attempt += 1) {
        statuses.push(
          (
            await request(server.app)
              .post('/api/v1/auth/login')
              .send({ username: 'target', password: 'guess' })
          ).status,
        );
      }
      expect(statuses.slice(0, 10).every((status) => status === 401)).toBe(true);
      expect(statuses.slice(10)).toEqual([429, 429]);
    });

    it('logout ends the session', async () => {
      const login = await request(server.app)
        .post('/api/v1/auth/login')
        .send({ username: 'anne', password: TEST_PASSWORD })
        .expect(200);
      await request(server.app)
        .post('/api/v1/auth/logout')
        .set(bearer(login.body.token))
        .expect(204);
      await request(server.app).get('/api/v1/me').set(bearer(login.body.token)).expect(401);
    });

    it('refuses operator injection in the login body', async () => {
      await request(server.app)
        .post('/api/v1/auth/login')
        .send({ username: { $ne: 'x' }, password: { $ne: 'x' } })
        .expect(400);
    });
  });

  describe('users and teams (beheerder)', () => {
    it('creates a team and a user, and a begeleider may not', async () => {
      const team = await request(server.app)
        .post('/api/v1/teams')
        .set(bearer(admin.token))
        .send({ name: 'Team Zuid' })
        .expect(201);
      await request(server.app)
        .post('/api/v1/teams')
        .set(bearer(admin.token))
        .send({ name: 'Team Zuid' })
        .expect(409);
      const created = await request(server.app)
        .post('/api/v1/users')
        .set(bearer(admin.token))
        .send({
          username: 'bram',
          displayName: 'Bram B.',
          role: 'teamleider',
          teamIds: [team.body.id],
          password: 'a-long-password-1',
        })
        .expect(201);
      expect(created.body).toMatchObject({
        username: 'bram',
        role: 'teamleider',
        teamIds: [team.body.id],
        active: true,
      });

      const begeleider = await createTestUser(server, { role: 'begeleider', teamIds: [teamA.id] });
      await request(server.app)
        .post('/api/v1/teams')
        .set(bearer(begeleider.token))
        .send({ name: 'X' })
        .expect(403);
      await request(server.app).get('/api/v1/users').set(bearer(begeleider.token)).expect(403);
      const ownTeams = await request(server.app)
        .get('/api/v1/teams')
        .set(bearer(begeleider.token))
        .expect(200);
      expect(ownTeams.body.items.map((t: { id: string }) => t.id)).toEqual([teamA.id]);
    });

    it('rejects an unknown team id and a short password, naming the fields', async () => {
      const response = await request(server.app)
        .post('/api/v1/users')
        .set(bearer(admin.token))
        .send({
          username: 'carla',
          displayName: 'C',
          role: 'begeleider',
          teamIds: ['0123456789abcdef01234567'],
          password: 'short',
        })
        .expect(400);
      expect(response.body.error.details.map((d: { field: string }) => d.field)).toEqual([
        'password',
      ]);
      const unknownTeam = await request(server.app)
        .post('/api/v1/users')
        .set(bearer(admin.token))
        .send({
          username: 'carla',
          displayName: 'C',
          role: 'begeleider',
          teamIds: ['0123456789abcdef01234567'],
          password: 'long-enough-pass',
        })
        .expect(400);
      expect(unknownTeam.body.error.details[0].field).toBe('teamIds');
    });

    it('deactivating a user ends their sessions', async () => {
      const victim = await createTestUser(server, { role: 'begeleider', teamIds: [teamA.id] });
      await request(server.app).get('/api/v1/me').set(bearer(victim.token)).expect(200);
      await request(server.app)
        .patch(`/api/v1/users/${victim.user.id}`)
        .set(bearer(admin.token))
        .send({ active: false })
        .expect(200);
      await request(server.app).get('/api/v1/me').set(bearer(victim.token)).expect(401);
      await request(server.app)
        .patch('/api/v1/users/not-an-id')
        .set(bearer(admin.token))
        .send({ active: false })
        .expect(404);
    });
  });

  describe('audit log', () => {
    it('records logins and administration, readable by beheerder only', async () => {
      // Its own beheerder, so the count below holds whatever other tests ran before (issue 8).
      const own = await createTestUser(server, { role: 'beheerder', username: 'audit-beheer' });
      const login = await request(server.app)
        .post('/api/v1/auth/login')
        .send({ username: 'audit-beheer', password: TEST_PASSWORD })
        .expect(200);
      const auth = { Authorization: `Bearer ${login.body.token as string}` };
      await request(server.app)
        .post('/api/v1/teams')
        .set(auth)
        .send({ name: 'Team Audit' })
        .expect(201);
      const created = await request(server.app)
        .post('/api/v1/users')
        .set(auth)
        .send({
          username: 'audit-anne',
          displayName: 'Anne',
          role: 'beleid',
          password: TEST_PASSWORD,
        })
        .expect(201);
      await request(server.app)
        .patch(`/api/v1/users/${created.body.id as string}`)
        .set(auth)
        .send({ displayName: 'Anne B.' })
        .expect(200);
      const response = await request(server.app)
        .get('/api/v1/audit')
        .query({ userId: own.user.id })
        .set(bearer(admin.token))
        .expect(200);
      const actions = response.body.items.map((item: { action: string }) => item.action);
      expect(response.body.total).toBe(4);
      expect([...actions].sort()).toEqual([
        'auth.login',
        'team.create',
        'user.create',
        'user.update',
      ]);
      const begeleider = await createTestUser(server, { role: 'begeleider', teamIds: [teamA.id] });
      await request(server.app).get('/api/v1/audit').set(bearer(begeleider.token)).expect(403);
      await request(server.app).get('/api/v1/audit').expect(401);
    });
  });

  it('serves an OpenAPI 3 document listing the routes', async () => {
    const response = await request(server.app).get('/api/v1/openapi.json').expect(200);
    expect(response.body.openapi).toMatch(/^3\./);
    expect(Object.keys(response.body.paths)).toEqual(
      expect.arrayContaining(['/auth/login', '/users', '/teams', '/audit']),
    );
  });
});
