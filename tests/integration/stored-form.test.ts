import { Types } from 'mongoose';
import { casesNotInStoredForm } from '../support/stored-form';
import {
  createCaseViaApi,
  createCaseworkTeam,
  createTrajectoryViaApi,
  sendEvent,
  type TestTeam,
} from '../support/factories';
import { startTestServer, type TestServer } from '../support/test-server';

/**
 * Decision 063: case updates skip mongoose's casting, and every test server's close holds the
 * stored cases to the schema's form with this check. Here: that it passes for what the API writes
 * and names each path a write outside the schema would leave.
 */
describe('the stored-form check of cases', () => {
  let server: TestServer;
  let team: TestTeam;
  let caseId: string;
  beforeAll(async () => {
    server = await startTestServer();
    team = await createCaseworkTeam(server);
    caseId = (await createCaseViaApi(server, team)).id;
    const trajectory = await createTrajectoryViaApi(server, team.begeleider.token, caseId, {
      product: 'ONT',
      targetTrede: 2,
    });
    const response = await sendEvent(server, team.begeleider.token, trajectory.id, {
      type: 'RECORD_CONTACT',
      note: 'Intake',
      minutes: 45,
      occurredAt: '2026-05-20T09:00:00.000Z',
      expectedVersion: trajectory.version,
    });
    expect(response.status).toBe(200);
  });
  afterAll(async () => server.close());

  it('finds nothing in cases written through the API', async () => {
    expect(await casesNotInStoredForm(server.context.db)).toEqual([]);
  });

  it('names a missing default, an unknown field and a value of the wrong type', async () => {
    const cases = server.context.db.collection('cases');
    const filter = { _id: new Types.ObjectId(caseId) };
    const stored = await cases.findOne(filter);
    try {
      await cases.updateOne(filter, {
        $unset: { 'openTrajectory.history.1.flags': '' },
        $set: { 'openTrajectory.history.1.extra': 1, currentTrede: '2' },
      });
      expect(await casesNotInStoredForm(server.context.db)).toEqual([
        {
          caseId,
          paths: [
            'currentTrede: stored "2", schema 2',
            'openTrajectory.history.1.extra: stored 1, schema absent',
            'openTrajectory.history.1.flags: stored absent, schema []',
          ],
        },
      ]);
    } finally {
      await cases.replaceOne(filter, stored!);
    }
  });
});
