import request from 'supertest';
import { bearer } from '../support/auth';
import {
  createCaseworkTeam,
  rawCase,
  seedStartedTrajectories,
  sendEvent,
} from '../support/factories';
import { startTestServer, type TestServer } from '../support/test-server';

/** Issue 3: an unmigratable snapshot is a clear error, never a crashed process or a half write. */
describe('a stored snapshot this build cannot read', () => {
  let server: TestServer;
  afterAll(async () => server.close());

  it('answers 500 MIGRATION_FAILED on read and on events, changes nothing, and the server keeps serving', async () => {
    server = await startTestServer();
    const team = await createCaseworkTeam(server);
    const [record] = await seedStartedTrajectories(server, team, {
      count: 1,
      product: 'ONT',
      targetTrede: 2,
      currentTrede: 1,
      startedAt: '2026-05-01T09:00:00.000Z',
    });
    const trajectoryId = record!.openTrajectory!.id;
    await server.context.db
      .collection('cases')
      .updateOne(
        { 'openTrajectory.id': trajectoryId },
        { $set: { 'openTrajectory.machineVersion': 99 } },
      );
    const before = await rawCase(server, record!.id);

    const read = await request(server.app)
      .get(`/api/v1/trajectories/${trajectoryId}`)
      .set(bearer(team.begeleider.token))
      .expect(500);
    expect(read.body.error.code).toBe('MIGRATION_FAILED');
    const event = await sendEvent(server, team.begeleider.token, trajectoryId, {
      type: 'RECORD_CONTACT',
      note: 'x',
      occurredAt: '2026-05-10T09:00:00Z',
      expectedVersion: record!.openTrajectory!.version,
    });
    expect(event.status).toBe(500);
    expect(event.body.error.code).toBe('MIGRATION_FAILED');

    expect(await rawCase(server, record!.id)).toEqual(before);
    await request(server.app).get('/api/v1/health').expect(200);
  });
});
