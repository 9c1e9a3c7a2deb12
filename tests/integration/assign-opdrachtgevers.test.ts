import { Types } from 'mongoose';
import { ensureOpdrachtgevers } from '../../server/case-store/assign-opdrachtgevers';
import { findCaseForSystem } from '../../server/case-store/case.repository';
import {
  insertOpdrachtgever,
  listOpdrachtgevers,
} from '../../server/organisations/opdrachtgever.repository';
import { createCaseViaApi, createCaseworkTeam } from '../support/factories';
import { startTestServer, type TestServer } from '../support/test-server';

/** SPEC §4.1: a case stored before opdrachtgevers existed joins its organisation's default at start-up. */
describe('start-up assigns opdrachtgevers to older cases', () => {
  let server: TestServer;
  afterAll(async () => server.close());

  it('gives a case without an opdrachtgever the default one and leaves an assigned case alone', async () => {
    server = await startTestServer({ now: '2026-06-01T10:00:00.000Z' });
    const team = await createCaseworkTeam(server, 'Team Oud');
    const older = await createCaseViaApi(server, team, { trede: 2 });
    const [fallback] = await listOpdrachtgevers(server.context.db, { orgId: team.team.orgId });
    const other = await insertOpdrachtgever(
      server.context.db,
      { orgId: team.team.orgId },
      {
        name: 'Gemeente Elders',
        gemeentecode: 'GM0200',
        tariffs: {},
        now: server.clock.now(),
      },
    );
    const assigned = await createCaseViaApi(server, team, { trede: 3, opdrachtgeverId: other.id });
    // As stored before opdrachtgevers existed: the field is absent.
    await server.context.db
      .collection('cases')
      .updateOne({ _id: new Types.ObjectId(older.id) }, { $unset: { opdrachtgeverId: '' } });
    expect((await findCaseForSystem(server.context.db, older.id))!.opdrachtgeverId).toBeUndefined();

    await ensureOpdrachtgevers(server.context);

    expect((await findCaseForSystem(server.context.db, older.id))!.opdrachtgeverId).toBe(
      fallback!.id,
    );
    expect((await findCaseForSystem(server.context.db, assigned.id))!.opdrachtgeverId).toBe(
      other.id,
    );
  });
});
