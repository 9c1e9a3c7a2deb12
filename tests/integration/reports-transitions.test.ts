import ExcelJS from 'exceljs';
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

/** SPEC §3/§4: GET /reports/transitions — every trede transition, pseudonymised, streamed. */
describe('GET /reports/transitions', () => {
  let server: TestServer;
  let north: TestTeam;
  let south: TestTeam;
  let beleid: string;
  const personal: string[] = [];

  async function events(
    token: string,
    trajectoryId: string,
    list: Array<Record<string, unknown>>,
  ): Promise<void> {
    let version = 1;
    for (const event of list) {
      const response = await sendEvent(server, token, trajectoryId, {
        ...event,
        expectedVersion: version,
      });
      if (response.status !== 200)
        throw new Error(
          `${String(event.type)}: ${response.status} ${JSON.stringify(response.body)}`,
        );
      version = response.body.version;
    }
  }

  beforeAll(async () => {
    server = await startTestServer({ now: '2026-06-01T10:00:00.000Z' });
    north = await createCaseworkTeam(server, 'Team Noord');
    south = await createCaseworkTeam(server, 'Team Zuid');
    beleid = (await createTestUser(server, { role: 'beleid', orgId: north.team.orgId })).token;

    // North: 1 → 2 (1 Feb) → 3 (1 Mar) in an Ontwikkeltraject.
    const climber = await createCaseViaApi(server, north, {
      trede: 1,
      displayName: 'Anna Klimmer',
      bsn: '111222333',
    });
    const ont = await createTrajectoryViaApi(server, north.begeleider.token, climber.id, {
      product: 'ONT',
      targetTrede: 2,
    });
    await events(north.begeleider.token, ont.id, [
      { type: 'START', occurredAt: '2026-01-11T09:00:00Z' },
      { type: 'ASSESS_TREDE', trede: 2, occurredAt: '2026-02-01T10:00:00Z' },
      { type: 'NEXT_STEP', occurredAt: '2026-02-02T10:00:00Z' },
      { type: 'ASSESS_TREDE', trede: 3, occurredAt: '2026-03-01T10:00:00Z' },
    ]);
    // South: 3 → 2 (1 Apr, a terugval) in Stabiel op trede 3.
    const stable = await createCaseViaApi(server, south, { trede: 3, displayName: 'Bert Stabiel' });
    const sta = await createTrajectoryViaApi(server, south.begeleider.token, stable.id, {
      product: 'STA-3',
    });
    await events(south.begeleider.token, sta.id, [
      { type: 'START', occurredAt: '2026-01-11T09:00:00Z' },
      { type: 'ASSESS_TREDE', trede: 2, occurredAt: '2026-04-01T10:00:00Z' },
    ]);
    personal.push(
      climber.id,
      stable.id,
      ont.id,
      sta.id,
      'Anna Klimmer',
      'Bert Stabiel',
      '111222333',
    );
  });
  afterAll(async () => server.close());

  const ndjson = (text: string) =>
    text
      .trim()
      .split('\n')
      .filter(Boolean)
      .map((line) => JSON.parse(line) as Record<string, unknown>);

  it('gives beleid a CSV for Dutch Excel: BOM, semicolons, no sep= line, oldest first, pseudonymised', async () => {
    const response = await request(server.app)
      .get('/api/v1/reports/transitions')
      .set(bearer(beleid))
      .expect(200);
    expect(response.headers['content-type']).toMatch(/^text\/csv/);
    expect(response.headers['content-disposition']).toBe(
      'attachment; filename="tredeovergangen_2026-01-01_2026-06-01.csv"',
    );
    const text = response.text;
    expect(text.startsWith('\uFEFF')).toBe(true);
    const lines = text.slice(1).trim().split('\r\n');
    expect(lines[0]).toBe('deelnemer;team;van_trede;naar_trede;richting;datum;product;reden');
    const rows = lines.slice(1).map((line) => line.split(';'));
    expect(rows.map((row) => row.slice(1))).toEqual([
      ['Team Noord', '1', '2', 'omhoog', '2026-02-01', 'ONT', 'beoordeling'],
      ['Team Noord', '2', '3', 'omhoog', '2026-03-01', 'ONT', 'beoordeling'],
      ['Team Zuid', '3', '2', 'omlaag', '2026-04-01', 'STA-3', 'beoordeling'],
    ]);
    // One participant keeps one pseudonym; two participants have two.
    expect(rows[0]![0]).toBe(rows[1]![0]);
    expect(rows[2]![0]).not.toBe(rows[0]![0]);
    for (const secret of personal) expect(text).not.toContain(secret);
  });

  it('rule 10: the period is inclusive — to=2026-04-01 includes 1 April, a one-day period works', async () => {
    const oneDay = await request(server.app)
      .get('/api/v1/reports/transitions?from=2026-04-01&to=2026-04-01&format=ndjson')
      .set(bearer(beleid))
      .expect(200);
    expect(ndjson(oneDay.text)).toEqual([
      expect.objectContaining({ from: 3, to: 2, date: '2026-04-01' }),
    ]);
    const csv = await request(server.app)
      .get('/api/v1/reports/transitions?from=2026-03-01&to=2026-04-01')
      .set(bearer(beleid))
      .expect(200);
    expect(csv.headers['content-disposition']).toBe(
      'attachment; filename="tredeovergangen_2026-03-01_2026-04-01.csv"',
    );
    expect(csv.text).toContain('2026-04-01');
  });

  it('filters by period (inclusive Amsterdam dates), team and product, in NDJSON', async () => {
    const march = await request(server.app)
      .get('/api/v1/reports/transitions?from=2026-03-01&to=2026-03-31&format=ndjson')
      .set(bearer(beleid))
      .expect(200);
    expect(march.headers['content-type']).toMatch(/^application\/x-ndjson/);
    expect(ndjson(march.text)).toEqual([
      expect.objectContaining({
        from: 2,
        to: 3,
        direction: 'up',
        date: '2026-03-01',
        at: '2026-03-01T10:00:00.000Z',
        product: 'ONT',
        team: 'Team Noord',
        teamId: north.team.id,
      }),
    ]);
    const south_ = await request(server.app)
      .get(`/api/v1/reports/transitions?team=${south.team.id}&format=ndjson`)
      .set(bearer(beleid))
      .expect(200);
    expect(ndjson(south_.text).map((row) => [row.from, row.to])).toEqual([[3, 2]]);
    const ont = await request(server.app)
      .get('/api/v1/reports/transitions?product=ONT&format=ndjson')
      .set(bearer(beleid))
      .expect(200);
    expect(ndjson(ont.text)).toHaveLength(2);
  });

  it('streams an XLSX workbook that reads back with the same rows', async () => {
    const response = await request(server.app)
      .get('/api/v1/reports/transitions?format=xlsx')
      .set(bearer(beleid))
      .responseType('blob')
      .expect(200);
    const workbook = new ExcelJS.Workbook();
    const body = response.body as Buffer;
    // exceljs declares its own ArrayBuffer-based Buffer type: hand it the bytes as such.
    await workbook.xlsx.load(
      body.buffer.slice(body.byteOffset, body.byteOffset + body.byteLength) as ArrayBuffer,
    );
    const sheet = workbook.getWorksheet('Tredeovergangen')!;
    const values = sheet
      .getSheetValues()
      .filter(Boolean)
      .map((row) => (row as unknown[]).slice(1));
    expect(values[0]).toEqual([
      'deelnemer',
      'team',
      'van_trede',
      'naar_trede',
      'richting',
      'datum',
      'product',
      'reden',
    ]);
    expect(values.slice(1).map((row) => row.slice(1, 5))).toEqual([
      ['Team Noord', 1, 2, 'omhoog'],
      ['Team Noord', 2, 3, 'omhoog'],
      ['Team Zuid', 3, 2, 'omlaag'],
    ]);
  });

  it('gives a teamleider their own teams only', async () => {
    const own = await request(server.app)
      .get('/api/v1/reports/transitions?format=ndjson')
      .set(bearer(north.teamleider.token))
      .expect(200);
    expect(ndjson(own.text).map((row) => row.team)).toEqual(['Team Noord', 'Team Noord']);
    await request(server.app)
      .get(`/api/v1/reports/transitions?team=${south.team.id}`)
      .set(bearer(north.teamleider.token))
      .expect(404);
  });

  it('refuses other roles, anonymous callers and bad input (naming the field), and audits each export', async () => {
    await request(server.app)
      .get('/api/v1/reports/transitions')
      .set(bearer(north.begeleider.token))
      .expect(403);
    const admin = await createTestUser(server, { role: 'beheerder', orgId: north.team.orgId });
    await request(server.app)
      .get('/api/v1/reports/transitions')
      .set(bearer(admin.token))
      .expect(403);
    await request(server.app).get('/api/v1/reports/transitions').expect(401);
    const format = await request(server.app)
      .get('/api/v1/reports/transitions?format=pdf')
      .set(bearer(beleid))
      .expect(400);
    expect(format.body.error.details[0].field).toBe('format');
    const order = await request(server.app)
      .get('/api/v1/reports/transitions?from=2026-05-01&to=2026-04-01')
      .set(bearer(beleid))
      .expect(400);
    expect(order.body.error.details[0].field).toBe('from');

    const audit = await request(server.app)
      .get('/api/v1/audit')
      .set(bearer(admin.token))
      .expect(200);
    const exports = audit.body.items.filter(
      (item: { action: string }) => item.action === 'report.transitions',
    );
    expect(exports.length).toBeGreaterThanOrEqual(6);
    // The test clock stands still, so entries share one timestamp: look for the CSV export by content.
    expect(exports.map((entry: { details: unknown }) => entry.details)).toContainEqual(
      expect.objectContaining({ format: 'csv', team: null, rows: 3 }),
    );
  });
});
