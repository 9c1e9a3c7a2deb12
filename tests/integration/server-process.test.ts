import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { findFreePort } from '../../server/db/embedded/ports';
import { testDatabaseUri, uniqueDatabaseName } from '../support/database';
import { startServerProcess } from '../support/server-process';

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

const admin = { TREDE_ADMIN_USERNAME: 'beheerder', TREDE_ADMIN_PASSWORD: 'een-lang-wachtwoord' };

async function login(port: number): Promise<number> {
  const response = await fetch(`http://127.0.0.1:${port}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      username: admin.TREDE_ADMIN_USERNAME,
      password: admin.TREDE_ADMIN_PASSWORD,
    }),
  });
  return response.status;
}

// The process under test starts its own embedded engine; with MONGODB_URI set for the test run
// there is none to test.
const describeEmbedded = process.env.MONGODB_URI ? describe.skip : describe;

describeEmbedded('the server process on the embedded database', () => {
  let dataDir: string;
  beforeAll(() => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'trede-process-'));
  });
  afterAll(() => fs.rmSync(dataDir, { recursive: true, force: true }));

  it('starts the engine, reports it healthy, stops both on Ctrl-C and finds its data again', async () => {
    const env = {
      PORT: String(await findFreePort()),
      TREDE_DB_PORT: String(await findFreePort()),
      TREDE_DATA_DIR: dataDir,
      TREDE_DEMO: 'false',
      TREDE_TOOLS_DIR: process.env.TREDE_TOOLS_DIR ?? path.resolve(__dirname, '../../.tools'),
      ...admin,
    };
    const first = await startServerProcess(env);
    expect(first.output()).toMatch(/Embedded database: .* data in /);
    expect(first.output()).toMatch(/Created administrator beheerder/);
    const health = await (await fetch(`http://127.0.0.1:${env.PORT}/api/v1/health`)).json();
    expect(health).toMatchObject({ status: 'ok', database: { status: 'up' } });
    expect(await login(Number(env.PORT))).toBe(200);
    const enginePid = Number(fs.readFileSync(path.join(dataDir, 'engine.pid'), 'utf8'));
    expect(isAlive(enginePid)).toBe(true);

    expect(await first.interrupt()).toBe(0);
    expect(first.output()).toMatch(/Stopped cleanly/);
    expect(isAlive(enginePid)).toBe(false);

    const second = await startServerProcess(env);
    try {
      // The administrator written before the restart is still there: not created again, and can log in.
      expect(second.output()).not.toMatch(/Created administrator/);
      expect(await login(Number(env.PORT))).toBe(200);
    } finally {
      expect(await second.interrupt()).toBe(0);
    }
  });

  it('with MONGODB_URI uses that database and starts no engine', async () => {
    const externalDir = fs.mkdtempSync(path.join(os.tmpdir(), 'trede-external-'));
    const port = await findFreePort();
    const server = await startServerProcess({
      PORT: String(port),
      MONGODB_URI: testDatabaseUri(uniqueDatabaseName('external')),
      TREDE_SECRET: 'an-external-secret-of-at-least-32-characters',
      TREDE_DATA_DIR: externalDir,
      ...admin,
    });
    try {
      expect(server.output()).not.toMatch(/Embedded database/);
      const health = (await (await fetch(`http://127.0.0.1:${port}/api/v1/health`)).json()) as {
        database: unknown;
      };
      expect(health.database).toEqual({ status: 'up', engine: 'external' });
      expect(fs.readdirSync(externalDir)).toEqual([]);
    } finally {
      await server.interrupt();
      fs.rmSync(externalDir, { recursive: true, force: true });
    }
  });

  it('fails with one readable sentence when the configuration is invalid', async () => {
    await expect(
      startServerProcess({ PORT: 'eighty', TREDE_DATA_DIR: dataDir }, 20000),
    ).rejects.toThrow(/Invalid configuration:\n {2}- PORT/);
  });
});
