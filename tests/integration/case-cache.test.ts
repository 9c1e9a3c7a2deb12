import { Types } from 'mongoose';
import request from 'supertest';
import { bearer } from '../support/auth';
import {
  createCaseViaApi,
  createCaseworkTeam,
  createTrajectoryViaApi,
  sendEvent,
  type TestTeam,
} from '../support/factories';
import { startTestServer, type TestServer } from '../support/test-server';
import { decodeHistory } from '../../server/case-store/stored-history';

/**
 * Decision 065: the writing process keeps the cases it read and wrote. A case changed behind its
 * back (which one writing process rules out) must not be overwritten from the remembered copy.
 */
describe('the case cache of the writing process', () => {
  let server: TestServer;
  let team: TestTeam;

  beforeAll(async () => {
    server = await startTestServer();
    team = await createCaseworkTeam(server);
  });
  afterAll(async () => server.close());

  it('serves the case as last written, and a write from a stale copy is taken again on the stored case', async () => {
    const created = await createCaseViaApi(server, team, { trede: 2 });
    const trajectory = await createTrajectoryViaApi(server, team.begeleider.token, created.id, {
      product: 'ONT',
      targetTrede: 3,
    });
    const started = await sendEvent(server, team.begeleider.token, trajectory.id, {
      type: 'START',
      occurredAt: '2026-01-12T09:00:00.000Z',
      expectedVersion: trajectory.version,
    });
    expect(started.status).toBe(200);
    const file = await request(server.app)
      .get(`/api/v1/cases/${created.id}`)
      .set(bearer(team.begeleider.token))
      .expect(200);

    // Another writer moves the case on (a new version) without this process knowing.
    const cases = server.context.db.collection('cases');
    const _id = new Types.ObjectId(created.id);
    await cases.updateOne({ _id }, { $inc: { version: 1 }, $set: { displayName: 'Elders' } });

    const contact = await sendEvent(server, team.begeleider.token, trajectory.id, {
      type: 'RECORD_CONTACT',
      note: 'Gesprek',
      minutes: 30,
      occurredAt: '2026-01-14T09:00:00.000Z',
      expectedVersion: started.body.version,
    });
    expect(contact.status).toBe(200);
    const stored = (await cases.findOne({ _id }))!;
    // The write from the remembered copy (version N) found N + 1 and was decided again on it.
    expect(stored.version).toBe(file.body.version + 2);
    expect(stored.displayName).toBe('Elders');
    expect(decodeHistory(stored.openTrajectory.history).map((entry) => entry.type)).toEqual([
      'CREATED',
      'START',
      'RECORD_CONTACT',
    ]);
    // From then on the case is remembered as stored.
    const after = await request(server.app)
      .get(`/api/v1/cases/${created.id}`)
      .set(bearer(team.begeleider.token))
      .expect(200);
    expect(after.body).toMatchObject({ version: stored.version, displayName: 'Elders' });
  });
});
