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
