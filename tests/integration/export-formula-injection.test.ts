import ExcelJS from 'exceljs';
import request from 'supertest';
import { bearer, createTestTeam, createTestUser } from '../support/auth';
import { createCaseViaApi, createTrajectoryViaApi, sendEvent } from '../support/factories';
import { startTestServer, type TestServer } from '../support/test-server';

/**
 * SPEC §4 (CSV/formula injection): no CSV or XLSX cell of any export starts with `=`, `+`, `-`,
 * `@`, tab or carriage return as typed; such text gets a leading `'`. Names, notes and reasons
 * that look like formulas are fed through every export.
 */
// Tab and carriage return cannot start a name or a note through the API (refused or trimmed,
// hole 6); server/reports/spreadsheet.test.ts proves their escaping at the writer.
const DANGEROUS = ['=HYPERLINK("http://x")', '+Noord', '-Zuid', '@Oost'];
const DANGER = /^[=+\-@\t\r]/;

/** A minimal RFC 4180 reader for `;`-separated text (quotes, doubled quotes, CR/LF inside). */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let index = 0; index < text.length; index += 1) {
    const char = text[index]!;
    if (quoted) {
      if (char === '"' && text[index + 1] === '"') {
        cell += '"';
        index += 1;
      } else if (char === '"') quoted = false;
      else cell += char;
    } else if (char === '"') quoted = true;
    else if (char === ';') {
      row.push(cell);
      cell = '';
    } else if (char === '\r' && text[index + 1] === '\n') {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
      index += 1;
    } else cell += char;
  }
  if (cell !== '' || row.length) rows.push([...row, cell]);
  return rows;
}

async function xlsxCells(body: Buffer, sheetName: string): Promise<unknown[]> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(
    body.buffer.slice(body.byteOffset, body.byteOffset + body.byteLength) as ArrayBuffer,
  );
  const cells: unknown[] = [];
  workbook.getWorksheet(sheetName)!.eachRow((row) => cells.push(...(row.values as unknown[])));
  return cells;
}

describe('formula injection in every export', () => {
  let server: TestServer;
  let beleid: string;

  beforeAll(async () => {
    server = await startTestServer({ now: '2026-06-01T10:00:00.000Z' });
    const admin = (await createTestUser(server, { role: 'beheerder' })).token;
    const created = await request(server.app)
      .post('/api/v1/opdrachtgevers')
      .set(bearer(admin))
      .send({ name: '=SUM(A1:A9)', gemeentecode: 'GM0202' })
      .expect(201);
    await request(server.app)
      .put(`/api/v1/opdrachtgevers/${created.body.id}/variants/ONT-PLUS`)
      .set(bearer(admin))
      .send({ name: '@Ontwikkel plus', family: 'ONT', tariffCentsPerHour: 1300 })
      .expect(200);
    for (const name of DANGEROUS) {
      const team = await createTestTeam(server, name);
      const begeleider = await createTestUser(server, { role: 'begeleider', teamIds: [team.id] });
      const caseView = await createCaseViaApi(
        server,
        { team, begeleider, teamleider: begeleider },
        { trede: 1, displayName: `=${name}`, opdrachtgeverId: created.body.id },
      );
      const trajectory = await createTrajectoryViaApi(server, begeleider.token, caseView.id, {
        product: 'ONT-PLUS',
        targetTrede: 2,
        registeredAt: '2026-05-01',
      });
      let version = trajectory.version;
      for (const event of [
        { type: 'START', occurredAt: '2026-05-02' },
        {
          type: 'RECORD_CONTACT',
          note: "=cmd|' /C calc'!A0",
          minutes: 30,
          occurredAt: '2026-05-03',
        },
        { type: 'ASSESS_TREDE', trede: 2, note: '+1', occurredAt: '2026-05-04' },
        { type: 'SUSPEND', reason: '-2+3', occurredAt: '2026-05-05' },
      ]) {
        const response = await sendEvent(server, begeleider.token, trajectory.id, {
          ...event,
          expectedVersion: version,
        });
        expect(response.status).toBe(200);
        version = response.body.version;
      }
    }
    beleid = (await createTestUser(server, { role: 'beleid' })).token;
  });
  afterAll(async () => server.close());

  const download = (path: string) =>
    request(server.app).get(`/api/v1${path}`).set(bearer(beleid)).responseType('blob').expect(200);

  it.each([
    ['transitions CSV', '/reports/transitions?format=csv'],
    ['billing CSV', '/reports/billing?month=2026-05&format=csv'],
  ])('%s: every dangerous text cell is escaped', async (_name, path) => {
    const text = (await download(path)).body.toString('utf8') as string;
    const cells = parseCsv(text.replace(/^\uFEFF/, '')).flat();
    expect(cells.length).toBeGreaterThan(20);
    for (const cell of cells) expect(cell).not.toMatch(DANGER);
    const escaped = cells.filter((cell) => cell.startsWith("'"));
    if (path.includes('transitions')) {
      // The team names, and any pseudonym that happens to start with '-' (base64url).
      const names = escaped.filter((cell) => !/^'-[A-Za-z0-9_-]{15}$/.test(cell));
      expect(names.sort()).toEqual(DANGEROUS.map((name) => `'${name}`).sort());
    } else {
      expect(escaped).toEqual(["'=SUM(A1:A9)", "'@Ontwikkel plus"]);
    }
    expect(text).not.toContain('calc');
  });

  it.each([
    ['transitions XLSX', '/reports/transitions?format=xlsx', 'Tredeovergangen'],
    ['billing XLSX', '/reports/billing?month=2026-05&format=xlsx', 'Declaratie'],
  ])('%s: every dangerous text cell is escaped', async (_name, path, sheet) => {
    const cells = await xlsxCells((await download(path)).body as Buffer, sheet);
    const texts = cells.filter((cell): cell is string => typeof cell === 'string');
    expect(texts.length).toBeGreaterThan(10);
    for (const cell of texts) expect(cell).not.toMatch(DANGER);
    const escaped = texts.filter(
      (cell) => cell.startsWith("'") && !/^'-[A-Za-z0-9_-]{15}$/.test(cell), // pseudonyms aside
    );
    // XML normalises a carriage return to a line feed when the workbook is read back.
    expect(escaped.map((cell) => cell.replace('\n', '\r')).sort()).toEqual(
      path.includes('transitions')
        ? DANGEROUS.map((name) => `'${name}`).sort()
        : ["'=SUM(A1:A9)", "'@Ontwikkel plus"].sort(),
    );
    expect(texts.join('|')).not.toContain('calc');
  });
});
