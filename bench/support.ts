import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
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
  /** The database process, when it runs on this machine (its CPU time is measured). */
  enginePid: number | null;
  stop: () => Promise<void>;
}> {
  if (process.env.MONGODB_URI) {
    process.env.TREDE_TEST_MONGODB_URI = process.env.MONGODB_URI;
    return {
      description: 'external MongoDB (MONGODB_URI)',
      enginePid: null,
      stop: async () => undefined,
    };
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
  const pidFile = path.join(dataDir, 'engine.pid');
  return {
    description: engine.description.split(' on ')[0]!,
    enginePid: fs.existsSync(pidFile) ? Number(fs.readFileSync(pidFile, 'utf8')) : null,
    stop: async () => {
      await engine.stop();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** CPU time (user + system, ms) a process has used so far; null where /proc is not there. */
export function processCpuMs(pid: number | null): number | null {
  if (pid === null) return null;
  try {
    const fields = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    const ticksPerSecond = 100; // USER_HZ, 100 on every Linux Node supports
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / ticksPerSecond;
  } catch {
    return null;
  }
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

export function percentile(values: number[], p: number): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

export async function timed<T>(action: () => Promise<T> | T): Promise<{ ms: number; value: T }> {
  const started = process.hrtime.bigint();
  const value = await action();
  return { ms: Number(process.hrtime.bigint() - started) / 1e6, value };
}

export const fmt = (value: number, digits = 1): string =>
  Number.isFinite(value) ? value.toFixed(digits) : '—';

/** A markdown table (header row, separator, rows). */
export function markdownTable(header: string[], rows: Array<Array<string | number>>): string {
  return [
    `| ${header.join(' | ')} |`,
    `| ${header.map(() => '---').join(' | ')} |`,
    ...rows.map((row) => `| ${row.join(' | ')} |`),
  ].join('\n');
}

export function appendResults(section: string): void {
  const file = path.join(__dirname, 'RESULTS.md');
  if (!fs.existsSync(file)) fs.writeFileSync(file, '# Benchmark results\n\n');
  fs.appendFileSync(file, `${section.trim()}\n\n`);
}

/**
 * The load generator's HTTP client: node:http over keep-alive sockets. It shares the two cores with
 * the server and the database, and Node's fetch spent ~1.3 ms of CPU per request in WHATWG streams
 * (profiled, decision 059), CPU a real API client spends on its own machine; this client spends
 * ~0.5 ms.
 */
const loadAgent = new http.Agent({ keepAlive: true, maxSockets: 256 });

export function postJson(
  url: string,
  headers: Record<string, string>,
  body: unknown,
): Promise<{ status: number; body: unknown }> {
  const payload = JSON.stringify(body);
  return new Promise((resolve, reject) => {
    const request = http.request(
      url,
      {
        method: 'POST',
        agent: loadAgent,
        headers: {
          ...headers,
          'Content-Type': 'application/json',
          'Content-Length': Buffer.byteLength(payload),
        },
      },
      (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('error', reject);
        response.on('end', () => {
          try {
            resolve({
              status: response.statusCode ?? 0,
              body: JSON.parse(Buffer.concat(chunks).toString('utf8')),
            });
          } catch (error) {
            reject(error);
          }
        });
      },
    );
    request.on('error', reject);
    request.end(payload);
  });
}
