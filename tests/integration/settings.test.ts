import request from 'supertest';
import { bearer, createTestUser } from '../support/auth';
import { startTestServer, type TestServer } from '../support/test-server';

describe('organisation settings (SPEC §2.2: per organisation, never a constant)', () => {
  let server: TestServer;
  let admin: string;
  let begeleider: string;

  beforeAll(async () => {
    server = await startTestServer();
    admin = (await createTestUser(server, { role: 'beheerder' })).token;
    begeleider = (await createTestUser(server, { role: 'begeleider' })).token;
  });
  afterAll(async () => server.close());

  it('starts from the SPEC defaults', async () => {
    const response = await request(server.app)
      .get('/api/v1/settings')
      .set(bearer(begeleider))
      .expect(200);
    expect(response.body.settings.products.ONT).toMatchObject({
      limitMonths: 6,
      tariffCentsPerHour: 1100,
      enabled: true,
    });
    expect(response.body.settings.products['STA-2'].enabled).toBe(false);
    expect(response.body.settings.signals).toMatchObject({
      deadlineNearDays: 28,
      noActivityDays: 42,
    });
  });

  it('lets a beheerder enable STA-2 with its tariff and change a threshold, keeping the other defaults', async () => {
    await request(server.app)
      .patch('/api/v1/settings')
      .set(bearer(admin))
      .send({
        products: { 'STA-2': { enabled: true, tariffCentsPerHour: 1525 } },
        signals: { noActivityDays: 30 },
      })
      .expect(200);
    const response = await request(server.app)
      .patch('/api/v1/settings')
      .set(bearer(admin))
      .send({ products: { 'STA-2': { name: 'Stabiel op trede 2 (Renkum)' } } })
      .expect(200);
    expect(response.body.settings.products['STA-2']).toMatchObject({
      enabled: true,
      tariffCentsPerHour: 1525,
      name: 'Stabiel op trede 2 (Renkum)',
    });
    expect(response.body.settings.signals).toMatchObject({
      noActivityDays: 30,
      deadlineNearDays: 28,
    });
    expect(response.body.settings.products.ONT.limitMonths).toBe(6);
  });

  it('refuses unknown fields and out-of-range values, naming them, and a begeleider', async () => {
    const bad = await request(server.app)
      .patch('/api/v1/settings')
      .set(bearer(admin))
      .send({ products: { ONT: { limitMonths: 0 } } })
      .expect(400);
    expect(bad.body.error.details[0].field).toBe('products.ONT.limitMonths');
    await request(server.app)
      .patch('/api/v1/settings')
      .set(bearer(admin))
      .send({ products: { XYZ: { enabled: true } } })
      .expect(400);
    await request(server.app)
      .patch('/api/v1/settings')
      .set(bearer(admin))
      .send({ $where: 'x' })
      .expect(400);
    await request(server.app)
      .patch('/api/v1/settings')
      .set(bearer(begeleider))
      .send({ signals: { noActivityDays: 10 } })
      .expect(403);
    const after = await request(server.app).get('/api/v1/settings').set(bearer(admin)).expect(200);
    expect(after.body.settings.products.ONT.limitMonths).toBe(6);
    expect(after.body.settings.signals.noActivityDays).toBe(30);
  });
});
