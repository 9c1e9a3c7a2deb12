import crypto from 'node:crypto';
import request from 'supertest';
import { createSession } from '../../../server/sessions/session.repository';
import { updateUser } from '../../../server/users/user.repository';
import { bearer, createTestUser } from '../../support/auth';
import {
  createCaseViaApi,
  createCaseworkTeam,
  createTrajectoryViaApi,
  sendEvent,
  type TestTeam,
} from '../../support/factories';
import { startTestServer, type TestServer } from '../../support/test-server';

/**
 * Guarantee 14: hostile inputs, each answered 4xx with the database unchanged. "Unchanged" means
 * every collection but the two whose job is to record such requests: `audit` (security events)
 * and `login_attempts` (the login limiter's counters).
 */
interface Hostile {
  name: string;
  method: 'get' | 'post' | 'patch' | 'delete';
  path: string;
  token?: string;
  cookie?: string;
  headers?: Record<string, string>;
  body?: unknown;
  raw?: { type: string; text: string };
}

const RECORDING_COLLECTIONS = new Set(['audit', 'login_attempts']);

describe('hostile inputs', () => {
  let server: TestServer;
  let north: TestTeam;
  let south: TestTeam;
  let admin: { token: string; user: { id: string } };
  let beleid: { token: string };
  const inputs: Hostile[] = [];
  const results: Array<{ name: string; status: number }> = [];
  let baseline: string;

  async function snapshot(): Promise<string> {
    const db = server.context.db.db!;
    const names = (await db.listCollections().toArray())
      .map((collection) => collection.name)
      .filter((name) => !RECORDING_COLLECTIONS.has(name))
      .sort();
    const parts: string[] = [];
    for (const name of names)
      parts.push(name, JSON.stringify(await db.collection(name).find().sort({ _id: 1 }).toArray()));
    return crypto.createHash('sha256').update(parts.join('\n')).digest('hex');
  }

  beforeAll(async () => {
    server = await startTestServer();
    north = await createCaseworkTeam(server, 'Noord');
    south = await createCaseworkTeam(server, 'Zuid');
    admin = await createTestUser(server, { role: 'beheerder', orgId: north.team.orgId });
    beleid = await createTestUser(server, { role: 'beleid', orgId: north.team.orgId });

    const northCase = await createCaseViaApi(server, north);
    const southCase = await createCaseViaApi(server, south);
    const trajectory = await createTrajectoryViaApi(server, north.begeleider.token, northCase.id, {
      product: 'ONT',
      targetTrede: 2,
    });
    const southTrajectory = await createTrajectoryViaApi(
      server,
      south.begeleider.token,
      southCase.id,
      { product: 'ONT', targetTrede: 2 },
    );
    const started = await sendEvent(server, north.begeleider.token, trajectory.id, {
      type: 'START',
      occurredAt: '2026-05-01',
      expectedVersion: 1,
    });
    const reassign = {
      type: 'REASSIGN',
      begeleiderId: north.begeleider.user.id,
      occurredAt: '2026-05-02',
      expectedVersion: started.body.version,
    };
    const reassigned = await sendEvent(server, north.teamleider.token, trajectory.id, reassign, {
      'Idempotency-Key': 'teamleider-key',
    });
    expect(reassigned.status).toBe(200);
    const version = reassigned.body.version as number;

    const expired = await createSession(server.context.db, {
      userId: north.begeleider.user.id,
      orgId: north.team.orgId,
      now: new Date(server.clock.now().getTime() - 11 * 3600 * 1000),
    });
    const leaver = await createTestUser(server, {
      role: 'begeleider',
      teamIds: [north.team.id],
      orgId: north.team.orgId,
    });
    await updateUser(server.context.db, { orgId: north.team.orgId }, leaver.user.id, {
      active: false,
      now: server.clock.now(),
    });
    const token = north.begeleider.token;
    const tampered = `${token.slice(0, -2)}${token.endsWith('AA') ? 'BB' : 'AA'}`;
    const cookie = `trede_session=${token}`;
    const event = (overrides: Record<string, unknown>) => ({
      type: 'RECORD_CONTACT',
      note: 'Gesprek',
      occurredAt: '2026-05-03',
      expectedVersion: version,
      ...overrides,
    });
    const caseBody = (overrides: Record<string, unknown>) => ({
      clientNumber: `H-${crypto.randomBytes(3).toString('hex')}`,
      displayName: 'Hostile',
      teamId: north.team.id,
      begeleiderId: north.begeleider.user.id,
      trede: 1,
      assessedAt: '2026-01-05',
      ...overrides,
    });
    const ne = { $ne: null };
    const events = `/api/v1/trajectories/${trajectory.id}/events`;
    const deep: Record<string, unknown> = {};
    let cursor = deep;
    for (let depth = 0; depth < 2000; depth += 1)
      cursor = (cursor.a = {}) as Record<string, unknown>;

    const add = (input: Hostile) => inputs.push(input);
    // Login: operator injection, wrong types, extra fields, cross-site.
    add({
      name: 'login username $ne',
      method: 'post',
      path: '/api/v1/auth/login',
      body: { username: ne, password: 'x' },
    });
    add({
      name: 'login password $gt',
      method: 'post',
      path: '/api/v1/auth/login',
      body: { username: 'x', password: { $gt: '' } },
    });
    add({
      name: 'login array username',
      method: 'post',
      path: '/api/v1/auth/login',
      body: { username: ['a', 'b'], password: 'x' },
    });
    add({
      name: 'login extra role',
      method: 'post',
      path: '/api/v1/auth/login',
      body: { username: 'x', password: 'y', role: 'beheerder' },
    });
    add({
      name: 'login cross-site',
      method: 'post',
      path: '/api/v1/auth/login',
      headers: { 'Sec-Fetch-Site': 'cross-site' },
      body: { username: 'x', password: 'y' },
    });
    add({
      name: 'login $where',
      method: 'post',
      path: '/api/v1/auth/login',
      body: { username: "'; return true; //", password: { $where: '1' } },
    });
    // Tokens.
    for (const [name, headers] of [
      ['expired token', bearer(expired.token)],
      ['tampered token', bearer(tampered)],
      ['deactivated user token', bearer(leaver.token)],
      ['empty bearer', { Authorization: 'Bearer ' }],
      ['bearer null', { Authorization: 'Bearer null' }],
      ['basic auth', { Authorization: 'Basic YWRtaW46YWRtaW4=' }],
      ['garbage cookie', { Cookie: 'trede_session=%00%ff' }],
      ['JWT-looking token', bearer('eyJhbGciOiJub25lIn0.eyJyb2xlIjoiYmVoZWVyZGVyIn0.')],
    ] as const)
      add({ name, method: 'get', path: '/api/v1/cases', headers: { ...headers } });
    // Case creation: injection in every field, forged ids, invalid values.
    for (const field of [
      'clientNumber',
      'displayName',
      'teamId',
      'begeleiderId',
      'trede',
      'assessedAt',
      'bsn',
    ])
      add({
        name: `POST /cases ${field} $ne`,
        method: 'post',
        path: '/api/v1/cases',
        token,
        body: caseBody({ [field]: ne }),
      });
    add({
      name: 'POST /cases other team',
      method: 'post',
      path: '/api/v1/cases',
      token,
      body: caseBody({ teamId: south.team.id }),
    });
    add({
      name: 'POST /cases other team begeleider',
      method: 'post',
      path: '/api/v1/cases',
      token,
      body: caseBody({ begeleiderId: south.begeleider.user.id }),
    });
    add({
      name: 'POST /cases orgId',
      method: 'post',
      path: '/api/v1/cases',
      token,
      body: caseBody({ orgId: 'x' }),
    });
    add({
      name: 'POST /cases __proto__',
      method: 'post',
      path: '/api/v1/cases',
      token,
      raw: {
        type: 'application/json',
        text: JSON.stringify(caseBody({})).replace('{', '{"__proto__":{"role":"beheerder"},'),
      },
    });
    add({
      name: 'POST /cases bad BSN',
      method: 'post',
      path: '/api/v1/cases',
      token,
      body: caseBody({ bsn: '123456789' }),
    });
    add({
      name: 'POST /cases bidi name',
      method: 'post',
      path: '/api/v1/cases',
      token,
      body: caseBody({ displayName: '\u202Eevil' }),
    });
    add({
      name: 'POST /cases trede 7',
      method: 'post',
      path: '/api/v1/cases',
      token,
      body: caseBody({ trede: 7 }),
    });
    add({
      name: 'POST /cases future intake',
      method: 'post',
      path: '/api/v1/cases',
      token,
      body: caseBody({ assessedAt: '2099-01-01' }),
    });
    add({
      name: 'POST /cases as beleid',
      method: 'post',
      path: '/api/v1/cases',
      token: beleid.token,
      body: caseBody({}),
    });
    // Events: injection in every field, roles, system events, forged and other teams' ids.
    for (const [field, value] of [
      ['type', ne],
      ['occurredAt', { $gt: '' }],
      ['expectedVersion', { $gt: 0 }],
      ['note', ne],
      ['minutes', { $gt: 0 }],
    ] as const)
      add({
        name: `event ${field} operator`,
        method: 'post',
        path: events,
        token,
        body: event({ [field]: value }),
      });
    add({
      name: 'ASSESS trede $gt',
      method: 'post',
      path: events,
      token,
      body: event({ type: 'ASSESS_TREDE', note: undefined, trede: { $gt: 0 } }),
    });
    add({
      name: 'CLOSE outcome $in',
      method: 'post',
      path: events,
      token,
      body: event({ type: 'CLOSE', note: undefined, outcome: { $in: ['goalReached'] } }),
    });
    add({
      name: 'SUSPEND reason object',
      method: 'post',
      path: events,
      token,
      body: event({ type: 'SUSPEND', note: undefined, reason: { $ne: '' } }),
    });
    add({
      name: 'REASSIGN begeleiderId $ne',
      method: 'post',
      path: events,
      token: north.teamleider.token,
      body: event({ type: 'REASSIGN', note: undefined, begeleiderId: ne }),
    });
    add({
      name: 'REASSIGN to other team',
      method: 'post',
      path: events,
      token: north.teamleider.token,
      body: event({ type: 'REASSIGN', note: undefined, begeleiderId: south.begeleider.user.id }),
    });
    add({
      name: 'REASSIGN by begeleider',
      method: 'post',
      path: events,
      token,
      body: event({ type: 'REASSIGN', note: undefined, begeleiderId: north.begeleider.user.id }),
    });
    add({
      name: 'EXTEND by begeleider',
      method: 'post',
      path: events,
      token,
      body: event({ type: 'EXTEND', note: undefined, months: 1, reason: 'x' }),
    });
    add({
      name: 'replay teamleider key as begeleider',
      method: 'post',
      path: events,
      token,
      headers: { 'Idempotency-Key': 'teamleider-key' },
      body: reassign,
    });
    add({
      name: 'DEADLINE_PASSED from client',
      method: 'post',
      path: events,
      token,
      body: event({ type: 'DEADLINE_PASSED', note: undefined }),
    });
    add({
      name: 'unknown event type',
      method: 'post',
      path: events,
      token,
      body: event({ type: 'DELETE_ALL' }),
    });
    add({
      name: 'event future date',
      method: 'post',
      path: events,
      token,
      body: event({ occurredAt: '2099-01-01' }),
    });
    add({
      name: 'event stale version',
      method: 'post',
      path: events,
      token,
      body: event({ expectedVersion: 1 }),
    });
    add({
      name: 'event extra $set',
      method: 'post',
      path: events,
      token,
      body: event({ $set: { version: 1 } }),
    });
    add({
      name: 'bad Idempotency-Key',
      method: 'post',
      path: events,
      token,
      headers: { 'Idempotency-Key': 'with space' },
      body: event({}),
    });
    add({
      name: 'event on other team’s trajectory',
      method: 'post',
      path: `/api/v1/trajectories/${southTrajectory.id}/events`,
      token,
      body: event({ expectedVersion: 1 }),
    });
    add({
      name: 'forged trajectory number',
      method: 'post',
      path: `/api/v1/trajectories/${northCase.id}-99/events`,
      token,
      body: event({}),
    });
    add({
      name: 'trajectory of unknown case',
      method: 'post',
      path: `/api/v1/trajectories/${'a'.repeat(24)}-1/events`,
      token,
      body: event({}),
    });
    add({
      name: 'trajectory path traversal',
      method: 'get',
      path: '/api/v1/trajectories/..%2F..%2Fetc%2Fpasswd',
      token,
    });
    add({
      name: 'GET other team’s trajectory',
      method: 'get',
      path: `/api/v1/trajectories/${southTrajectory.id}`,
      token,
    });
    add({
      name: 'event as beheerder',
      method: 'post',
      path: events,
      token: admin.token,
      body: event({}),
    });
    // Trajectory creation.
    add({
      name: 'trajectory on other team’s case',
      method: 'post',
      path: `/api/v1/cases/${southCase.id}/trajectories`,
      token,
      body: { product: 'ONT', targetTrede: 2, registeredAt: '2026-05-01' },
    });
    add({
      name: 'trajectory product $ne',
      method: 'post',
      path: `/api/v1/cases/${northCase.id}/trajectories`,
      token,
      body: { product: ne, registeredAt: '2026-05-01' },
    });
    add({
      name: 'second open trajectory',
      method: 'post',
      path: `/api/v1/cases/${northCase.id}/trajectories`,
      token,
      body: { product: 'HER', registeredAt: '2026-05-01' },
    });
    // Case reads and lists.
    add({
      name: 'GET other team’s case',
      method: 'get',
      path: `/api/v1/cases/${southCase.id}`,
      token,
    });
    add({ name: 'GET case non-id', method: 'get', path: '/api/v1/cases/$where', token });
    add({
      name: 'GET case with extra query',
      method: 'get',
      path: `/api/v1/cases/${northCase.id}?include=bsn`,
      token,
    });
    for (const query of [
      'q[$ne]=x',
      'team[$ne]=x',
      'begeleider[$gt]=',
      'state[$in]=active',
      'signal[$ne]=X',
      'page=-1',
      'pageSize=100000',
      'q=a&q=b',
      'sort=bsn',
      `team=${south.team.id}&q[$regex]=.*`,
    ])
      add({ name: `GET /cases?${query}`, method: 'get', path: `/api/v1/cases?${query}`, token });
    add({
      name: 'GET /signals asOf operator',
      method: 'get',
      path: '/api/v1/signals?asOf[$gt]=',
      token,
    });
    add({
      name: 'GET /signals bad code',
      method: 'get',
      path: '/api/v1/signals?code=$where',
      token,
    });
    // Reports and audit.
    add({
      name: 'transitions as begeleider',
      method: 'get',
      path: '/api/v1/reports/transitions',
      token,
    });
    add({
      name: 'transitions bad format',
      method: 'get',
      path: '/api/v1/reports/transitions?format=exe',
      token: beleid.token,
    });
    add({
      name: 'transitions team operator',
      method: 'get',
      path: '/api/v1/reports/transitions?team[$ne]=',
      token: beleid.token,
    });
    add({ name: 'audit as begeleider', method: 'get', path: '/api/v1/audit', token });
    add({
      name: 'audit caseId operator',
      method: 'get',
      path: '/api/v1/audit?caseId[$ne]=',
      token: admin.token,
    });
    // Administration.
    add({
      name: 'POST /users as begeleider',
      method: 'post',
      path: '/api/v1/users',
      token,
      body: {
        username: 'x-user',
        displayName: 'X',
        role: 'beheerder',
        password: 'a-long-password-1',
      },
    });
    add({
      name: 'POST /users orgId',
      method: 'post',
      path: '/api/v1/users',
      token: admin.token,
      body: {
        username: 'y-user',
        displayName: 'Y',
        role: 'begeleider',
        password: 'a-long-password-1',
        orgId: 'x',
      },
    });
    add({
      name: 'POST /users superadmin',
      method: 'post',
      path: '/api/v1/users',
      token: admin.token,
      body: {
        username: 'z-user',
        displayName: 'Z',
        role: 'superadmin',
        password: 'a-long-password-1',
      },
    });
    add({
      name: 'POST /users username $ne',
      method: 'post',
      path: '/api/v1/users',
      token: admin.token,
      body: { username: ne, displayName: 'Z', role: 'begeleider', password: 'a-long-password-1' },
    });
    add({
      name: 'PATCH own role',
      method: 'patch',
      path: `/api/v1/users/${admin.user.id}`,
      token: admin.token,
      body: { role: 'teamleider', teamIds: [north.team.id, south.team.id] },
    });
    add({
      name: 'PATCH own active',
      method: 'patch',
      path: `/api/v1/users/${admin.user.id}`,
      token: admin.token,
      body: { active: false },
    });
    add({
      name: 'PATCH user $set',
      method: 'patch',
      path: `/api/v1/users/${north.begeleider.user.id}`,
      token: admin.token,
      body: { $set: { role: 'beheerder' } },
    });
    add({
      name: 'PATCH user __proto__',
      method: 'patch',
      path: `/api/v1/users/${north.begeleider.user.id}`,
      token: admin.token,
      raw: { type: 'application/json', text: '{"__proto__":{"role":"beheerder"}}' },
    });
    add({
      name: 'PATCH unknown user',
      method: 'patch',
      path: `/api/v1/users/${'b'.repeat(24)}`,
      token: admin.token,
      body: { displayName: 'X' },
    });
    add({
      name: 'PATCH user as teamleider',
      method: 'patch',
      path: `/api/v1/users/${north.begeleider.user.id}`,
      token: north.teamleider.token,
      body: { role: 'beheerder' },
    });
    add({
      name: 'POST /teams name $ne',
      method: 'post',
      path: '/api/v1/teams',
      token: admin.token,
      body: { name: ne },
    });
    add({
      name: 'POST /teams lookalike',
      method: 'post',
      path: '/api/v1/teams',
      token: admin.token,
      body: { name: 'NOORD' },
    });
    add({
      name: 'POST /teams zero-width',
      method: 'post',
      path: '/api/v1/teams',
      token: admin.token,
      body: { name: '\u200B' },
    });
    add({
      name: 'PATCH /settings as begeleider',
      method: 'patch',
      path: '/api/v1/settings',
      token,
      body: {},
    });
    add({
      name: 'PATCH /settings unknown field',
      method: 'patch',
      path: '/api/v1/settings',
      token: admin.token,
      body: { $set: { products: {} } },
    });
    // Bodies: oversized, deeply nested, malformed, wrong type.
    add({
      name: 'oversized body',
      method: 'post',
      path: '/api/v1/cases',
      token,
      body: caseBody({ displayName: 'x'.repeat(200 * 1024) }),
    });
    add({
      name: 'deeply nested body',
      method: 'post',
      path: events,
      token,
      body: { ...event({}), note: deep },
    });
    add({ name: 'deeply nested login', method: 'post', path: '/api/v1/auth/login', body: deep });
    add({
      name: 'malformed JSON',
      method: 'post',
      path: '/api/v1/cases',
      token,
      raw: { type: 'application/json', text: '{"clientNumber": ' },
    });
    add({
      name: 'text/plain body',
      method: 'post',
      path: '/api/v1/cases',
      token,
      raw: { type: 'text/plain', text: 'clientNumber=1' },
    });
    add({
      name: 'JSON array body',
      method: 'post',
      path: '/api/v1/cases',
      token,
      body: [caseBody({})],
    });
    // CSRF: cookie-authenticated writes from another site.
    add({
      name: 'CSRF cross-site POST /cases',
      method: 'post',
      path: '/api/v1/cases',
      cookie,
      headers: { 'Sec-Fetch-Site': 'cross-site' },
      body: caseBody({}),
    });
    add({
      name: 'CSRF foreign Origin event',
      method: 'post',
      path: events,
      cookie,
      headers: { Origin: 'https://evil.example' },
      body: event({}),
    });
    add({
      name: 'CSRF null Origin',
      method: 'post',
      path: '/api/v1/cases',
      cookie,
      headers: { Origin: 'null' },
      body: caseBody({}),
    });
    add({
      name: 'CSRF same-site subdomain',
      method: 'post',
      path: '/api/v1/cases',
      cookie,
      headers: { 'Sec-Fetch-Site': 'same-site' },
      body: caseBody({}),
    });
    // Routes that do not exist.
    add({ name: 'unknown API route', method: 'get', path: '/api/v2/cases', token });
    add({ name: 'DELETE a case', method: 'delete', path: `/api/v1/cases/${northCase.id}`, token });

    baseline = await snapshot();
  });

  afterAll(async () => {
    const refused = results.filter((result) => result.status >= 400 && result.status < 500);
    console.log(
      `hostile inputs: ${new Set(inputs.map((input) => input.name)).size} distinct tried, ${refused.length} answered 4xx, database unchanged after each`,
    );
    await server.close();
  });

  it('has at least 60 distinct inputs', () => {
    expect(new Set(inputs.map((input) => input.name)).size).toBeGreaterThanOrEqual(60);
  });

  it('answers every one with a 4xx and leaves the database unchanged', async () => {
    const failures: string[] = [];
    for (const input of inputs) {
      let call = request(server.app)[input.method](input.path);
      if (input.token) call = call.set(bearer(input.token));
      if (input.cookie) call = call.set('Cookie', input.cookie);
      for (const [name, value] of Object.entries(input.headers ?? {})) call = call.set(name, value);
      const response = input.raw
        ? await call.set('Content-Type', input.raw.type).send(input.raw.text)
        : input.body !== undefined
          ? await call.send(input.body as object)
          : await call;
      results.push({ name: input.name, status: response.status });
      if (response.status < 400 || response.status >= 500)
        failures.push(
          `${input.name}: ${response.status} ${JSON.stringify(response.body).slice(0, 200)}`,
        );
      else if (!response.body?.error?.code)
        failures.push(`${input.name}: ${response.status} without the error shape`);
      if ((await snapshot()) !== baseline) {
        failures.push(`${input.name}: changed the database`);
        baseline = await snapshot();
      }
    }
    expect(failures).toEqual([]);
  });
});
