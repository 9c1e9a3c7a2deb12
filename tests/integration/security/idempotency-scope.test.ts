import { createTestUser } from '../../support/auth';
import {
  createCaseViaApi,
  createCaseworkTeam,
  createTrajectoryViaApi,
  rawCase,
  sendEvent,
  type TestTeam,
} from '../../support/factories';
import { startTestServer, type TestServer } from '../../support/test-server';

/**
 * Hole 7: a begeleider replaying a teamleider's REASSIGN Idempotency-Key got 200 and the
 * teamleider's response. Keys are now scoped to the user, and the role is checked first.
 */
describe('Idempotency-Key replays are the sender’s own, after authorisation', () => {
  let server: TestServer;
  let team: TestTeam;
  let colleague: { user: { id: string }; token: string };

  beforeAll(async () => {
    server = await startTestServer();
    team = await createCaseworkTeam(server);
    colleague = await createTestUser(server, {
      role: 'begeleider',
      teamIds: [team.team.id],
      orgId: team.team.orgId,
    });
  });
  afterAll(async () => server.close());

  async function startedTrajectory() {
    const created = await createCaseViaApi(server, team);
    const trajectory = await createTrajectoryViaApi(server, team.begeleider.token, created.id, {
      product: 'ONT',
      targetTrede: 2,
    });
    const started = await sendEvent(server, team.begeleider.token, trajectory.id, {
      type: 'START',
      occurredAt: '2026-05-01T09:00:00Z',
      expectedVersion: 1,
    });
    return { caseId: created.id, trajectoryId: trajectory.id, version: started.body.version };
  }

  it('refuses a begeleider replaying the teamleider’s REASSIGN key with 403', async () => {
    const { caseId, trajectoryId, version } = await startedTrajectory();
    const body = {
      type: 'REASSIGN',
      begeleiderId: colleague.user.id,
      occurredAt: '2026-05-02',
      expectedVersion: version,
    };
    const headers = { 'Idempotency-Key': 'reassign-1' };
    const first = await sendEvent(server, team.teamleider.token, trajectoryId, body, headers);
    expect(first.status).toBe(200);
    const before = JSON.stringify(await rawCase(server, caseId));
    const replay = await sendEvent(server, team.begeleider.token, trajectoryId, body, headers);
    expect(replay.status).toBe(403);
    expect(replay.body.history).toBeUndefined();
    expect(JSON.stringify(await rawCase(server, caseId))).toBe(before);
    // The teamleider's own retry still replays.
    const retry = await sendEvent(server, team.teamleider.token, trajectoryId, body, headers);
    expect(retry.status).toBe(200);
    expect(retry.body).toEqual(first.body);
  });

  it('does not hand one begeleider’s response to another who reuses the key', async () => {
    const { trajectoryId, version } = await startedTrajectory();
    const body = {
      type: 'RECORD_CONTACT',
      note: 'Huisbezoek',
      occurredAt: '2026-05-03',
      expectedVersion: version,
    };
    const headers = { 'Idempotency-Key': 'contact-1' };
    expect(
      (await sendEvent(server, team.begeleider.token, trajectoryId, body, headers)).status,
    ).toBe(200);
    // For the colleague the key is new: the request is judged on its own (stale version → 409).
    const reused = await sendEvent(server, colleague.token, trajectoryId, body, headers);
    expect(reused.status).toBe(409);
    expect(reused.body.error.code).toBe('VERSION_CONFLICT');
  });
});
