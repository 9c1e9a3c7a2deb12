import request from 'supertest';
import { bearer, createTestUser } from '../support/auth';
import {
  createCaseViaApi,
  createCaseworkTeam,
  createTrajectoryViaApi,
  rawCase,
  sendEvent,
  type TestTeam,
} from '../support/factories';
import { startTestServer, type TestServer } from '../support/test-server';
import { decodeHistory, type StoredHistoryItem } from '../../server/case-store/stored-history';

describe('trajectories and events (SPEC §2.3, §3)', () => {
  let server: TestServer;
  let north: TestTeam;
  let south: TestTeam;

  beforeAll(async () => {
    server = await startTestServer({ now: '2026-06-01T10:00:00.000Z' });
    north = await createCaseworkTeam(server, 'Team Noord');
    south = await createCaseworkTeam(server, 'Team Zuid');
  });
  afterAll(async () => server.close());

  async function startedOnt(overrides: { trede?: number; targetTrede?: number } = {}) {
    const created = await createCaseViaApi(server, north, { trede: overrides.trede ?? 1 });
    const trajectory = await createTrajectoryViaApi(server, north.begeleider.token, created.id, {
      product: 'ONT',
      targetTrede: overrides.targetTrede ?? 2,
    });
    const started = await sendEvent(server, north.begeleider.token, trajectory.id, {
      type: 'START',
      occurredAt: '2026-05-01T09:00:00Z',
      expectedVersion: 1,
    });
    expect(started.status).toBe(200);
    return {
      caseId: created.id,
      trajectoryId: trajectory.id,
      version: started.body.version as number,
    };
  }

  describe('POST /cases/:id/trajectories', () => {
    it('registers a trajectory and refuses a second open one with 409', async () => {
      const created = await createCaseViaApi(server, north);
      const response = await request(server.app)
        .post(`/api/v1/cases/${created.id}/trajectories`)
        .set(bearer(north.begeleider.token))
        .send({ product: 'ONT', targetTrede: 2, registeredAt: '2026-05-20' })
        .expect(201);
      expect(response.body).toMatchObject({
        caseId: created.id,
        product: 'ONT',
        state: 'registered',
        version: 1,
        targetTrede: 2,
        machineId: 'ontwikkeltraject',
      });
      expect(response.body.history).toEqual([
        expect.objectContaining({
          type: 'CREATED',
          toState: 'registered',
          actorId: north.begeleider.user.id,
        }),
      ]);
      const second = await request(server.app)
        .post(`/api/v1/cases/${created.id}/trajectories`)
        .set(bearer(north.begeleider.token))
        .send({ product: 'HER', registeredAt: '2026-05-20' })
        .expect(409);
      expect(second.body.error.details.openTrajectoryId).toBe(response.body.id);
    });

    it('answers 422 when the engine refuses: target not above the current trede, or a disabled product', async () => {
      const created = await createCaseViaApi(server, north, { trede: 3 });
      const before = await rawCase(server, created.id);
      const low = await request(server.app)
        .post(`/api/v1/cases/${created.id}/trajectories`)
        .set(bearer(north.begeleider.token))
        .send({ product: 'ONT', targetTrede: 3, registeredAt: '2026-05-20' })
        .expect(422);
      expect(low.body.error.code).toBe('INVALID_TARGET');
      const disabled = await request(server.app)
        .post(`/api/v1/cases/${created.id}/trajectories`)
        .set(bearer(north.begeleider.token))
        .send({ product: 'STA-2', registeredAt: '2026-05-20' })
        .expect(422);
      expect(disabled.body.error.code).toBe('PRODUCT_DISABLED');
      expect(await rawCase(server, created.id)).toEqual(before);
    });

    it('answers 400 for bad input, 404 outside the team, 403 for beleid', async () => {
      const created = await createCaseViaApi(server, north);
      const path = `/api/v1/cases/${created.id}/trajectories`;
      const bad = await request(server.app)
        .post(path)
        .set(bearer(north.begeleider.token))
        .send({ product: 'XYZ', registeredAt: '2026-05-20' })
        .expect(400);
      expect(bad.body.error.details[0].field).toBe('product');
      const noDate = await request(server.app)
        .post(path)
        .set(bearer(north.begeleider.token))
        .send({ product: 'HER' })
        .expect(400);
      expect(noDate.body.error.details[0].field).toBe('registeredAt');
      await request(server.app)
        .post(path)
        .set(bearer(south.begeleider.token))
        .send({ product: 'HER', registeredAt: '2026-05-20' })
        .expect(404);
      const beleid = await createTestUser(server, { role: 'beleid' });
      await request(server.app)
        .post(path)
        .set(bearer(beleid.token))
        .send({ product: 'HER', registeredAt: '2026-05-20' })
        .expect(403);
      const future = await request(server.app)
        .post(path)
        .set(bearer(north.begeleider.token))
        .send({ product: 'HER', registeredAt: '2026-07-01' })
        .expect(400);
      expect(future.body.error.details[0].field).toBe('registeredAt');
    });
  });

  describe('GET /trajectories/:id', () => {
    it('shows the trajectory with allowedEvents for the role; 404 for other teams and unknown ids', async () => {
      const { trajectoryId } = await startedOnt();
      const asBegeleider = await request(server.app)
        .get(`/api/v1/trajectories/${trajectoryId}`)
        .set(bearer(north.begeleider.token))
        .expect(200);
      expect(asBegeleider.body).toMatchObject({
        id: trajectoryId,
        state: 'active',
        version: 2,
        targetTrede: 2,
        machineVersion: expect.any(Number),
      });
      // Calendar months in Europe/Amsterdam (SPEC §2.2): a step started on 1 May runs through 1 November,
      // so the deadline is 00:00 CET on 2 November (docs/decisions/003).
      expect(asBegeleider.body.deadlineAt).toBe('2026-11-01T23:00:00.000Z');
      expect(asBegeleider.body.allowedEvents).toEqual(
        expect.arrayContaining(['RECORD_CONTACT', 'ASSESS_TREDE', 'SUSPEND', 'DROP_OUT', 'CLOSE']),
      );
      expect(asBegeleider.body.allowedEvents).not.toContain('REASSIGN');
      const asTeamleider = await request(server.app)
        .get(`/api/v1/trajectories/${trajectoryId}`)
        .set(bearer(north.teamleider.token))
        .expect(200);
      expect(asTeamleider.body.allowedEvents).toContain('REASSIGN');
      await request(server.app)
        .get(`/api/v1/trajectories/${trajectoryId}`)
        .set(bearer(south.teamleider.token))
        .expect(404);
      await request(server.app)
        .get('/api/v1/trajectories/nope')
        .set(bearer(north.begeleider.token))
        .expect(404);
      await request(server.app).get(`/api/v1/trajectories/${trajectoryId}`).expect(401);
    });
  });

  describe('POST /trajectories/:id/events', () => {
    it('applies an event and appends one history entry', async () => {
      const { trajectoryId, version } = await startedOnt();
      const response = await sendEvent(server, north.begeleider.token, trajectoryId, {
        type: 'RECORD_CONTACT',
        note: 'Eerste gesprek',
        minutes: 45,
        occurredAt: '2026-05-10T10:00:00+02:00',
        expectedVersion: version,
      });
      expect(response.status).toBe(200);
      expect(response.body.version).toBe(version + 1);
      expect(response.body.history.at(-1)).toMatchObject({
        type: 'RECORD_CONTACT',
        occurredAt: '2026-05-10T08:00:00.000Z',
        actorId: north.begeleider.user.id,
        payload: { note: 'Eerste gesprek', minutes: 45 },
      });
    });

    it('refuses malformed input with 400 naming the field, and changes nothing', async () => {
      const { caseId, trajectoryId, version } = await startedOnt();
      const before = await rawCase(server, caseId);
      const cases: Array<[Record<string, unknown>, string]> = [
        [
          { type: 'ASSESS_TREDE', trede: 9, occurredAt: '2026-05-10', expectedVersion: version },
          'trede',
        ],
        [{ type: 'ASSESS_TREDE', trede: 2, expectedVersion: version }, 'occurredAt'],
        [{ type: 'ASSESS_TREDE', trede: 2, occurredAt: '2026-05-10' }, 'expectedVersion'],
        [
          {
            type: 'EXTEND',
            months: 4,
            reason: 'x',
            occurredAt: '2026-05-10',
            expectedVersion: version,
          },
          'months',
        ],
        [{ type: 'FLY', occurredAt: '2026-05-10', expectedVersion: version }, 'type'],
        [{ type: 'DEADLINE_PASSED', occurredAt: '2026-05-10', expectedVersion: version }, 'type'],
        [
          {
            type: 'RECORD_CONTACT',
            note: { $ne: 1 },
            occurredAt: '2026-05-10',
            expectedVersion: version,
          },
          'note',
        ],
        [
          { type: 'RECORD_CONTACT', note: 'x', occurredAt: '2026-07-10', expectedVersion: version },
          'occurredAt',
        ],
        [
          { type: 'RECORD_CONTACT', note: 'x', occurredAt: '2026-04-10', expectedVersion: version },
          'occurredAt',
        ],
      ];
      for (const [body, field] of cases) {
        const response = await sendEvent(server, north.begeleider.token, trajectoryId, body);
        expect({
          status: response.status,
          field: response.body.error?.details?.[0]?.field,
        }).toEqual({ status: 400, field });
      }
      const system = await sendEvent(server, north.begeleider.token, trajectoryId, {
        type: 'DEADLINE_PASSED',
        occurredAt: '2026-05-10',
        expectedVersion: version,
      });
      expect(system.body.error.code).toBe('SYSTEM_EVENT');
      const badKey = await sendEvent(
        server,
        north.begeleider.token,
        trajectoryId,
        { type: 'RESUME', occurredAt: '2026-05-10', expectedVersion: version },
        { 'Idempotency-Key': 'with space' },
      );
      expect(badKey.body.error.details[0].field).toBe('Idempotency-Key');
      expect(await rawCase(server, caseId)).toEqual(before);
    });

    it('answers 409 with the current version on a stale expectedVersion', async () => {
      const { caseId, trajectoryId, version } = await startedOnt();
      const before = await rawCase(server, caseId);
      const response = await sendEvent(server, north.begeleider.token, trajectoryId, {
        type: 'RECORD_CONTACT',
        note: 'x',
        occurredAt: '2026-05-10',
        expectedVersion: version - 1,
      });
      expect(response.status).toBe(409);
      expect(response.body.error).toMatchObject({
        code: 'VERSION_CONFLICT',
        details: { currentVersion: version },
      });
      expect(await rawCase(server, caseId)).toEqual(before);
    });

    it('answers 422 with allowedEvents when the state does not allow the event', async () => {
      const { caseId, trajectoryId, version } = await startedOnt();
      const before = await rawCase(server, caseId);
      const response = await sendEvent(server, north.begeleider.token, trajectoryId, {
        type: 'NEXT_STEP',
        occurredAt: '2026-05-10',
        expectedVersion: version,
      });
      expect(response.status).toBe(422);
      expect(response.body.error.code).toBe('EVENT_NOT_ALLOWED');
      expect(response.body.error.details.allowedEvents).toEqual(
        expect.arrayContaining(['RECORD_CONTACT', 'ASSESS_TREDE']),
      );
      expect(await rawCase(server, caseId)).toEqual(before);
    });

    it('refuses EXTEND and REASSIGN from a begeleider with 403 (SPEC §2.5)', async () => {
      const { caseId, trajectoryId, version } = await startedOnt();
      const before = await rawCase(server, caseId);
      const reassign = await sendEvent(server, north.begeleider.token, trajectoryId, {
        type: 'REASSIGN',
        begeleiderId: north.teamleider.user.id,
        occurredAt: '2026-05-10',
        expectedVersion: version,
      });
      expect(reassign.status).toBe(403);
      const extend = await sendEvent(server, north.begeleider.token, trajectoryId, {
        type: 'EXTEND',
        months: 1,
        reason: 'meer tijd nodig',
        occurredAt: '2026-05-10',
        expectedVersion: version,
      });
      expect(extend.status).toBe(403);
      expect(extend.body.error.code).toBe('FORBIDDEN');
      expect(await rawCase(server, caseId)).toEqual(before);
    });

    it('lets a teamleider REASSIGN to a begeleider of the team, which moves the case; other targets are 400', async () => {
      const { caseId, trajectoryId, version } = await startedOnt();
      const colleague = await createTestUser(server, {
        role: 'begeleider',
        teamIds: [north.team.id],
        orgId: north.team.orgId,
      });
      const outsider = await sendEvent(server, north.teamleider.token, trajectoryId, {
        type: 'REASSIGN',
        begeleiderId: south.begeleider.user.id,
        occurredAt: '2026-05-10',
        expectedVersion: version,
      });
      expect(outsider.status).toBe(400);
      expect(outsider.body.error.details[0].field).toBe('begeleiderId');
      const moved = await sendEvent(server, north.teamleider.token, trajectoryId, {
        type: 'REASSIGN',
        begeleiderId: colleague.user.id,
        occurredAt: '2026-05-10',
        expectedVersion: version,
      });
      expect(moved.status).toBe(200);
      const file = await request(server.app)
        .get(`/api/v1/cases/${caseId}`)
        .set(bearer(colleague.token))
        .expect(200);
      expect(file.body.begeleiderId).toBe(colleague.user.id);
    });

    it('returns the first response again for a retry with the same Idempotency-Key, and 422 for another body', async () => {
      const { caseId, trajectoryId, version } = await startedOnt();
      const body = {
        type: 'RECORD_CONTACT',
        note: 'Telefonisch',
        occurredAt: '2026-05-11',
        expectedVersion: version,
      };
      const headers = { 'Idempotency-Key': 'retry-123' };
      const first = await sendEvent(server, north.begeleider.token, trajectoryId, body, headers);
      expect(first.status).toBe(200);
      // Something else happens in between; the retry still answers what the first call answered.
      const other = await sendEvent(server, north.begeleider.token, trajectoryId, {
        ...body,
        note: 'Later',
        expectedVersion: version + 1,
      });
      expect(other.status).toBe(200);
      const retry = await sendEvent(server, north.begeleider.token, trajectoryId, body, headers);
      expect(retry.status).toBe(200);
      expect(retry.body).toEqual(first.body);
      const reused = await sendEvent(
        server,
        north.begeleider.token,
        trajectoryId,
        { ...body, note: 'Anders' },
        headers,
      );
      expect(reused.status).toBe(422);
      expect(reused.body.error.code).toBe('IDEMPOTENCY_KEY_REUSED');
      const stored = (await rawCase(server, caseId)) as {
        openTrajectory: { history: StoredHistoryItem[] };
      };
      expect(
        decodeHistory(stored.openTrajectory.history).filter(
          (entry) => entry.type === 'RECORD_CONTACT',
        ),
      ).toHaveLength(2);
    });

    it('closes a trajectory; a closed trajectory accepts nothing (422) and a new one can open', async () => {
      const { caseId, trajectoryId, version } = await startedOnt();
      const closed = await sendEvent(server, north.begeleider.token, trajectoryId, {
        type: 'CLOSE',
        outcome: 'moved',
        occurredAt: '2026-05-12',
        expectedVersion: version,
      });
      expect(closed.status).toBe(200);
      expect(closed.body).toMatchObject({
        state: 'closed',
        allowedEvents: [],
        closedAt: expect.any(String),
        outcome: 'moved',
        conclusion: null,
      });
      const after = await sendEvent(server, north.begeleider.token, trajectoryId, {
        type: 'RECORD_CONTACT',
        note: 'x',
        occurredAt: '2026-05-13',
        expectedVersion: closed.body.version,
      });
      expect(after.status).toBe(422);
      expect(after.body.error.details.allowedEvents).toEqual([]);
      await request(server.app)
        .get(`/api/v1/trajectories/${trajectoryId}`)
        .set(bearer(north.begeleider.token))
        .expect(200);
      // SPEC §2.3: never registered before the previous trajectory's close (400 naming the field).
      const early = await request(server.app)
        .post(`/api/v1/cases/${caseId}/trajectories`)
        .set(bearer(north.begeleider.token))
        .send({ product: 'HER', registeredAt: '2026-05-11' });
      expect(early.status).toBe(400);
      expect(early.body.error.details[0].field).toBe('registeredAt');
      await createTrajectoryViaApi(server, north.begeleider.token, caseId, {
        product: 'HER',
        registeredAt: '2026-05-12',
      });
      const file = await request(server.app)
        .get(`/api/v1/cases/${caseId}`)
        .set(bearer(north.begeleider.token))
        .expect(200);
      expect(
        file.body.trajectories.map(
          (t: { product: string; state: string }) => `${t.product}:${t.state}`,
        ),
      ).toEqual(['HER:registered', 'ONT:closed']);
    });

    it('rule 9: closing outcomes must fit — goalReached only after the step, REVIEW close with an outcome', async () => {
      const { trajectoryId, version } = await startedOnt();
      const early = await sendEvent(server, north.begeleider.token, trajectoryId, {
        type: 'CLOSE',
        outcome: 'goalReached',
        occurredAt: '2026-05-02',
        expectedVersion: version,
      });
      expect(early.status).toBe(422);
      expect(early.body.error.code).toBe('GUARD_FAILED');
      const created = await createCaseViaApi(server, north, { trede: 3 });
      const sta = await createTrajectoryViaApi(server, north.begeleider.token, created.id, {
        product: 'STA-3',
      });
      const started = await sendEvent(server, north.begeleider.token, sta.id, {
        type: 'START',
        occurredAt: '2026-02-01',
        expectedVersion: 1,
      });
      const review = (extra: Record<string, unknown>) =>
        sendEvent(server, north.begeleider.token, sta.id, {
          type: 'REVIEW',
          decision: 'close',
          occurredAt: '2026-03-01',
          expectedVersion: started.body.version,
          ...extra,
        });
      const missing = await review({});
      expect(missing.status).toBe(400);
      expect(missing.body.error.details[0].field).toBe('outcome');
      expect((await review({ outcome: 'goalReached' })).status).toBe(422);
      const closed = await review({ outcome: 'moved' });
      expect(closed.status).toBe(200);
      expect(closed.body).toMatchObject({ state: 'closed', outcome: 'moved' });
    });

    it('rules 6 and 7: STA-n only at trede n, ONT one step at a time (422)', async () => {
      const created = await createCaseViaApi(server, north, { trede: 1 });
      const create = (body: Record<string, unknown>) =>
        request(server.app)
          .post(`/api/v1/cases/${created.id}/trajectories`)
          .set(bearer(north.begeleider.token))
          .send({ registeredAt: '2026-05-20', ...body });
      const sta = await create({ product: 'STA-3' });
      expect(sta.status).toBe(422);
      expect(sta.body.error.code).toBe('INVALID_TARGET');
      expect((await create({ product: 'ONT', targetTrede: 3 })).status).toBe(422);
      const ont = await create({ product: 'ONT' });
      expect(ont.status).toBe(201);
      expect(ont.body.targetTrede).toBe(2);
    });

    it('opens the follow-up ONT when Herontdekken concludes with route ontwikkeltraject, in the same write', async () => {
      const created = await createCaseViaApi(server, north, { trede: 1 });
      const her = await createTrajectoryViaApi(server, north.begeleider.token, created.id, {
        product: 'HER',
      });
      const started = await sendEvent(server, north.begeleider.token, her.id, {
        type: 'START',
        occurredAt: '2026-02-01',
        expectedVersion: 1,
      });
      const concluded = await sendEvent(server, north.begeleider.token, her.id, {
        type: 'CONCLUDE',
        trede: 2,
        route: 'ontwikkeltraject',
        occurredAt: '2026-05-01',
        expectedVersion: started.body.version,
      });
      expect(concluded.status).toBe(200);
      expect(concluded.body).toMatchObject({
        state: 'closed',
        followUpTrajectoryId: expect.any(String),
        // Issue 7, rule 9: the outcome of a conclusion, with its route.
        outcome: 'concluded',
        conclusion: { trede: 2, route: 'ontwikkeltraject' },
      });
      const followUp = await request(server.app)
        .get(`/api/v1/trajectories/${concluded.body.followUpTrajectoryId}`)
        .set(bearer(north.begeleider.token))
        .expect(200);
      expect(followUp.body).toMatchObject({
        product: 'ONT',
        state: 'registered',
        targetTrede: 3,
        previousTrajectoryId: her.id,
        version: 1,
      });
      const file = await request(server.app)
        .get(`/api/v1/cases/${created.id}`)
        .set(bearer(north.begeleider.token))
        .expect(200);
      expect(file.body.currentTrede).toBe(2);
      expect(
        file.body.ladder.map((entry: { from: number | null; to: number; reason: string }) => [
          entry.from,
          entry.to,
          entry.reason,
        ]),
      ).toEqual([
        [null, 1, 'intake'],
        [1, 2, 'conclusion'],
      ]);
    });

    it('answers 422 when Herontdekken concludes into a Stabiel product the organisation has disabled', async () => {
      const created = await createCaseViaApi(server, north, { trede: 1 });
      const her = await createTrajectoryViaApi(server, north.begeleider.token, created.id, {
        product: 'HER',
      });
      const started = await sendEvent(server, north.begeleider.token, her.id, {
        type: 'START',
        occurredAt: '2026-02-01',
        expectedVersion: 1,
      });
      const before = await rawCase(server, created.id);
      const refused = await sendEvent(server, north.begeleider.token, her.id, {
        type: 'CONCLUDE',
        trede: 2,
        route: 'stabiel',
        occurredAt: '2026-05-01',
        expectedVersion: started.body.version,
      });
      expect(refused.status).toBe(422);
      expect(await rawCase(server, created.id)).toEqual(before);
    });
  });
});
