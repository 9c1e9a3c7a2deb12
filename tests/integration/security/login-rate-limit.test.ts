import request from 'supertest';
import {
  LIMIT_PER_ADDRESS,
  LIMIT_PER_ADDRESS_AND_USERNAME,
  LOGIN_WINDOW_MS,
} from '../../../server/auth/login-throttle';
import { createTestUser, TEST_PASSWORD } from '../../support/auth';
import { startTestServer, type TestServer } from '../../support/test-server';

/**
 * Hole 1: with `trust proxy` on loopback a forged X-Forwarded-For bought unlimited guesses, spraying
 * one password over many usernames was not limited, and each instance counted on its own.
 */
describe('login rate limit', () => {
  let server: TestServer;
  let second: TestServer;

  beforeAll(async () => {
    server = await startTestServer();
    second = await startTestServer({ database: server.database });
    second.clock.set(server.clock.now());
  });
  afterAll(async () => {
    await second.close();
    await server.close();
  });

  const login = (app: TestServer, username: string, password: string, forwardedFor?: string) => {
    const call = request(app.app).post('/api/v1/auth/login').send({ username, password });
    return forwardedFor ? call.set('X-Forwarded-For', forwardedFor) : call;
  };

  it('ignores X-Forwarded-For by default: 15 forged addresses still hit the limit', async () => {
    await createTestUser(server, { role: 'begeleider', username: 'victim' });
    const statuses: number[] = [];
    for (let guess = 0; guess < 15; guess += 1)
      statuses.push((await login(server, 'victim', `guess-${guess}`, `203.0.113.${guess}`)).status);
    expect(statuses.slice(0, LIMIT_PER_ADDRESS_AND_USERNAME)).toEqual(
      Array(LIMIT_PER_ADDRESS_AND_USERNAME).fill(401),
    );
    expect(new Set(statuses.slice(LIMIT_PER_ADDRESS_AND_USERNAME))).toEqual(new Set([429]));
    // The locked account stays locked with yet another header value, even with the right password.
    const locked = await login(server, 'victim', TEST_PASSWORD, '198.51.100.7');
    expect(locked.status).toBe(429);
    expect(Number(locked.headers['retry-after'])).toBeGreaterThan(0);
  });

  it('shares the counters between instances (the second instance sees the lock)', async () => {
    const locked = await login(second, 'victim', TEST_PASSWORD);
    expect(locked.status).toBe(429);
  });

  it('limits password spraying from one address, whatever the usernames', async () => {
    server.clock.advance(LOGIN_WINDOW_MS); // a fresh window
    second.clock.set(server.clock.now());
    await createTestUser(server, { role: 'begeleider', username: 'sprayed' });
    const statuses: number[] = [];
    for (let user = 0; user < LIMIT_PER_ADDRESS + 3; user += 1) {
      const instance = user % 2 ? second : server; // spread over both instances
      statuses.push((await login(instance, `user-${user}`, 'Welkom2026!')).status);
    }
    expect(statuses.filter((status) => status === 401)).toHaveLength(LIMIT_PER_ADDRESS);
    expect(statuses.slice(LIMIT_PER_ADDRESS)).toEqual([429, 429, 429]);
    expect((await login(server, 'sprayed', TEST_PASSWORD)).status).toBe(429);
  });

  it('does not count successful logins, and opens again in the next window', async () => {
    server.clock.advance(LOGIN_WINDOW_MS);
    for (let time = 0; time < LIMIT_PER_ADDRESS_AND_USERNAME + 2; time += 1)
      expect((await login(server, 'sprayed', TEST_PASSWORD)).status).toBe(200);
    expect((await login(server, 'victim', TEST_PASSWORD)).status).toBe(200);
  });

  it('counts per forwarded address only when TREDE_TRUST_PROXY names the proxy', async () => {
    const behindProxy = await startTestServer({
      database: server.database,
      config: { trustProxy: 'loopback' },
    });
    behindProxy.clock.set(server.clock.now());
    try {
      for (let guess = 0; guess < LIMIT_PER_ADDRESS_AND_USERNAME; guess += 1)
        expect((await login(behindProxy, 'victim', 'wrong', '192.0.2.1')).status).toBe(401);
      expect((await login(behindProxy, 'victim', 'wrong', '192.0.2.1')).status).toBe(429);
      // Another client behind the same proxy is not locked out by the first one.
      expect((await login(behindProxy, 'victim', TEST_PASSWORD, '192.0.2.2')).status).toBe(200);
    } finally {
      await behindProxy.close();
    }
  });
});
