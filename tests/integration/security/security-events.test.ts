import request from 'supertest';
import { purgeExpiredSecurityEvents } from '../../../server/audit/security-events';
import { LIMIT_PER_ADDRESS_AND_USERNAME } from '../../../server/auth/login-throttle';
import { logger } from '../../../server/logger';
import { bearer, createTestUser } from '../../support/auth';
import { createCaseViaApi, createCaseworkTeam, type TestTeam } from '../../support/factories';
import { startTestServer, type TestServer } from '../../support/test-server';

interface Entry {
  action: string;
  category: string | null;
  orgId: string | null;
  actorId: string | null;
  details: Record<string, unknown>;
}

/** Hole 3: failed logins, lockouts, 403s, 404s on other teams' cases and invalid sessions left no trace. */
describe('security events', () => {
  let server: TestServer;
  let admin: { token: string; user: { id: string; orgId: string } };
  let north: TestTeam;
  let south: TestTeam;
  let warn: jest.SpyInstance;

  beforeAll(async () => {
    server = await startTestServer();
    north = await createCaseworkTeam(server);
    south = await createCaseworkTeam(server);
    admin = await createTestUser(server, {
      role: 'beheerder',
      username: 'security-admin',
      orgId: north.team.orgId,
    });
    await createTestUser(server, { role: 'begeleider', username: 'guessed', teamIds: [] });
    warn = jest.spyOn(logger, 'warn');
  });
  afterAll(async () => {
    warn.mockRestore();
    await server.close();
  });

  const securityEvents = async (): Promise<Entry[]> =>
    (
      await request(server.app)
        .get('/api/v1/audit?category=security&pageSize=500')
        .set(bearer(admin.token))
        .expect(200)
    ).body.items;

  it('records failed logins and the lockout with address, route and a hashed username', async () => {
    for (let guess = 0; guess <= LIMIT_PER_ADDRESS_AND_USERNAME; guess += 1)
      await request(server.app)
        .post('/api/v1/auth/login')
        .send({ username: 'guessed', password: `wrong-${guess}` });
    await request(server.app)
      .post('/api/v1/auth/login')
      .send({ username: 'nobody-here', password: 'x' })
      .expect(401);
    const events = await securityEvents();
    const failed = events.filter((event) => event.action === 'security.login_failed');
    expect(failed.map((event) => event.details.outcome).sort()).toEqual([
      'UNKNOWN_USERNAME',
      ...Array(LIMIT_PER_ADDRESS_AND_USERNAME).fill('WRONG_PASSWORD'),
    ]);
    const locked = events.find((event) => event.action === 'security.login_locked');
    expect(locked?.details).toMatchObject({
      address: expect.stringMatching(/127\.0\.0\.1|::1/),
      route: 'POST /api/v1/auth/login',
      outcome: 'TOO_MANY_ATTEMPTS',
      usernameHash: expect.stringMatching(/^[0-9a-f]{24}$/),
    });
    expect(JSON.stringify(events)).not.toMatch(/guessed|nobody-here|wrong-/);
    // The unknown username belongs to no organisation and is still shown to the beheerder.
    expect(failed.some((event) => event.orgId === null)).toBe(true);
  });

  it('records a 403 and a 404 on another team’s case, with the user and route', async () => {
    const southCase = await createCaseViaApi(server, south);
    await request(server.app).get('/api/v1/audit').set(bearer(north.begeleider.token)).expect(403);
    await request(server.app)
      .get(`/api/v1/cases/${southCase.id}`)
      .set(bearer(north.begeleider.token))
      .expect(404);
    const events = await securityEvents();
    expect(events.find((event) => event.action === 'security.forbidden')).toMatchObject({
      actorId: north.begeleider.user.id,
      details: { route: 'GET /api/v1/audit', outcome: 'FORBIDDEN' },
    });
    expect(events.find((event) => event.action === 'security.not_found')).toMatchObject({
      actorId: north.begeleider.user.id,
      details: { route: 'GET /api/v1/cases/:id', outcome: 'NOT_FOUND' },
    });
  });

  it('records a request with a token of no session', async () => {
    await request(server.app).get('/api/v1/me').set(bearer('forged-token')).expect(401);
    const events = await securityEvents();
    expect(events.find((event) => event.action === 'security.invalid_session')).toMatchObject({
      orgId: null,
      details: { route: 'GET /api/v1/me', outcome: 'NO_SUCH_SESSION' },
    });
  });

  it('writes each one as a structured log line too', () => {
    const lines = warn.mock.calls.filter((call) => call[1] === 'security event');
    expect(lines.map((call) => call[0].securityEvent)).toEqual(
      expect.arrayContaining([
        'security.login_failed',
        'security.login_locked',
        'security.forbidden',
        'security.not_found',
        'security.invalid_session',
      ]),
    );
    expect(JSON.stringify(lines)).not.toMatch(/guessed|forged-token/);
  });

  it('filters: category=security holds no change entries, and other categories no security ones', async () => {
    const changes = (
      await request(server.app)
        .get('/api/v1/audit?category=change&pageSize=500')
        .set(bearer(admin.token))
        .expect(200)
    ).body.items as Entry[];
    expect(changes.some((entry) => entry.action === 'case.create')).toBe(true);
    expect(changes.every((entry) => entry.category === 'change')).toBe(true);
    expect((await securityEvents()).every((entry) => entry.category === 'security')).toBe(true);
  });

  it('drops security events after the retention period and keeps the rest', async () => {
    const retention = server.context.config.securityEventRetentionDays;
    expect(await purgeExpiredSecurityEvents(server.context, server.clock.now())).toBe(0);
    const later = new Date(server.clock.now().getTime() + (retention + 1) * 24 * 3600 * 1000);
    expect(await purgeExpiredSecurityEvents(server.context, later)).toBeGreaterThan(0);
    expect(await securityEvents()).toEqual([]);
    const all = await request(server.app)
      .get('/api/v1/audit?pageSize=500')
      .set(bearer(admin.token));
    expect(all.body.items.some((entry: Entry) => entry.action === 'case.create')).toBe(true);
  });
});
