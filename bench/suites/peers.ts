import { execFileSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fmt, markdownTable } from '../support';
import type { LoadRow } from './event-api';

/**
 * Issue 13's peers, measured in the same run as Trede: Camunda 7.24 and Flowable 7.2 complete the
 * contact task of an Ontwikkeltraject step (a contact loop inside a six-month timer scope, history
 * level full, an H2 file database, in-process calls), with 1 and 8 caller threads. Three variants
 * per engine: H2 writing every commit at once (the issue's "equal durability") with the contact's
 * data as task variables (what Trede's event records) and without any (the least an event can
 * write), and H2's default write delay with the data (to set beside the issue's own figures).
 * The Java harness is bench/peers (Maven, Java 17).
 */
export interface PeerRow {
  engine: string;
  durability: Durability;
  variables: Variables;
  threads: number;
  events: number;
  perSecond: number;
  p50: number;
  p95: number;
  p99: number;
  failed: number;
}

export type Durability = 'at-once' | 'delayed';
export type Variables = 'contact' | 'none';

const PEERS_DIR = path.resolve(__dirname, '..', 'peers');
const ENGINES = [
  { module: 'camunda', mainClass: 'trede.peers.camunda.CamundaPeer' },
  { module: 'flowable', mainClass: 'trede.peers.flowable.FlowablePeer' },
];
const VARIANTS: Array<{ durability: Durability; variables: Variables }> = [
  { durability: 'at-once', variables: 'contact' },
  { durability: 'at-once', variables: 'none' },
  { durability: 'delayed', variables: 'contact' },
];

/** Why the peers cannot run on this machine, or null when Java 17+ and Maven are there. */
export function peersUnavailable(): string | null {
  for (const [command, args] of [
    ['java', ['-version']],
    ['mvn', ['-v']],
  ] as const) {
    try {
      execFileSync(command, args, { stdio: 'ignore' });
    } catch {
      return `\`${command}\` is not on PATH (the peers need Java 17 and Maven)`;
    }
  }
  return null;
}

/** Builds the harness (Maven resolves the engines from Maven Central the first time). */
function build(): void {
  execFileSync(
    'mvn',
    [
      '-q',
      '-B',
      '-f',
      path.join(PEERS_DIR, 'pom.xml'),
      'package',
      'dependency:build-classpath',
      '-Dmdep.outputFile=classpath.txt',
    ],
    { stdio: ['ignore', 'inherit', 'inherit'] },
  );
}

function runEngine(
  engine: (typeof ENGINES)[number],
  { durability, variables }: (typeof VARIANTS)[number],
  options: { levels: Array<{ threads: number; events: number }>; warmUp: number },
): Promise<PeerRow[]> {
  const moduleDir = path.join(PEERS_DIR, engine.module);
  const classPath = [
    path.join(moduleDir, 'target', `${engine.module}-1.jar`),
    fs.readFileSync(path.join(moduleDir, 'classpath.txt'), 'utf8').trim(),
  ].join(path.delimiter);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `trede-peer-${engine.module}-`));
  const args = [
    '-cp',
    classPath,
    engine.mainClass,
    '--dir',
    dir,
    '--durability',
    durability,
    '--variables',
    variables,
    '--levels',
    options.levels.map((level) => `${level.threads}:${level.events}`).join(','),
    '--warm-up',
    String(options.warmUp),
  ];
  return new Promise((resolve, reject) => {
    const child = spawn('java', args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => {
      fs.rmSync(dir, { recursive: true, force: true });
      if (code !== 0)
        return reject(
          new Error(`${engine.module} (${durability}, ${variables}) exited ${code}: ${err.trim()}`),
        );
      resolve(
        out
          .split('\n')
          .filter((line) => line.startsWith('{'))
          .map((line) => JSON.parse(line) as PeerRow),
      );
    });
  });
}

export async function runPeers(options: {
  levels: Array<{ threads: number; events: number }>;
  warmUp: number;
}): Promise<PeerRow[]> {
  build();
  const rows: PeerRow[] = [];
  for (const variant of VARIANTS)
    for (const engine of ENGINES) {
      const measured = await runEngine(engine, variant, options);
      for (const row of measured)
        console.log(
          `  ${row.engine} (${row.durability}, variables: ${row.variables}) × ${row.threads}: ${row.perSecond.toFixed(0)}/s p50 ${row.p50.toFixed(2)} ms`,
        );
      rows.push(...measured);
    }
  return rows;
}

