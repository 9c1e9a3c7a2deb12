import { Types } from 'mongoose';
import request from 'supertest';
import { archiveStoredClosedTrajectories } from '../../server/case-store/archive-stored-trajectories';
import { forgetCachedCases } from '../../server/case-store/case.repository';
import {
  isArchived,
  type CaseRecord,
  type TrajectoryRecord,
} from '../../server/case-store/case.types';
import {
  archiveClosedTrajectories,
  withClosedHistories,
} from '../../server/case-store/trajectory-archive.repository';
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
 * Decision 064: a closed trajectory's history and snapshot leave the case document for
 * `trajectory_archives`, and everything that shows or counts them reads them back.
 */
describe('closed trajectories in the archive (decision 064)', () => {
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
  const archives = () => server.context.db.collection('trajectory_archives');
  const storedCase = async (caseId: string) =>
    (await cases().findOne({ _id: new Types.ObjectId(caseId) }))!;
  const caseFile = async (caseId: string) =>
    (
      await request(server.app)
        .get(`/api/v1/cases/${caseId}`)
        .set(bearer(team.begeleider.token))
        .expect(200)
    ).body;

  /** A case whose first ONT step ran with two contacts and was closed; a second one is open. */
  async function caseWithClosedStep() {
    const created = await createCaseViaApi(server, team, {
      trede: 1,
      assessedAt: '2025-06-02T09:00:00Z',
    });
    const first = await createTrajectoryViaApi(server, team.begeleider.token, created.id, {
      product: 'ONT',
      targetTrede: 2,
      registeredAt: '2025-06-05T09:00:00Z',
    });
    let version = first.version;
    let last: Record<string, unknown> & { history: unknown[] } = { history: [] };
    for (const body of [
      { type: 'START', occurredAt: '2025-06-10T09:00:00Z' },
      {
        type: 'RECORD_CONTACT',
        note: 'Kennismaking',
        minutes: 60,
        occurredAt: '2025-06-12T10:00:00Z',
      },
      { type: 'RECORD_CONTACT', note: 'Werkplek', minutes: 45, occurredAt: '2025-06-19T10:00:00Z' },
      { type: 'CLOSE', outcome: 'other', note: 'Verhuisd', occurredAt: '2025-06-30T10:00:00Z' },
    ]) {
      const response = await sendEvent(server, team.begeleider.token, first.id, {
        ...body,
        expectedVersion: version,
      });
      expect({ type: body.type, status: response.status }).toEqual({
        type: body.type,
        status: 200,
      });
      version = response.body.version;
      last = response.body;
    }
    await createTrajectoryViaApi(server, team.begeleider.token, created.id, {
      product: 'ONT',
      targetTrede: 2,
      registeredAt: '2025-07-01T09:00:00Z',
    });
    return { caseId: created.id as string, closedId: first.id as string, closedView: last };
  }

  it('keeps only a reference in the case, and shows the closed trajectory as it was answered', async () => {
    const { caseId, closedId, closedView } = await caseWithClosedStep();
    const stored = await storedCase(caseId);
    const [reference] = stored.closedTrajectories as Array<Record<string, unknown>>;
    expect(reference).toMatchObject({ id: closedId, archiveId: expect.any(String) });
    expect(reference).not.toHaveProperty('history');
    expect(reference).not.toHaveProperty('snapshotJson');
    const archived = await archives().findOne({
      _id: new Types.ObjectId(reference!.archiveId as string),
    });
    expect(archived).toMatchObject({ caseId, orgId: team.team.orgId, trajectoryId: closedId });
    expect(archived!.history).toHaveLength(closedView.history.length);

    // The case file and the trajectory read back what the closing event answered.
    const file = await caseFile(caseId);
    const shown = file.trajectories.find((t: { id: string }) => t.id === closedId);
    expect(shown).toEqual({ ...closedView, signals: [], allowedEvents: [] });
    const single = await request(server.app)
      .get(`/api/v1/trajectories/${closedId}`)
      .set(bearer(team.begeleider.token))
      .expect(200);
    expect(single.body).toEqual(shown);
  });

  it('bills the contact minutes of archived trajectories', async () => {
    await caseWithClosedStep();
    const billing = await request(server.app)
      .get(`/api/v1/reports/billing?month=2025-06&team=${team.team.id}`)
      .set(bearer(beleid))
      .expect(200);
    // Every case of this team so far is one closed June step with 105 minutes of contacts.
    const casesSoFar = await cases().countDocuments({ teamId: team.team.id });
    expect(casesSoFar).toBeGreaterThan(0);
    expect(billing.body.total.minutes).toBe(105 * casesSoFar);
  });

  it('moves closed trajectories stored whole by an older version at start-up, once', async () => {
    const { caseId } = await caseWithClosedStep();
    const before = await caseFile(caseId);
    const stored = await storedCase(caseId);
    // As an older version stored it: the whole trajectory in the case, no archive document.
    const [reference] = stored.closedTrajectories as Array<Record<string, unknown>>;
    const { archiveId, ...kept } = reference!;
    const archiveKey = { _id: new Types.ObjectId(archiveId as string) };
    const archived = (await archives().findOne(archiveKey))!;
    await archives().deleteOne(archiveKey);
    await cases().updateOne(
      { _id: stored._id },
      {
        $set: {
          closedTrajectories: [
            { ...kept, history: archived.history, snapshotJson: archived.snapshotJson },
          ],
        },
      },
    );
    forgetCachedCases(server.context.db); // written behind the server's back (decision 065)
    // The whole form reads the same…
    expect(await caseFile(caseId)).toEqual(before);

    await server.context.db.collection('system_checkpoints').deleteOne({
      _id: 'closed-trajectories-archived' as never,
    });
    expect(await archiveStoredClosedTrajectories(server.context)).toEqual({
      archived: 1,
      failed: 0,
    });
    const migrated = await storedCase(caseId);
    const [moved] = migrated.closedTrajectories as Array<Record<string, unknown>>;
    expect(moved).toMatchObject({ id: kept.id, archiveId: expect.any(String) });
    expect(moved).not.toHaveProperty('history');
    expect(migrated.version).toBe(stored.version + 1);
    expect(migrated.updatedAt).toEqual(stored.updatedAt);
    // …and so does the archived one, apart from the version the move took.
    expect(await caseFile(caseId)).toEqual({ ...before, version: before.version + 1 });
    // Done once per database: the next start does not look again.
    expect(await archiveStoredClosedTrajectories(server.context)).toEqual({
      archived: 0,
      failed: 0,
    });
  });

  it('reads back more archive documents than one read by _id list takes', async () => {
    const many = {
      id: new Types.ObjectId().toHexString(),
      orgId: team.team.orgId,
      closedTrajectories: Array.from({ length: 1_200 }, (_, index) => ({
        id: `t-${index}`,
        snapshotJson: `{"n":${index}}`,
        history: [],
      })),
    } as unknown as CaseRecord;
    const [stored] = await archiveClosedTrajectories(server.context.db, [many]);
    expect(stored!.closedTrajectories.every(isArchived)).toBe(true);
    const [whole] = await withClosedHistories(server.context.db, [stored!]);
    expect(whole!.closedTrajectories.map((t) => t.snapshotJson)).toEqual(
      many.closedTrajectories.map((t) => (t as TrajectoryRecord).snapshotJson),
    );
  });

  it('refuses to answer from a case whose archive document is gone', async () => {
    const { caseId } = await caseWithClosedStep();
    const [reference] = (await storedCase(caseId)).closedTrajectories as Array<
      Record<string, unknown>
    >;
    await archives().deleteOne({ _id: new Types.ObjectId(reference!.archiveId as string) });
    const response = await request(server.app)
      .get(`/api/v1/cases/${caseId}`)
      .set(bearer(team.begeleider.token));
    expect(response.status).toBe(500);
  });
});
