import { mongo, Types } from 'mongoose';
import { casesNotInStoredForm } from '../support/stored-form';
import {
  createCaseViaApi,
  createCaseworkTeam,
  createTrajectoryViaApi,
  sendEvent,
  type TestTeam,
} from '../support/factories';
import { startTestServer, type TestServer } from '../support/test-server';
import { decodeHistory } from '../../server/case-store/stored-history';

const { EJSON } = mongo.BSON;

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
      // Decision 067: history entries are texts; this one lacks its flags and has an extra field.
      const history = stored!.openTrajectory.history as string[];
      const { flags: _flags, ...entry } = decodeHistory([history[1]!])[0]!;
      const altered = EJSON.stringify({ ...entry, extra: 1 }, { relaxed: true });
      await cases.updateOne(filter, {
        $set: { 'openTrajectory.history': [history[0], altered], currentTrede: '2' },
      });
      expect(await casesNotInStoredForm(server.context.db)).toEqual([
        {
          caseId,
          paths: [
            'currentTrede: stored "2", schema 2',
            'openTrajectory.history.1.extra: stored 1, schema absent',
            'openTrajectory.history.1.flags: stored absent, schema []',
            `openTrajectory.history.1: not in canonical form: ${altered}`,
          ],
        },
      ]);
    } finally {
      await cases.replaceOne(filter, stored!);
    }
  });

  it('names a history entry stored as an object, as versions before decision 067 did', async () => {
    const cases = server.context.db.collection('cases');
    const filter = { _id: new Types.ObjectId(caseId) };
    const stored = await cases.findOne(filter);
    try {
      const history = stored!.openTrajectory.history as string[];
      await cases.updateOne(filter, {
        $set: { 'openTrajectory.history': [history[0], decodeHistory([history[1]!])[0]] },
      });
      const [found] = await casesNotInStoredForm(server.context.db);
      expect(found?.paths).toContainEqual(
        expect.stringMatching(
          /^openTrajectory\.history\.1: stored \{"type":"RECORD_CONTACT".*, schema a text$/,
        ),
      );
    } finally {
      await cases.replaceOne(filter, stored!);
    }
  });
});
