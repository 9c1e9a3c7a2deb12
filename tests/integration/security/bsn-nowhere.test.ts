import ExcelJS from 'exceljs';
import { connectDatabase } from '../../../server/db/connection';
import { findFreePort } from '../../../server/db/embedded/ports';
import { testDatabaseUri, uniqueDatabaseName } from '../../support/database';
import { startServerProcess, type ServerProcess } from '../../support/server-process';

/**
 * Hole 15 and SPEC §2.5: a BSN is stored encrypted, shown masked, and appears in no export and no
 * log. This runs the real server process with debug logging, drives it through the API (cases with
 * BSNs, reads, events, failed logins, the audit log, every export format), then searches every
 * collection of its database, every log line and every export for the test BSNs.
 */
const BSNS = ['111222333', '123456782', '999999990'];
const SECRET = 'bsn-test-secret-bsn-test-secret-0123456789';
const admin = { username: 'bsn-beheerder', password: 'een-lang-wachtwoord' };

describe('no BSN in the database in plain text, in logs or in exports', () => {
  let server: ServerProcess;
  let base: string;
  const dbUri = testDatabaseUri(uniqueDatabaseName('bsn'));
  const exports: string[] = [];

  beforeAll(async () => {
    const port = await findFreePort();
    base = `http://127.0.0.1:${port}/api/v1`;
    server = await startServerProcess({
      PORT: String(port),
      MONGODB_URI: dbUri,
      TREDE_SECRET: SECRET,
      TREDE_ADMIN_USERNAME: admin.username,
      TREDE_ADMIN_PASSWORD: admin.password,
      TREDE_SWEEP_INTERVAL_SECONDS: '0',
      LOG_LEVEL: 'debug',
    });
  }, 90000);
  afterAll(async () => {
    await server?.interrupt();
    const connection = await connectDatabase(dbUri);
    await connection.dropDatabase();
    await connection.close();
  });

  async function call(method: string, path: string, token?: string, body?: unknown) {
    const response = await fetch(`${base}${path}`, {
      method,
      headers: {
        'content-type': 'application/json',
        ...(token && { authorization: `Bearer ${token}` }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const type = response.headers.get('content-type') ?? '';
    const raw = Buffer.from(await response.arrayBuffer());
    return {
      status: response.status,
      type,
      raw,
      json:
        type.includes('json') && !type.includes('ndjson') ? JSON.parse(raw.toString()) : undefined,
    };
  }
  const login = async (username: string, password: string) =>
    (await call('POST', '/auth/login', undefined, { username, password })).json.token as string;

  it('drives the API with BSNs, then finds them nowhere', async () => {
    const adminToken = await login(admin.username, admin.password);
    const team = (await call('POST', '/teams', adminToken, { name: 'Team BSN' })).json;
    const password = 'wachtwoord-voor-test';
    for (const [username, role, teamIds] of [
      ['bsn-begeleider', 'begeleider', [team.id]],
      ['bsn-beleid', 'beleid', []],
    ] as const)
      expect(
        (
          await call('POST', '/users', adminToken, {
            username,
            displayName: username,
            role,
            teamIds,
            password,
          })
        ).status,
      ).toBe(201);
    const begeleider = await login('bsn-begeleider', password);
    const me = (await call('GET', '/me', begeleider)).json;

    for (const [index, bsn] of BSNS.entries()) {
      const created = await call('POST', '/cases', begeleider, {
        clientNumber: `BSN-${index}`,
        displayName: `Deelnemer ${index}`,
        teamId: team.id,
        begeleiderId: me.id,
        trede: 1,
        assessedAt: '2026-01-05',
        bsn,
      });
      expect(created.status).toBe(201);
      expect(created.json.bsn).toBe(`*****${bsn.slice(-4)}`);
      const file = await call('GET', `/cases/${created.json.id}`, begeleider);
      expect(file.json.bsn).toBe(`*****${bsn.slice(-4)}`);
      const trajectory = await call('POST', `/cases/${created.json.id}/trajectories`, begeleider, {
        product: 'ONT',
        targetTrede: 2,
        registeredAt: '2026-01-06',
      });
      await call('POST', `/trajectories/${trajectory.json.id}/events`, begeleider, {
        type: 'START',
        occurredAt: '2026-01-07',
        expectedVersion: 1,
      });
      await call('POST', `/trajectories/${trajectory.json.id}/events`, begeleider, {
        type: 'ASSESS_TREDE',
        trede: 2,
        occurredAt: '2026-01-08',
        expectedVersion: 2,
      });
      // Hostile uses of a BSN: as a search, a login name, a duplicate case.
      await call('GET', `/cases?q=${bsn}`, begeleider);
      await call('POST', '/auth/login', undefined, { username: bsn, password: bsn });
      await call('POST', '/cases', begeleider, { clientNumber: 'x', bsn: `${bsn}0` });
    }
    await call('GET', '/audit?pageSize=500', adminToken).then((audit) =>
      exports.push(audit.raw.toString()),
    );
    const beleid = await login('bsn-beleid', password);
    for (const format of ['csv', 'ndjson', 'xlsx']) {
      const response = await call(
        'GET',
        `/reports/transitions?from=2026-01-01&format=${format}`,
        beleid,
      );
      expect(response.status).toBe(200);
      if (format !== 'xlsx') exports.push(response.raw.toString('utf8'));
      else {
        const workbook = new ExcelJS.Workbook();
        await workbook.xlsx.load(response.raw as unknown as ArrayBuffer);
        const cells: string[] = [];
        workbook.eachSheet((sheet) =>
          sheet.eachRow((row) => row.eachCell((cell) => cells.push(String(cell.value)))),
        );
        expect(cells.length).toBeGreaterThan(0);
        exports.push(cells.join('\n'));
      }
    }
    expect(exports.join('\n')).toMatch(/Deelnemer|;/); // the exports are not empty

    const connection = await connectDatabase(dbUri);
    const dumps: string[] = [];
    for (const { name } of await connection.db!.listCollections().toArray())
      dumps.push(JSON.stringify(await connection.db!.collection(name).find().toArray()));
    await connection.close();
    const stored = dumps.join('\n');
    expect(stored).toMatch(/"cipher":"v1:/);
    expect(stored).not.toMatch(/last4/);

    const logs = server.output();
    expect(logs).toMatch(/security event/); // debug logging really ran
    for (const bsn of BSNS) {
      expect(stored).not.toContain(bsn);
      expect(logs).not.toContain(bsn);
      for (const exported of exports) expect(exported).not.toContain(bsn);
    }
    console.log(
      `BSN search: ${BSNS.length} BSNs in ${dumps.length} collections (${stored.length} chars), ${logs.split('\n').length} log lines, ${exports.length} exports: none found`,
    );
  }, 90000);
});
