import { Types } from 'mongoose';
import request from 'supertest';
import { forgetCachedCases } from '../../server/case-store/case.repository';
import { encodeStoredOpenHistories } from '../../server/case-store/open-history.repository';
import { decodeHistory, type StoredHistoryItem } from '../../server/case-store/stored-history';
import { bearer, createTestUser } from '../support/auth';
import {
  createCaseViaApi,
  createCaseworkTeam,
  createTrajectoryViaApi,
  sendEvent,
  type TestTeam,
} from '../support/factories';
import { startTestServer, type TestServer } from '../support/test-server';

/**
 * Decision 067: the open trajectory keeps each history entry as its text. Cases written by earlier
 * versions (entries as objects) read the same, take new entries, and are rewritten once at start-up
 * without a new version.
 */
describe('open history entries stored as texts (decision 067)', () => {
  let server: TestServer;
  let team: TestTeam;
  let beleid: string;

  beforeAll(async () => {
    server = await startTestServer({ now: '2025-08-01T10:00:00.000Z' });
    team = await createCaseworkTeam(server);
    beleid = (await createTestUser(server, { role: 'beleid', orgId: team.team.orgId })).token;
  });
  afterAll(async () => server.close());

  const cases = () => server.context.db.collection('cases');
  const storedCase = async (caseId: string) =>
    (await cases().findOne({ _id: new Types.ObjectId(caseId) }))!;
  const storedHistory = async (caseId: string) =>
    (await storedCase(caseId)).openTrajectory.history as StoredHistoryItem[];
  const get = async (path: string, token = team.begeleider.token) =>
    (await request(server.app).get(`/api/v1${path}`).set(bearer(token)).expect(200)).body;

  async function startedWithContact() {
    const created = await createCaseViaApi(server, team, {
      trede: 1,
      assessedAt: '2025-06-02T09:00:00Z',
    });
    const trajectory = await createTrajectoryViaApi(server, team.begeleider.token, created.id, {
      product: 'ONT',
      targetTrede: 2,
      registeredAt: '2025-06-05T09:00:00Z',
    });
    let version = trajectory.version;
    for (const body of [
      { type: 'START', occurredAt: '2025-06-10T09:00:00Z' },
      {
        type: 'RECORD_CONTACT',
        note: 'Kennismaking',
        minutes: 60,
        occurredAt: '2025-06-12T10:00:00Z',
      },
    ]) {
      const response = await sendEvent(server, team.begeleider.token, trajectory.id, {
        ...body,
        expectedVersion: version,
      });
      expect(response.status).toBe(200);
      version = response.body.version;
    }
    return { caseId: created.id, trajectoryId: trajectory.id, version };
  }

  it('stores each entry as a text and answers with the entries', async () => {
    const { caseId, trajectoryId } = await startedWithContact();
    const history = await storedHistory(caseId);
    expect(history).toHaveLength(3);
    expect(history.every((entry) => typeof entry === 'string')).toBe(true);
    const answered = await get(`/trajectories/${trajectoryId}`);
    expect(answered.history.map((entry: { type: string }) => entry.type)).toEqual([
      'CREATED',
      'START',
      'RECORD_CONTACT',
    ]);
    expect(answered.history[2]).toMatchObject({
      occurredAt: '2025-06-12T10:00:00.000Z',
      payload: { note: 'Kennismaking', minutes: 60 },
    });
  });

  it('reads and extends a history an earlier version stored as objects, and rewrites it once at start-up', async () => {
    const { caseId, trajectoryId, version } = await startedWithContact();
    const trajectoryBefore = await get(`/trajectories/${trajectoryId}`);
    const fileBefore = await get(`/cases/${caseId}`);
    const stored = await storedCase(caseId);
    // As an earlier version stored it: every entry an object.
    await cases().updateOne(
      { _id: stored._id },
      { $set: { 'openTrajectory.history': decodeHistory(await storedHistory(caseId)) } },
    );
    forgetCachedCases(server.context.db); // written behind the server's back (decision 065)
    expect(await get(`/trajectories/${trajectoryId}`)).toEqual(trajectoryBefore);
    expect(await get(`/cases/${caseId}`)).toEqual(fileBefore);

    // A new event appends a text after the objects; everything reads in order.
    const contact = await sendEvent(server, team.begeleider.token, trajectoryId, {
      type: 'RECORD_CONTACT',
      note: 'Werkplek',
      minutes: 45,
      occurredAt: '2025-06-19T10:00:00Z',
      expectedVersion: version,
    });
    expect(contact.status).toBe(200);
    const mixed = await storedHistory(caseId);
    expect(mixed.map((entry) => typeof entry)).toEqual(['object', 'object', 'object', 'string']);
    const trajectoryMixed = await get(`/trajectories/${trajectoryId}`);
    expect(trajectoryMixed.history.slice(0, 3)).toEqual(trajectoryBefore.history);
    expect(trajectoryMixed.history[3]).toMatchObject({
      type: 'RECORD_CONTACT',
      payload: { minutes: 45 },
    });
    // Billing counts the minutes of both forms: 60 of the first test's case, 60 + 45 of this one.
    const billing = await get(`/reports/billing?month=2025-06&team=${team.team.id}`, beleid);
    expect(billing.total.minutes).toBe(165);

    const before = await storedCase(caseId);
    await server.context.db
      .collection('system_checkpoints')
      .deleteOne({ _id: 'open-histories-encoded' as never });
    const result = await encodeStoredOpenHistories(server.context.db, server.clock.now());
    expect(result.failed).toBe(0);
    expect(result.encoded).toBeGreaterThanOrEqual(1);
    const after = await storedCase(caseId);
    expect(
      (after.openTrajectory.history as unknown[]).every((entry) => typeof entry === 'string'),
    ).toBe(true);
    // Only the storage changed: no new version, nothing for the audit log or the read models.
    expect(after.version).toBe(before.version);
    expect(after.updatedAt).toEqual(before.updatedAt);
    expect(await get(`/trajectories/${trajectoryId}`)).toEqual(trajectoryMixed);

    // Once per database: the next start does not look again.
    await cases().updateOne(
      { _id: stored._id },
      { $set: { 'openTrajectory.history': decodeHistory(await storedHistory(caseId)) } },
    );
    expect(await encodeStoredOpenHistories(server.context.db, server.clock.now())).toEqual({
      encoded: 0,
      failed: 0,
    });
    await cases().updateOne(
      { _id: stored._id },
      { $set: { 'openTrajectory.history': after.openTrajectory.history } },
    );
  });
});
