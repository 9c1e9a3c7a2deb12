import { readFileSync } from 'node:fs';
import path from 'node:path';
import request from 'supertest';
import { migrateStoredSnapshots } from '../../server/case-store/migrate-stored-snapshots';
import { trajectoryIdFor } from '../../server/case-store/trajectory-id';
import { bearer } from '../support/auth';
import { createCaseViaApi, createCaseworkTeam, type TestTeam } from '../support/factories';
import { startTestServer, type TestServer } from '../support/test-server';

/**
 * Issue 7: stored snapshots follow the machine version. A case stored by the version-2 build (the
 * fixture's snapshot, a summary without the fields issue 7 added) is migrated at start-up, so the
 * indexed signals see Stabiel's lasting terugval without waiting for an event.
 */
/** The fixture the machines' own migration test uses (read as data: machines/ exports no files). */
const v2Fixture = JSON.parse(
  readFileSync(
    path.join(__dirname, '../../machines/migrations/fixtures/stabiel-v2-terugval-review-due.json'),
    'utf8',
  ),
) as {
  snapshot: {
    context: Record<
      | 'stateEnteredAt'
      | 'registeredAt'
      | 'startedAt'
      | 'deadlineAt'
      | 'lastActivityAt'
      | 'lastEventAt',
      string
    >;
  };
};

describe('migrating stored v2 snapshots at start-up', () => {
  let server: TestServer;
  let team: TestTeam;
  let caseId: string;
  let trajectoryId: string;

  beforeAll(async () => {
    server = await startTestServer({ now: '2026-08-01T10:00:00.000Z' });
    team = await createCaseworkTeam(server);
    caseId = (await createCaseViaApi(server, team, { trede: 3 })).id;
    trajectoryId = trajectoryIdFor(caseId, 1);
    const context = v2Fixture.snapshot.context;
    // Exactly what the version-2 build stored: its snapshot and its summary fields, no more.
    await server.context.db.collection('cases').updateOne(
      { openTrajectory: null, teamId: team.team.id },
      {
        $set: {
          currentTrede: 2,
          openTrajectory: {
            id: trajectoryId,
            product: 'STA-3',
            machineId: 'stabiel',
            machineVersion: 2,
            snapshotJson: JSON.stringify(v2Fixture.snapshot),
            version: 5,
            summary: {
              product: 'STA-3',
              machineId: 'stabiel',
              state: 'reviewDue',
              stateEnteredAt: new Date(context.stateEnteredAt),
              registeredAt: new Date(context.registeredAt),
              startedAt: new Date(context.startedAt),
              deadlineAt: new Date(context.deadlineAt),
              targetTrede: null,
              currentTrede: 2,
              lastActivityAt: new Date(context.lastActivityAt),
              relapseAt: null,
              lastEventAt: new Date(context.lastEventAt),
            },
            sweepDueAt: null,
            history: [],
            createdAt: new Date(context.registeredAt),
            createdBy: null,
            previousTrajectoryId: null,
            followUpTrajectoryId: null,
            closedAt: null,
          },
        },
      },
    );
  });
  afterAll(async () => server.close());

  const relapsed = async () =>
    (
      await request(server.app)
        .get('/api/v1/signals')
        .query({ code: 'RELAPSE' })
        .set(bearer(team.teamleider.token))
        .expect(200)
    ).body.items.map((item: { trajectoryId: string }) => item.trajectoryId);

  it('rewrites the snapshot and its indexed summary to version 3, once', async () => {
    expect(await relapsed()).not.toContain(trajectoryId); // v2 summary: relapseAt cleared
    expect(await migrateStoredSnapshots(server.context)).toEqual({ migrated: 1, failed: 0 });
    const doc = await server.context.db
      .collection('cases')
      .findOne({ 'openTrajectory.id': trajectoryId });
    expect(doc?.openTrajectory).toMatchObject({
      machineVersion: 3,
      version: 5, // nothing happened to the trajectory itself
      summary: {
        state: 'reviewDue',
        relapseAt: new Date('2026-04-01T08:00:00.000Z'),
        growthAt: null,
        lastAssessedAt: new Date('2026-04-01T08:00:00.000Z'),
      },
    });
    expect(JSON.parse(doc!.openTrajectory.snapshotJson).context).toMatchObject({
      derivedFrom: null,
    });
    expect(await relapsed()).toContain(trajectoryId); // Stabiel: the terugval lasts
    expect(await migrateStoredSnapshots(server.context)).toEqual({ migrated: 0, failed: 0 });
  });
});
