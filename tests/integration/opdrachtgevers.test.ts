import request from 'supertest';
import { bearer, createTestUser } from '../support/auth';
import {
  createCaseViaApi,
  createCaseworkTeam,
  createTrajectoryViaApi,
  sendEvent,
  type TestTeam,
} from '../support/factories';
import { startTestServer, type TestServer } from '../support/test-server';

/** SPEC §4.1: opdrachtgevers, their catalogues and variants, and settings that stay with a step. */
describe('opdrachtgevers and product variants', () => {
  let server: TestServer;
  let team: TestTeam;
  let admin: string;
  let defaultId: string;
  let nijmegenId: string;

  beforeAll(async () => {
    server = await startTestServer({ now: '2026-06-01T10:00:00.000Z' });
    team = await createCaseworkTeam(server, 'Team Oost');
    admin = (await createTestUser(server, { role: 'beheerder', orgId: team.team.orgId })).token;
  });
  afterAll(async () => server.close());

  it('has a default opdrachtgever, and a beheerder adds Nijmegen with a variant', async () => {
    const list = await request(server.app)
      .get('/api/v1/opdrachtgevers')
      .set(bearer(team.begeleider.token))
      .expect(200);
    expect(list.body.items).toHaveLength(1);
    defaultId = list.body.items[0].id;

    const created = await request(server.app)
      .post('/api/v1/opdrachtgevers')
      .set(bearer(admin))
      .send({ name: 'Gemeente Nijmegen', gemeentecode: 'GM0268' })
      .expect(201);
    nijmegenId = created.body.id;
    const put = await request(server.app)
      .put(`/api/v1/opdrachtgevers/${nijmegenId}/variants/STA-3-PLUS`)
      .set(bearer(admin))
      .send({
        name: 'Stabiel op trede 3 plus',
        family: 'STA',
        stabielTrede: 3,
        tariffCentsPerHour: 960,
      })
      .expect(200);
    expect(put.body.catalogue.map((product: { code: string }) => product.code)).toEqual([
      'ONT',
      'STA-2',
      'STA-3',
      'STA-4',
      'HER',
      'STA-3-PLUS',
    ]);
    expect(put.body.catalogue.at(-1)).toMatchObject({
      family: 'STA',
      machineId: 'stabiel',
      stabielTrede: 3,
      reviewMonths: 6,
      tariffCentsPerHour: 960,
    });
    // The variant's tariff is dated from the change; the first period holds since ever.
    expect(put.body.tariffHistory).toEqual([
      { from: null, tariffs: expect.objectContaining({ ONT: 1100, 'STA-3': 720 }) },
      {
        from: '2026-06-01T10:00:00.000Z',
        tariffs: expect.objectContaining({ 'STA-3-PLUS': 960 }),
      },
    ]);
  });

  it('refuses bad input naming the field, and anyone but a beheerder', async () => {
    const bad = await request(server.app)
      .post('/api/v1/opdrachtgevers')
      .set(bearer(admin))
      .send({ name: 'Renkum', gemeentecode: '0274' })
      .expect(400);
    expect(bad.body.error.details[0].field).toBe('gemeentecode');
    const unknown = await request(server.app)
      .post('/api/v1/opdrachtgevers')
      .set(bearer(admin))
      .send({ name: 'Renkum', gemeentecode: 'GM0274', extra: 1 })
      .expect(400);
    expect(unknown.body.error.details[0].field).toBe('extra');
    const noTrede = await request(server.app)
      .put(`/api/v1/opdrachtgevers/${nijmegenId}/variants/STA-X`)
      .set(bearer(admin))
      .send({ name: 'x', family: 'STA', tariffCentsPerHour: 100 })
      .expect(400);
    expect(noTrede.body.error.details[0].field).toBe('stabielTrede');
    await request(server.app)
      .put(`/api/v1/opdrachtgevers/${nijmegenId}/variants/ONT`)
      .set(bearer(admin))
      .send({ name: 'x', family: 'ONT', tariffCentsPerHour: 100 })
      .expect(400);
    await request(server.app)
      .post('/api/v1/opdrachtgevers')
      .set(bearer(team.teamleider.token))
      .send({ name: 'Renkum', gemeentecode: 'GM0274' })
      .expect(403);
    await request(server.app)
      .patch(`/api/v1/opdrachtgevers/${'0'.repeat(24)}`)
      .set(bearer(admin))
      .send({ name: 'x' })
      .expect(404);
    const after = await request(server.app)
      .get('/api/v1/opdrachtgevers')
      .set(bearer(admin))
      .expect(200);
    expect(after.body.items.map((item: { name: string }) => item.name)).toEqual([
      'Testgemeente',
      'Gemeente Nijmegen',
    ]);
  });

  it('runs the variant on its family machine, only for cases of that opdrachtgever', async () => {
    const nijmegenCase = await createCaseViaApi(server, team, {
      trede: 3,
      opdrachtgeverId: nijmegenId,
    });
    const otherCase = await createCaseViaApi(server, team, { trede: 3 });
    const plus = await createTrajectoryViaApi(server, team.begeleider.token, nijmegenCase.id, {
      product: 'STA-3-PLUS',
    });
    expect(plus).toMatchObject({
      product: 'STA-3-PLUS',
      machineId: 'stabiel',
      state: 'registered',
    });
    const refused = await request(server.app)
      .post(`/api/v1/cases/${otherCase.id}/trajectories`)
      .set(bearer(team.begeleider.token))
      .send({ product: 'STA-3-PLUS', registeredAt: '2026-01-10' })
      .expect(400);
    expect(refused.body.error.details[0].field).toBe('product');
    await request(server.app)
      .post('/api/v1/cases')
      .set(bearer(team.begeleider.token))
      .send({
        clientNumber: 'OPD-1',
        displayName: 'x',
        teamId: team.team.id,
        begeleiderId: team.begeleider.user.id,
        trede: 1,
        assessedAt: '2026-01-05',
        opdrachtgeverId: '0'.repeat(24),
      })
      .expect(400)
      .expect((response) => expect(response.body.error.details[0].field).toBe('opdrachtgeverId'));

    const listed = await request(server.app)
      .get(`/api/v1/cases?opdrachtgever=${nijmegenId}`)
      .set(bearer(team.begeleider.token))
      .expect(200);
    expect(listed.body.items.map((item: { id: string }) => item.id)).toEqual([nijmegenCase.id]);
    expect(listed.body.items[0].opdrachtgeverId).toBe(nijmegenId);
    const others = await request(server.app)
      .get(`/api/v1/cases?opdrachtgever=${defaultId}`)
      .set(bearer(team.begeleider.token))
      .expect(200);
    expect(others.body.items.map((item: { id: string }) => item.id)).toContain(otherCase.id);
    expect(others.body.items.map((item: { id: string }) => item.id)).not.toContain(nijmegenCase.id);
    // Registered since 10 January, nothing since: WAITING_START, filtered by opdrachtgever.
    const signals = await request(server.app)
      .get(`/api/v1/signals?opdrachtgever=${nijmegenId}&code=WAITING_START`)
      .set(bearer(team.begeleider.token))
      .expect(200);
    expect(signals.body.items.map((item: { caseId: string }) => item.caseId)).toEqual([
      nijmegenCase.id,
    ]);
    const none = await request(server.app)
      .get(`/api/v1/signals?opdrachtgever=${defaultId}&code=WAITING_START`)
      .set(bearer(team.begeleider.token))
      .expect(200);
    expect(none.body.items).toEqual([]);
  });

  it('a later limit change moves no running deadline; a new trajectory gets the new limit', async () => {
    const running = await createCaseViaApi(server, team, { trede: 1, opdrachtgeverId: nijmegenId });
    const ont = await createTrajectoryViaApi(server, team.begeleider.token, running.id, {
      product: 'ONT',
      targetTrede: 2,
    });
    const started = await sendEvent(server, team.begeleider.token, ont.id, {
      type: 'START',
      occurredAt: '2026-03-02',
      expectedVersion: ont.version,
    });
    expect(started.body.deadlineAt).toBe('2026-09-02T22:00:00.000Z'); // 6 months: last day 2 Sep
    await request(server.app)
      .patch(`/api/v1/opdrachtgevers/${nijmegenId}`)
      .set(bearer(admin))
      .send({ products: { ONT: { limitMonths: 3, tariffCentsPerHour: 1250 } } })
      .expect(200);
    const contact = await sendEvent(server, team.begeleider.token, ont.id, {
      type: 'RECORD_CONTACT',
      note: 'gesprek',
      minutes: 30,
      occurredAt: '2026-05-01',
      expectedVersion: started.body.version,
    });
    expect(contact.status).toBe(200);
    expect(contact.body.deadlineAt).toBe('2026-09-02T22:00:00.000Z');

    const fresh = await createCaseViaApi(server, team, { trede: 1, opdrachtgeverId: nijmegenId });
    const next = await createTrajectoryViaApi(server, team.begeleider.token, fresh.id, {
      product: 'ONT',
      targetTrede: 2,
    });
    const nextStarted = await sendEvent(server, team.begeleider.token, next.id, {
      type: 'START',
      occurredAt: '2026-03-02',
      expectedVersion: next.version,
    });
    expect(nextStarted.body.deadlineAt).toBe('2026-06-02T22:00:00.000Z'); // 3 months
    // The default opdrachtgever keeps 6 months.
    const elsewhere = await createCaseViaApi(server, team, { trede: 1 });
    const other = await createTrajectoryViaApi(server, team.begeleider.token, elsewhere.id, {
      product: 'ONT',
      targetTrede: 2,
    });
    const otherStarted = await sendEvent(server, team.begeleider.token, other.id, {
      type: 'START',
      occurredAt: '2026-03-02',
      expectedVersion: other.version,
    });
    expect(otherStarted.body.deadlineAt).toBe('2026-09-02T22:00:00.000Z');
  });

  it('dates an organisation-level tariff change for every opdrachtgever it reaches', async () => {
    // Sessions expire when the clock moves on: log in anew each time.
    server.clock.set(new Date('2026-06-02T08:00:00.000Z'));
    admin = (await createTestUser(server, { role: 'beheerder', orgId: team.team.orgId })).token;
    await request(server.app)
      .patch(`/api/v1/opdrachtgevers/${nijmegenId}`)
      .set(bearer(admin))
      .send({ products: { HER: { tariffCentsPerHour: 1000 } } })
      .expect(200);
    server.clock.set(new Date('2026-06-03T08:00:00.000Z'));
    admin = (await createTestUser(server, { role: 'beheerder', orgId: team.team.orgId })).token;
    await request(server.app)
      .patch('/api/v1/settings')
      .set(bearer(admin))
      .send({ products: { HER: { tariffCentsPerHour: 1200 } } })
      .expect(200);
    const list = await request(server.app)
      .get('/api/v1/opdrachtgevers')
      .set(bearer(admin))
      .expect(200);
    const last = (id: string) =>
      list.body.items.find((item: { id: string }) => item.id === id).tariffHistory.at(-1);
    // The default opdrachtgever follows the organisation; Nijmegen's own HER tariff wins.
    expect(last(defaultId)).toEqual({
      from: '2026-06-03T08:00:00.000Z',
      tariffs: expect.objectContaining({ HER: 1200 }),
    });
    expect(last(nijmegenId)).toEqual({
      from: '2026-06-02T08:00:00.000Z',
      tariffs: expect.objectContaining({ HER: 1000 }),
    });
  });

  // Found by schema fuzzing: FerretDB answers a unique-index violation on an update with a generic
  // error, which was a 500. A rename onto an existing name is a 409 naming the field.
  it('refuses to rename an opdrachtgever onto another one’s name (409, nothing changed)', async () => {
    const renamed = await request(server.app)
      .patch(`/api/v1/opdrachtgevers/${defaultId}`)
      .set(bearer(admin))
      .send({ name: 'Gemeente Nijmegen' })
      .expect(409);
    expect(renamed.body.error.details).toEqual([{ field: 'name', message: 'already exists' }]);
    const list = await request(server.app)
      .get('/api/v1/opdrachtgevers')
      .set(bearer(admin))
      .expect(200);
    expect(
      list.body.items.filter((item: { name: string }) => item.name === 'Gemeente Nijmegen'),
    ).toHaveLength(1);
  });
});
