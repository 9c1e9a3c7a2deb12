/**
 * Schema fuzzing (guarantee 13): starts Trede on a fresh embedded database with a small data set,
 * then runs schemathesis (PyPI, pinned; installed by .ci/run) against /api/v1/openapi.json, once
 * as a begeleider and once as a beheerder, a bounded number of requests each. Fails on any 5xx and
 * on any response that does not conform to the document (status, content type, body schema).
 *
 *   SCHEMATHESIS=path/to/schemathesis npx tsx scripts/schema-fuzz.ts
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { findFreePort } from '../server/db/embedded/ports';
import { requestJson, startServerProcess } from '../tests/support/server-process';

const schemathesis = process.env.SCHEMATHESIS ?? 'schemathesis';
const MAX_EXAMPLES = process.env.TREDE_FUZZ_EXAMPLES ?? '25';
const ADMIN = { username: 'fuzz-beheerder', password: 'een-lang-wachtwoord' };

async function api(base: string, method: string, url: string, token?: string, body?: unknown) {
  const response = await requestJson(base, method, url, token, body);
  if (response.status >= 400)
    throw new Error(`${method} ${url}: ${response.status} ${JSON.stringify(response.body)}`);
  return response.body;
}

// schemathesis prints a pytest-style report; it is kept out of the CI log unless a run fails, so
// the log's test summary is Jest's alone (a CI reader took schemathesis's banner for the test run).
function run(args: string[], cwd: string): Promise<{ code: number; output: string }> {
  return new Promise((resolve) => {
    // cwd: schemathesis writes a .schemathesis/ cache into its working folder, not into the repo.
    const child = spawn(schemathesis, args, { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    const collect = (chunk: Buffer) => {
      output += chunk.toString();
      if (process.env.TREDE_FUZZ_VERBOSE === 'true') process.stdout.write(chunk);
    };
    child.stdout.on('data', collect);
    child.stderr.on('data', collect);
    child.once('exit', (code) => resolve({ code: code ?? 1, output }));
  });
}

async function main(): Promise<void> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'trede-fuzz-'));
  const port = await findFreePort();
  const base = `http://127.0.0.1:${port}/api/v1`;
  const server = await startServerProcess({
    PORT: String(port),
    TREDE_DB_PORT: String(await findFreePort()),
    TREDE_DATA_DIR: dataDir,
    TREDE_DEMO: 'false',
    TREDE_SWEEP_INTERVAL_SECONDS: '0',
    TREDE_ADMIN_USERNAME: ADMIN.username,
    TREDE_ADMIN_PASSWORD: ADMIN.password,
    LOG_LEVEL: 'error',
  });
  let failed = false;
  let generated = 0;
  try {
    const admin = (await api(base, 'POST', '/auth/login', undefined, ADMIN)).token as string;
    const team = await api(base, 'POST', '/teams', admin, { name: 'Fuzz' });
    await api(base, 'POST', '/users', admin, {
      username: 'fuzz-begeleider',
      displayName: 'Fuzz',
      role: 'begeleider',
      teamIds: [team.id],
      password: 'wachtwoord-voor-test',
    });
    const begeleider = (
      await api(base, 'POST', '/auth/login', undefined, {
        username: 'fuzz-begeleider',
        password: 'wachtwoord-voor-test',
      })
    ).token as string;
    const me = await api(base, 'GET', '/me', begeleider);
    for (let index = 0; index < 3; index += 1) {
      const created = await api(base, 'POST', '/cases', begeleider, {
        clientNumber: `FZ-${index}`,
        displayName: `Fuzz ${index}`,
        teamId: team.id,
        begeleiderId: me.id,
        trede: 2,
        assessedAt: '2026-01-05',
      });
      await api(base, 'POST', `/cases/${created.id}/trajectories`, begeleider, {
        product: 'ONT',
        targetTrede: 3,
        registeredAt: '2026-01-06',
      });
    }
    const checks =
      'not_a_server_error,status_code_conformance,content_type_conformance,response_schema_conformance';
    for (const [role, token] of [
      ['begeleider', begeleider],
      ['beheerder', admin],
    ] as const) {
      const result = await run(
        [
          '--no-color',
          'run',
          `${base}/openapi.json`,
          '--url',
          base,
          '--header',
          `Authorization: Bearer ${token}`,
          '--checks',
          checks,
          '--max-examples',
          MAX_EXAMPLES,
          '--phases',
          'examples,coverage,fuzzing',
          '--workers',
          '1',
          // A fixed seed keeps CI reproducible (a failure is the same on a rerun);
          // TREDE_FUZZ_SEED explores other inputs.
          '--seed',
          process.env.TREDE_FUZZ_SEED ?? '20261201',
          '--exclude-path',
          '/auth/logout', // would end the session the rest of the run uses
        ],
        dataDir,
      );
      const roleGenerated = Number(/(\d+) generated/.exec(result.output)?.[1] ?? 0);
      generated += roleGenerated;
      console.log(
        `schemathesis as ${role}: ${roleGenerated} generated requests, exit ${result.code}`,
      );
      // A run that generated nothing tested nothing: that is a failure, not a pass.
      if (result.code !== 0 || roleGenerated === 0) {
        failed = true;
        process.stdout.write(result.output);
      }
    }
  } finally {
    await server.interrupt();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
  console.log(`schema fuzzing: ${generated} generated requests, ${failed ? 'FAILED' : 'passed'}`);
  process.exit(failed ? 1 : 0);
}

void main();
