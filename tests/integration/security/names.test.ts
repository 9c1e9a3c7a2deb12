import request from 'supertest';
import { ensureTeamIndexes, findTeamByName } from '../../../server/teams/team.repository';
import { bearer, createTestUser } from '../../support/auth';
import { buildCaseInput, createCaseworkTeam, type TestTeam } from '../../support/factories';
import { startTestServer, type TestServer } from '../../support/test-server';

/**
 * Hole 6: names with control, bidirectional and invisible characters were accepted, and lookalike
 * duplicates (case variants, a zero-width suffix) created duplicate teams and client numbers.
 */
describe('names: normalised, visible, and compared ignoring case', () => {
  let server: TestServer;
  let admin: { token: string };
  let team: TestTeam;

  beforeAll(async () => {
    server = await startTestServer();
    team = await createCaseworkTeam(server);
    admin = await createTestUser(server, { role: 'beheerder', orgId: team.team.orgId });
  });
  afterAll(async () => server.close());

  const postCase = (overrides: Record<string, unknown>) =>
    request(server.app)
      .post('/api/v1/cases')
      .set(bearer(team.begeleider.token))
      .send(buildCaseInput(team, overrides));
  const postTeam = (name: string) =>
    request(server.app).post('/api/v1/teams').set(bearer(admin.token)).send({ name });

  it.each([
    'Jan\u0000Jansen',
    'Jan \u202Egnp.exe',
    '\u200B\u200B',
    'Jan\r\nJansen',
    '\u2066Noord\u2069',
  ])('refuses the case display name %j with 400 naming displayName', async (displayName) => {
    const response = await postCase({ displayName }).expect(400);
    expect(response.body.error.details[0].field).toBe('displayName');
  });

  it('stores display names in NFC', async () => {
    const response = await postCase({ displayName: 'Zoë de Vries'.normalize('NFD') }).expect(201);
    expect(response.body.displayName).toBe('Zoë de Vries'.normalize('NFC'));
  });

  it('refuses a client number that differs from an existing one only in case', async () => {
    await postCase({ clientNumber: 'demo-0002' }).expect(201);
    const duplicate = await postCase({ clientNumber: 'DEMO-0002' }).expect(409);
    expect(duplicate.body.error.details[0].field).toBe('clientNumber');
  });

  it('refuses lookalike team names', async () => {
    await postTeam('Team Noord').expect(201);
    await postTeam('team noord').expect(409);
    await postTeam('ＴＥＡＭ ＮＯＯＲＤ').expect(409);
    await postTeam('Team Noord\u200B').expect(400);
    await postTeam('\u202ETeam').expect(400);
    const teams = await request(server.app).get('/api/v1/teams').set(bearer(admin.token));
    expect(
      teams.body.items.filter((item: { name: string }) => /noord/i.test(item.name)),
    ).toHaveLength(1);
  });

  it('gives teams stored before the comparison key one at start-up', async () => {
    await server.context.db.collection('teams').insertOne({
      orgId: team.team.orgId,
      name: 'Oude Naam',
      createdAt: new Date(),
    });
    await ensureTeamIndexes(server.context.db);
    expect(
      await findTeamByName(server.context.db, { orgId: team.team.orgId }, 'OUDE naam'),
    ).toMatchObject({
      name: 'Oude Naam',
    });
  });
});
