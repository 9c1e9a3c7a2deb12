import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startEmbeddedDatabase } from '../server/db/embedded';
import { findFreePort } from '../server/db/embedded/ports';

/**
 * The database a benchmark runs on: MONGODB_URI when set, else an embedded engine in a temporary
 * folder. Sets TREDE_TEST_MONGODB_URI so tests/support's startTestServer() uses it.
 */
export async function startBenchDatabase(): Promise<{
  description: string;
  stop: () => Promise<void>;
}> {
  if (process.env.MONGODB_URI) {
    process.env.TREDE_TEST_MONGODB_URI = process.env.MONGODB_URI;
    return { description: 'external MongoDB (MONGODB_URI)', stop: async () => undefined };
  }
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'trede-bench-'));
  const engine = await startEmbeddedDatabase({
    dataDir,
    port: await findFreePort(),
    toolsDir: path.resolve(process.env.TREDE_TOOLS_DIR ?? '.tools'),
    dbName: 'bench',
    log: console.log,
  });
  process.env.TREDE_TEST_MONGODB_URI = engine.uri;
  return {
    description: engine.description.split(' on ')[0]!,
    stop: async () => {
      await engine.stop();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** The commit being measured, for bench/RESULTS.md. */
export function currentCommit(): string {
  try {
    return execFileSync('git', ['rev-parse', '--short', 'HEAD'], { encoding: 'utf8' }).trim();
  } catch {
    return 'unknown';
  }
}

export function machineLine(): string {
  return `${os.cpus()[0]?.model ?? 'unknown CPU'}, ${os.cpus().length} cores, ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${process.version}`;
}
