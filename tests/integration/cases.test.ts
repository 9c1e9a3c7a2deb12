import request from 'supertest';
import { findAudit } from '../../server/audit/audit.repository';
import { bearer, createTestUser } from '../support/auth';
import {
  buildCaseInput,
  createCaseViaApi,
  createCaseworkTeam,
  createTrajectoryViaApi,
  sendEvent,
  type TestTeam,
} from '../support/factories';
import { startTestServer, type TestServer } from '../support/test-server';

describe('cases (SPEC §3)', () => {
  let server: TestServer;
  let north: TestTeam;
  let south: TestTeam;

  beforeAll(async () => {
    server = await startTestServer();
    north = await createCaseworkTeam(server, 'Team Noord');
    south = await createCaseworkTeam(server, 'Team Zuid');
  });
  afterAll(async () => server.close());

  describe('POST /cases', () => {
    it('creates a case whose intake trede is the first ladder entry, with the BSN masked', async () => {
      const input = buildCaseInput(north, { trede: 2, bsn: '111222333', assessedAt: '2026-02-03' });
      const response = await request(server.app)
        .post('/api/v1/cases')
        .set(bearer(north.begeleider.token))
        .send(input)
        .expect(201);
      expect(response.body).toMatchObject({
        clientNumber: input.clientNumber,
        displayName: input.displayName,
        teamId: north.team.id,
        begeleiderId: north.begeleider.user.id,
        currentTrede: 2,
        bsn: '*****2333',
        trajectories: [],
        version: 1,
      });
      // A date without time is 00:00 in Europe/Amsterdam (UTC+1 in winter).
      expect(response.body.ladder).toEqual([
        expect.objectContaining({
          seq: 0,
          from: null,
          to: 2,
          at: '2026-02-02T23:00:00.000Z',
          reason: 'intake',
          trajectoryId: null,
          teamId: north.team.id,
        }),
      ]);
      const stored = await server.context.db
        .collection('cases')
        .findOne({ clientNumber: input.clientNumber });
      expect(JSON.stringify(stored)).not.toContain('111222333');
    });

    it('answers 400 naming the field, for a bad BSN, trede, date or an unknown field', async () => {
      const send = (overrides: Record<string, unknown>) =>
        request(server.app)
          .post('/api/v1/cases')
          .set(bearer(north.begeleider.token))
          .send(buildCaseInput(north, overrides))
          .expect(400);
      expect((await send({ bsn: '123456789' })).body.error.details[0].field).toBe('bsn');
      expect((await send({ trede: 7 })).body.error.details[0].field).toBe('trede');
      expect((await send({ assessedAt: '3 maart' })).body.error.details[0].field).toBe(
        'assessedAt',
      );
      expect((await send({ assessedAt: '2027-01-01' })).body.error.details[0].field).toBe(
        'assessedAt',
      );
      expect((await send({ teamId: south.team.id })).body.error.details[0].field).toBe('teamId');
      expect(
        (await send({ begeleiderId: south.begeleider.user.id })).body.error.details[0].field,
      ).toBe('begeleiderId');
      expect((await send({ clientNumber: { $gt: '' } })).body.error.details[0].field).toBe(
        'clientNumber',
      );
      expect((await send({ extra: 1 })).body.error.code).toBe('VALIDATION_FAILED');
      expect(
        await server.context.db
          .collection('cases')
          .countDocuments({ teamId: north.team.id, displayName: /^Testpersoon/ }),
      ).toBe(1);
    });

    it('answers 409 on a client number that exists in the organisation', async () => {
      await createCaseViaApi(server, north, { clientNumber: 'DUP-1' });
      const again = await request(server.app)
        .post('/api/v1/cases')
        .set(bearer(north.begeleider.token))
        .send(buildCaseInput(north, { clientNumber: 'DUP-1' }))
        .expect(409);
      expect(again.body.error.details[0].field).toBe('clientNumber');
      expect(
        await server.context.db.collection('cases').countDocuments({ clientNumber: 'DUP-1' }),
      ).toBe(1);
    });

    it('is for begeleiders and teamleiders only (401 without login, 403 for beleid and beheerder)', async () => {
      await request(server.app).post('/api/v1/cases').send(buildCaseInput(north)).expect(401);
      const beleid = await createTestUser(server, { role: 'beleid', teamIds: [north.team.id] });
      const beheerder = await createTestUser(server, { role: 'beheerder' });
      await request(server.app)
        .post('/api/v1/cases')
        .set(bearer(beleid.token))
        .send(buildCaseInput(north))
        .expect(403);
      await request(server.app)
        .post('/api/v1/cases')
        .set(bearer(beheerder.token))
        .send(buildCaseInput(north))
        .expect(403);
    });
  });

  describe('GET /cases/:id', () => {
    it('shows the case file to its team, audited, and 404 to other teams and unknown ids', async () => {
      const created = await createCaseViaApi(server, north);
      const trajectory = await createTrajectoryViaApi(server, north.begeleider.token, created.id, {
        product: 'ONT',
        targetTrede: 2,
      });
      const file = await request(server.app)
        .get(`/api/v1/cases/${created.id}`)
        .set(bearer(north.teamleider.token))
        .expect(200);
      expect(file.body.trajectories).toEqual([
        expect.objectContaining({
          id: trajectory.id,
          state: 'registered',
          allowedEvents: expect.arrayContaining(['START']),
        }),
      ]);
      expect(file.body.bsn).toBeNull();

      await request(server.app)
        .get(`/api/v1/cases/${created.id}`)
        .set(bearer(south.begeleider.token))
        .expect(404);
      await request(server.app)
        .get('/api/v1/cases/000000000000000000000000')
        .set(bearer(north.begeleider.token))
        .expect(404);
      await request(server.app)
        .get('/api/v1/cases/not-an-id')
        .set(bearer(north.begeleider.token))
        .expect(404);
      await request(server.app).get(`/api/v1/cases/${created.id}`).expect(401);

      const audit = await findAudit(
        server.context.db,
        { orgId: north.team.orgId },
        {
          caseId: created.id,
          skip: 0,
          limit: 50,
        },
      );
      const reads = audit.items.filter((entry) => entry.action === 'case.read');
      expect(reads).toHaveLength(1);
      expect(reads[0]).toMatchObject({ actorId: north.teamleider.user.id });
      expect(JSON.stringify(audit.items)).not.toContain('Testpersoon');
    });

    it('is refused to beleid and beheerder with 403 (SPEC §2.5: no case files)', async () => {
      const created = await createCaseViaApi(server, north);
      const beleid = await createTestUser(server, { role: 'beleid', teamIds: [north.team.id] });
      const beheerder = await createTestUser(server, {
        role: 'beheerder',
        teamIds: [north.team.id],
      });
      await request(server.app)
        .get(`/api/v1/cases/${created.id}`)
        .set(bearer(beleid.token))
        .expect(403);
      await request(server.app)
        .get(`/api/v1/cases/${created.id}`)
        .set(bearer(beheerder.token))
        .expect(403);
      await request(server.app).get('/api/v1/cases').set(bearer(beleid.token)).expect(403);
    });
  });

  describe('GET /cases', () => {
    let listTeam: TestTeam;
    let second: { user: { id: string }; token: string };

    beforeAll(async () => {
      listTeam = await createCaseworkTeam(server, 'Team Lijst');
      second = await createTestUser(server, {
        role: 'begeleider',
        teamIds: [listTeam.team.id],
        orgId: listTeam.team.orgId,
      });
      for (let index = 0; index < 12; index += 1) {
        await createCaseViaApi(server, listTeam, {
          clientNumber: `L-${String(index).padStart(3, '0')}`,
          displayName: index % 3 === 0 ? `Jansen-Fictief ${index}` : `Pietersen ${index}`,
          begeleiderId: index % 2 === 0 ? listTeam.begeleider.user.id : second.user.id,
        });
      }
    });

    const list = (query: Record<string, string>, token = listTeam.begeleider.token) =>
      request(server.app)
        .get('/api/v1/cases')
        .query({ team: listTeam.team.id, ...query })
        .set(bearer(token));

    it('pages through the cases of the team sorted by client number, with the total', async () => {
      const page1 = await list({ pageSize: '5' }).expect(200);
      expect(page1.body).toMatchObject({ total: 12, page: 1, pageSize: 5 });
      expect(page1.body.items.map((item: { clientNumber: string }) => item.clientNumber)).toEqual([
        'L-000',
        'L-001',
        'L-002',
        'L-003',
        'L-004',
      ]);
      const page3 = await list({ pageSize: '5', page: '3' }).expect(200);
      expect(page3.body.items.map((item: { clientNumber: string }) => item.clientNumber)).toEqual([
        'L-010',
        'L-011',
      ]);
      expect(page3.body.items[0]).not.toHaveProperty('bsn');
    });

    it('filters by begeleider, state and search text (client number prefix or part of the name)', async () => {
      expect((await list({ begeleider: second.user.id }).expect(200)).body.total).toBe(6);
      expect((await list({ q: 'l-01' }).expect(200)).body.total).toBe(2);
      expect((await list({ q: 'jansen' }).expect(200)).body.total).toBe(4);
      expect((await list({ q: '.*' }).expect(200)).body.total).toBe(0); // regex characters are literal
      expect((await list({ state: 'none' }).expect(200)).body.total).toBe(12);
      expect((await list({ state: 'active' }).expect(200)).body.total).toBe(0);
    });

    it('shows nothing of other teams, even when asked by team id', async () => {
      const response = await list({}, south.begeleider.token).expect(200);
      expect(response.body).toMatchObject({ total: 0, items: [] });
    });

    it('answers 400 naming the query field', async () => {
      expect((await list({ pageSize: '1000' }).expect(400)).body.error.details[0].field).toBe(
        'pageSize',
      );
      expect((await list({ state: 'sleeping' }).expect(400)).body.error.details[0].field).toBe(
        'state',
      );
      expect((await list({ signal: 'LATE' }).expect(400)).body.error.details[0].field).toBe(
        'signal',
      );
      expect((await list({ team: 'x' }).expect(400)).body.error.details[0].field).toBe('team');
    });
  });

  describe('GET /cases?sort=deadline', () => {
    it('lists the nearest deadline first, then cases without one by client number, across pages; filters by product', async () => {
      const team = await createCaseworkTeam(server, 'Team Termijn');
      const startedOn = ['2026-03-01', '2026-01-15', '2026-02-10'];
      for (const [index, startDate] of startedOn.entries()) {
        const created = await createCaseViaApi(server, team, { clientNumber: `D-${index}` });
        const trajectory = await createTrajectoryViaApi(server, team.begeleider.token, created.id, {
          product: 'ONT',
          targetTrede: 2,
        });
        const started = await sendEvent(server, team.begeleider.token, trajectory.id, {
          type: 'START',
          occurredAt: startDate,
          expectedVersion: trajectory.version,
        });
        expect(started.status).toBe(200);
      }
      await createCaseViaApi(server, team, { clientNumber: 'D-9' });
      await createCaseViaApi(server, team, { clientNumber: 'D-8' });
      const page = (number: number) =>
        request(server.app)
          .get('/api/v1/cases')
          .query({ team: team.team.id, sort: 'deadline', pageSize: '2', page: String(number) })
          .set(bearer(team.begeleider.token))
          .expect(200);
      const numbers: string[] = [];
      for (const number of [1, 2, 3]) {
        const body = (await page(number)).body as {
          total: number;
          items: { clientNumber: string }[];
        };
        expect(body.total).toBe(5);
        numbers.push(...body.items.map((item) => item.clientNumber));
      }
      expect(numbers).toEqual(['D-1', 'D-2', 'D-0', 'D-8', 'D-9']);
      const ont = await request(server.app)
        .get('/api/v1/cases')
        .query({ team: team.team.id, product: 'ONT' })
        .set(bearer(team.begeleider.token))
        .expect(200);
      expect(ont.body.total).toBe(3);
    });
  });

  it('documents the case routes in the OpenAPI document', async () => {
    const response = await request(server.app).get('/api/v1/openapi.json').expect(200);
    expect(Object.keys(response.body.paths)).toEqual(
      expect.arrayContaining([
        '/cases',
        '/cases/{id}',
        '/cases/{id}/trajectories',
        '/trajectories/{id}',
        '/trajectories/{id}/events',
        '/signals',
      ]),
    );
  });
});
