import { fork } from 'node:child_process';
import path from 'node:path';

/** The period the synthetic ladders span; the export asks for all of it. */
export const EXPORT_FROM = new Date('2024-01-01T00:00:00.000Z');
export const EXPORT_TO = new Date('2027-01-01T00:00:00.000Z');

/** Messages between this suite and its server process (bench/export-server.ts). */
export type ToServer = { type: 'measure' } | { type: 'peak' } | { type: 'raw' } | { type: 'close' };
export type FromServer =
  | {
      type: 'ready';
      baseUrl: string;
      token: string;
      rows: number;
      documents: number;
      seedMs: number;
    }
  | { type: 'peak'; rssMb: number; baseRssMb: number; maxRssMb: number }
  | { type: 'raw'; rows: number; ms: number; rssMb: number };

export interface ExportMemoryRow {
  what: string;
  raw: boolean;
  rows: number;
  ms: number;
  /** Peak RSS of the server process above its RSS just before (after a GC). */
  rssMb: number;
  /** The server process's RSS just before. */
  baseRssMb: number;
}

export interface ExportMemoryResult {
  documents: number;
  perCase: number;
  seedMs: number;
  rows: ExportMemoryRow[];
}

/**
 * The transitions export of `rows` transitions (SPEC §4 target: RSS growth ≤ 100 MB for 1M rows),
 * CSV over real HTTP into a counting client, with the server in a process of its own so that its
 * RSS is the server's alone. Baseline in the same process and run: a raw lean cursor over the same
 * documents, unwound in JS (the reports suite's raw cursor).
 */
export async function runExportMemory(options: {
  rows: number;
  perCase: number;
  /** XLSX too (the bench leaves it out: ~1.5 min more at 1M rows). */
  formats?: ReadonlyArray<'csv' | 'xlsx'>;
}): Promise<ExportMemoryResult> {
  const child = fork(path.join(__dirname, '../export-server.ts'), [], {
    execArgv: ['--expose-gc', '--import', 'tsx'],
    env: {
      ...process.env,
      EXPORT_ROWS: String(options.rows),
      EXPORT_PER_CASE: String(options.perCase),
      LOG_LEVEL: 'warn',
    },
  });
  const exited = new Promise<never>((_, reject) =>
    child.once('exit', (code) => reject(new Error(`export server exited with ${code}`))),
  );
  const next = <T extends FromServer['type']>(type: T) =>
    Promise.race([
      new Promise<Extract<FromServer, { type: T }>>((resolve) => {
        const listener = (message: FromServer) => {
          if (message.type !== type) return;
          child.off('message', listener);
          resolve(message as Extract<FromServer, { type: T }>);
        };
        child.on('message', listener);
      }),
      exited,
    ]);
  const ask = <T extends FromServer['type']>(message: ToServer, type: T) => {
    const answer = next(type);
    child.send(message);
    return answer;
  };
  try {
    const ready = await next('ready');
    console.log(
      `  export: ${ready.rows} transitions in ${ready.documents} documents stored in ${(ready.seedMs / 1000).toFixed(1)} s`,
    );
    const rows: ExportMemoryRow[] = [];
    const day = (date: Date) => date.toISOString().slice(0, 10);
    const lastDay = day(new Date(EXPORT_TO.getTime() - 1));
    for (const format of options.formats ?? ['csv']) {
      const before = await ask({ type: 'measure' }, 'peak');
      const started = Date.now();
      const response = await fetch(
        `${ready.baseUrl}/reports/transitions?from=${day(EXPORT_FROM)}&to=${lastDay}&format=${format}`,
        { headers: { Authorization: `Bearer ${ready.token}` } },
      );
      if (response.status !== 200) throw new Error(`transitions ${format}: ${response.status}`);
      let lines = 0;
      for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>)
        for (let index = chunk.indexOf(10); index !== -1; index = chunk.indexOf(10, index + 1))
          lines += 1;
      const ms = Date.now() - started;
      const peak = await ask({ type: 'peak' }, 'peak');
      rows.push({
        what: `transitions ${format.toUpperCase()} over HTTP`,
        raw: false,
        rows: format === 'csv' ? lines - 1 : ready.rows,
        ms,
        rssMb: peak.rssMb,
        baseRssMb: before.baseRssMb,
      });
      console.log(`  export ${format}: ${ms} ms, server RSS +${peak.rssMb.toFixed(1)} MB`);
    }
    const before = await ask({ type: 'measure' }, 'peak');
    const raw = await ask({ type: 'raw' }, 'raw');
    rows.push({
      what: 'raw driver: lean find of the ladders, unwound in JS (in the server process)',
      raw: true,
      rows: raw.rows,
      ms: raw.ms,
      rssMb: raw.rssMb,
      baseRssMb: before.baseRssMb,
    });
    console.log(`  export raw cursor: ${raw.ms} ms, server RSS +${raw.rssMb.toFixed(1)} MB`);
    child.send({ type: 'close' } satisfies ToServer);
    await exited.catch(() => undefined);
    return { documents: ready.documents, perCase: options.perCase, seedMs: ready.seedMs, rows };
  } finally {
    if (child.exitCode === null) child.kill();
  }
}