/**
 * The peers next to Trede's in-process event of this run (table "Event in process"), per caller
 * count: like for like (H2 writing each commit at once, the contact's data recorded), then every
 * variant of each engine beside issue 13's own figures.
 */
export function peersSection(
  peers: PeerRow[],
  skipped: string | null,
  eventRows: Array<{ size: number; inProcess: LoadRow }>,
): string {
  const title = '### Peers in the same run (issue 13)';
  if (skipped) return `${title}\n\nNot measured: ${skipped}.`;
  const figures = (row: { perSecond: number; p50: number; p99: number } | undefined) =>
    row ? `${fmt(row.perSecond, 0)} · ${fmt(row.p50)} · ${fmt(row.p99)}` : '—';
  const likeForLike = (engine: string, threads: number) =>
    peers.find(
      (row) =>
        row.engine.startsWith(engine) &&
        row.durability === 'at-once' &&
        row.variables === 'contact' &&
        row.threads === threads,
    );
  const threadCounts = [...new Set(peers.map((row) => row.threads))];
  const rows = threadCounts.flatMap((threads) => {
    const camunda = likeForLike('Camunda', threads);
    const flowable = likeForLike('Flowable', threads);
    const both = [camunda, flowable].filter((row): row is PeerRow => row !== undefined);
    const mostPerSecond = Math.max(...both.map((row) => row.perSecond));
    const lowestP50 = Math.min(...both.map((row) => row.p50));
    const trede = eventRows.filter((row) => row.inProcess.clients === threads);
    return (trede.length ? trede : [undefined]).map((row) => [
      row ? row.size : '—',
      threads,
      figures(row?.inProcess),
      figures(camunda),
      figures(flowable),
      row && both.length ? `${fmt(row.inProcess.perSecond / mostPerSecond, 2)}×` : '—',
      row && both.length ? `${fmt(row.inProcess.p50 / lowestP50, 2)}×` : '—',
    ]);
  });
  const table = markdownTable(
    [
      'Trede cases',
      'callers (threads)',
      'Trede in process: events/s · p50 · p99 (ms)',
      'Camunda 7.24: events/s · p50 · p99',
      'Flowable 7.2: events/s · p50 · p99',
      'Trede events/s ÷ the faster peer',
      "Trede p50 ÷ the quicker peer's",
    ],
    rows,
  );
  const issueFigures: Record<string, Record<number, string>> = {
    'at-once': { 1: '163–284 · 4.7–5.3 (both)', 8: 'not given' },
    'delayed Camunda': { 1: '460 · 1.4', 8: '722' },
    'delayed Flowable': { 1: '581 · 2.3', 8: '611' },
  };
  const variants = markdownTable(
    [
      'engine',
      'H2 commits',
      'task variables',
      'threads',
      'events/s · p50 · p99 (ms)',
      "issue 13's figure: events/s · p50",
    ],
    peers.map((row) => [
      row.engine,
      row.durability === 'at-once' ? 'each at once (WRITE_DELAY=0)' : 'within 500 ms (default)',
      row.variables === 'contact' ? "the contact's note, minutes, date" : 'none',
      row.threads,
      figures(row),
      (row.durability === 'at-once'
        ? issueFigures['at-once']
        : issueFigures[`delayed ${row.engine.split(' ')[0]}`])?.[row.threads] ?? '—',
    ]),
  );
  const counts = [...new Set(peers.map((row) => `${row.events} events at ${row.threads}`))];
  return `${title}

${table}

${variants}

The peers on this machine right after Trede's suites, one JVM per engine and variant (bench/peers: Java 17, Maven), on 256 process instances of a BPMN step with a contact loop inside a six-month timer scope (history level full, job executors off), each caller thread on instances of its own; every event finds the step's open contact task and completes it; after a warm-up on the same instances the levels are measured in turn twice (${counts.join(', ')} in all per engine and variant). The first table is like for like: H2 writing each commit at once (WRITE_DELAY=0, the issue's "equal durability") and the contact's note, minutes and date recorded as task variables, as Trede's event records them. H2 writes each commit to its file but does not fsync it (strace of a run: 6 fsync calls in ~3,800 commits; docs/performance.md), while Trede's embedded engine fsyncs the commit of every case write (SQLite WAL, synchronous FULL; decision 070): the comparison favours the peers. Trede: the in-process side of the event table above (the route's validation and applyTrajectoryEvent: the case write, its audit copy and summary) at each size of this run.`;
}
