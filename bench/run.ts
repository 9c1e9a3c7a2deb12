/**
 * `npm run bench` (issue 13): one generated organisation on the embedded engine (or MONGODB_URI),
 * measured at 10k cases and, grown on the same database, at 100k; every figure next to a baseline
 * measured in the same run, appended to bench/RESULTS.md as one section. Reports run at the
 * largest size, then the sweeper on the same data at the instant its first 10,000 deadlines are
 * due, then the client. `npm run bench -- --quick` is a small version (1k and 4k cases).
 * `export` streams --export-rows transitions (default 1,000,000) of synthetic report documents on a
 * database of its own through the CSV export, its server in a separate process (its peak RSS).
 * `peers` runs issue 13's peers (Camunda 7.24, Flowable 7.2; bench/peers, Java and Maven) on the
 * same machine after Trede's suites, next to Trede's in-process event figures of this run.
 * Options: --sizes 10000,100000 · --only engine,events,reads,reports,export,sweeper,peers,client
 * · --seed 1 · --sweep 10000 · --export-rows 1000000
 */
import os from 'node:os';
import { parseArgs } from 'node:util';
import { BENCH_NOW } from '../scripts/bench-data/seed-organisation';
import { openDataset } from './dataset';
import { runEngineSuite } from './suites/engine';
import { runEventApi, type LoadRow } from './suites/event-api';
import { runReads, type LatencyRow } from './suites/reads';
import { runExportMemory, type ExportMemoryResult } from './suites/export-memory';
import { runReports, type ReportRow } from './suites/reports';
import { runSweeper } from './suites/sweeper';
import { peersSection, peersUnavailable, runPeers, type PeerRow } from './suites/peers';
import { runClientSuite } from './client.bench';
import {
  appendResults,
  currentCommit,
  fmt,
  machineLine,
  markdownTable,
  startBenchDatabase,
} from './support';

const SUITES = [
  'engine',
  'events',
  'reads',
  'reports',
  'export',
  'sweeper',
  'peers',
  'client',
] as const;

function options() {
  const { values } = parseArgs({
    options: {
      quick: { type: 'boolean', default: false },
      sizes: { type: 'string' },
      only: { type: 'string' },
      seed: { type: 'string', default: '1' },
      sweep: { type: 'string' },
      'export-rows': { type: 'string' },
    },
  });
  const quick = values.quick;
  const sizes = (values.sizes ?? (quick ? '1000,4000' : '10000,100000'))
    .split(',')
    .map(Number)
    .sort((a, b) => a - b);
  const only = new Set(values.only ? values.only.split(',') : SUITES);
  for (const name of only)
    if (!(SUITES as readonly string[]).includes(name)) throw new Error(`unknown suite ${name}`);
  if (sizes.some((size) => !Number.isInteger(size) || size < 100))
    throw new Error('--sizes: integers ≥ 100, comma-separated');
  return {
    quick,
    sizes,
    only,
    seed: Number(values.seed),
    sweep: Number(values.sweep ?? (quick ? 500 : 10000)),
    exportRows: Number(values['export-rows'] ?? (quick ? 100_000 : 1_000_000)),
    samples: quick ? 40 : 100,
    levels: [
      { clients: 1, events: quick ? 100 : 600 },
      { clients: 8, events: quick ? 300 : 2000 },
      { clients: 32, events: quick ? 600 : 3200 },
    ],
    // Each level is measured twice in turn by the harness (1, 8, 1, 8); the warm-up goes first.
    peers: {
      levels: [
        { threads: 1, events: quick ? 300 : 1500 },
        { threads: 8, events: quick ? 600 : 3000 },
      ],
      warmUp: quick ? 2000 : 6000,
    },
  };
}

function commandLine(): string {
  const args = process.argv.slice(2);
  return `npm run bench${args.length ? ` -- ${args.join(' ')}` : ''}`;
}

async function main(): Promise<void> {
  const opts = options();
  const started = Date.now();
  const loadAtStart = os
    .loadavg()
    .map((load) => load.toFixed(1))
    .join(' / ');
  const database = await startBenchDatabase();
  const sections: string[] = [];
  const eventRows: Array<{
    size: number;
    api: LoadRow;
    uncached: LoadRow;
    floor: LoadRow;
    inProcess: LoadRow;
  }> = [];
  const readRows: Array<{ size: number; row: LatencyRow }> = [];
  const seedRows: string[][] = [];
  let reportRows: ReportRow[] = [];
  let reportSize = 0;
  let sweepRow: Awaited<ReturnType<typeof runSweeper>> | undefined;
  let exportMemory: ExportMemoryResult | undefined;
  try {
    if (opts.only.has('engine')) {
      const engine = runEngineSuite({ samples: opts.quick ? 500 : 3000 });
      console.log(engine.table);
      sections.push(`### ${engine.title}\n\n${engine.table}\n\n${engine.notes}`);
    }
    const needsData = ['events', 'reads', 'reports', 'sweeper'].some((name) => opts.only.has(name));
    const largest = opts.sizes.at(-1)!;
    const dataset = needsData ? await openDataset(largest, opts.seed) : undefined;
    try {
      for (const size of dataset ? opts.sizes : []) {
        console.log(`${size} cases:`);
        const s = await dataset!.growTo(size);
        seedRows.push([
          String(size),
          String(s.events),
          fmt(s.elapsedMs / 1000),
          fmt(s.generateMs / 1000),
          fmt(s.insertMs / 1000),
          fmt(
            (s.cases - (seedRows.length ? opts.sizes[seedRows.length - 1]! : 0)) /
              (s.elapsedMs / 1000),
            0,
          ),
          fmt(s.bytes / 1024),
          String(s.teams.length),
        ]);
        if (opts.only.has('events')) {
          const { api, uncached, floor, inProcess } = await runEventApi(dataset!, {
            levels: opts.levels,
            databasePid: database.enginePid,
          });
          api.forEach((row, index) =>
            eventRows.push({
              size,
              api: row,
              uncached: uncached[index]!,
              floor: floor[index]!,
              inProcess: inProcess[index]!,
            }),
          );
        }
        if (opts.only.has('reads')) {
          for (const row of await runReads(dataset!, { samples: opts.samples })) {
            readRows.push({ size, row });
            console.log(`  ${row.what}: p50 ${fmt(row.p50)} ms, p95 ${fmt(row.p95)} ms`);
          }
        }
      }
      if (dataset && opts.only.has('reports')) {
        reportRows = await runReports(dataset, BENCH_NOW);
        reportSize = dataset.size;
      }
      if (opts.only.has('export')) {
        console.log(`export: ${opts.exportRows} transitions through the CSV export`);
        exportMemory = await runExportMemory({ rows: opts.exportRows, perCase: 200 });
      }
      if (dataset && opts.only.has('sweeper')) {
        console.log(`sweeper: the first ${opts.sweep} deadlines of ${dataset.size} cases`);
        sweepRow = await runSweeper(dataset, opts.sweep);
      }
    } finally {
      await dataset?.close();
    }
    if (seedRows.length) {
      sections.push(
        `### Generator (\`npm run seed:bench\`)\n\n${markdownTable(
          [
            'cases',
            'engine events',
            'stage (s)',
            'generating (s)',
            'inserting (s)',
            'cases/s (stage)',
            'KiB per case (JSON)',
            'teams',
          ],
          seedRows,
        )}\n\nOne organisation planned for the largest size and grown in stages on one database: each row is the stage that brought it to that many cases. Generation (engine, this process) and insertion (the database, its own process) overlap: one batch of 500 in flight while the next is generated.`,
      );
    }
    if (eventRows.length) {
      const smallest = opts.sizes[0]!;
      const table = markdownTable(
        [
          'cases',
          'clients',
          'events/s',
          'p50 (ms)',
          'p95 (ms)',
          'p99 (ms)',
          'p99 ÷ p50',
          'floor events/s',
          'floor p50 (ms)',
          'API ÷ floor (events/s)',
          `events/s ÷ at ${smallest}`,
          'failed',
          'CPU per event, API: Node / database (ms)',
          'CPU per event, floor: Node / database (ms)',
          'not cached: events/s',
          'not cached: p50 / p99 (ms)',
          'not cached ÷ floor',
          'not cached: CPU per event (ms)',
        ],
        eventRows.map(({ size, api, uncached, floor }) => {
          const base = eventRows.find(
            (row) => row.size === smallest && row.api.clients === api.clients,
          )!;
          return [
            size,
            api.clients,
            fmt(api.perSecond, 0),
            fmt(api.p50),
            fmt(api.p95),
            fmt(api.p99),
            `${fmt(api.p99 / api.p50)}×`,
            fmt(floor.perSecond, 0),
            fmt(floor.p50),
            `${fmt((100 * api.perSecond) / floor.perSecond, 0)}%`,
            `${fmt(api.perSecond / base.api.perSecond, 2)}×`,
            api.failed + uncached.failed,
            cpuSplit(api),
            cpuSplit(floor),
            fmt(uncached.perSecond, 0),
            `${fmt(uncached.p50)} / ${fmt(uncached.p99)}`,
            `${fmt((100 * uncached.perSecond) / floor.perSecond, 0)}%`,
            cpuSplit(uncached),
          ];
        }),
      );
      sections.push(
        `### Event API\n\n${table}\n\nPOST /trajectories/:id/events (RECORD_CONTACT) over HTTP keep-alive (node:http, in the same process as the server), each client on its own cases, which the server has in its case cache (decision 065; "not cached": each forgotten before its event, so the server reads it first); floor: the raw driver's findOne by _id + one single-document update appending a history entry, same run. Each side (cached, not cached, floor, and in process below) has as many cases of its own, dealt in turn from one list, so their documents have the same sizes and grow alike; each level in four stretches per side, the sides taking turns (ABCD DCBA …). CPU per event: this process (server, driver and load generator) and the database process, from /proc over the same interval. Targets: ≥ 70% of the floor at 8 clients, p99 ≤ 4× p50, no growth.`,
      );
      const inProcessTable = markdownTable(
        [
          'cases',
          'callers',
          'events/s',
          'p50 (ms)',
          'p95 (ms)',
          'p99 (ms)',
          'failed',
          'CPU per event: Node / database (ms)',
          'HTTP API events/s (same run)',
        ],
        eventRows.map(({ size, api, inProcess }) => [
          size,
          inProcess.clients,
          fmt(inProcess.perSecond, 0),
          fmt(inProcess.p50),
          fmt(inProcess.p95),
          fmt(inProcess.p99),
          inProcess.failed,
          cpuSplit(inProcess),
          fmt(api.perSecond, 0),
        ]),
      );
      sections.push(
        `### Event in process (as the peers were measured)\n\n${inProcessTable}\n\nThe same RECORD_CONTACT through the route's validation (eventBodySchema) and the use case the route calls (applyTrajectoryEvent), in this process without HTTP, taking its turns in the stretches of the table above: the same conditional case write, audit copy and summary, on the same database with the same durability (SQLite in WAL mode, synchronous FULL: the case write's commit is fsynced; the audit copy and summary ask not to wait for the journal and are made durable by the next synced commit, decision 070). Issue 13's peers, Camunda 7.24 and Flowable 7.2, ran the same step in process: they are measured in this run too, below.`,
      );
    }
    if (readRows.length) {
      const smallest = opts.sizes[0]!;
      const table = markdownTable(
        [
          'cases',
          'read',
          'p50 (ms)',
          'p95 (ms)',
          'items',
          'raw driver p50 (ms)',
          'p50 ÷ raw',
          `p95 ÷ at ${smallest}`,
        ],
        readRows.map(({ size, row }) => {
          const base = readRows.find(
            (other) =>
              other.size === smallest && other.row.what.split(' (')[0] === row.what.split(' (')[0],
          );
          return [
            size,
            row.what,
            fmt(row.p50),
            fmt(row.p95),
            row.items,
            fmt(row.floorP50),
            `${fmt(row.p50 / row.floorP50)}×`,
            base ? `${fmt(row.p95 / base.row.p95, 2)}×` : '—',
          ];
        }),
      );
      sections.push(
        `### Case file, case list, signals\n\n${table}\n\nOne request at a time; the biggest team's teamleider, and a teamleider of every team for the whole organisation. Raw driver: the same documents (case by _id; the begeleider's first 50 sorted by clientNumber; for the dashboards, caseloads and forecast the open cases' documents in \`case_summaries\` of the team or organisation, decision 026). Targets: case file p95 ≤ 50 ms and team dashboard p95 ≤ 100 ms at 100k, ≤ 2× from 10k.`,
      );
    }
    if (reportRows.length) {
      const rawOf = (row: ReportRow) =>
        reportRows.find((other) => other.raw && other.group === row.group)!;
      const table = markdownTable(
        [
          'what',
          'rows or cases',
          'seconds',
          'per second',
          '÷ its raw cursor (per second)',
          'peak RSS growth (MB)',
        ],
        reportRows.map((row) => [
          row.what,
          `${row.rows} ${row.unit}`,
          fmt(row.ms / 1000),
          fmt(row.rowsPerSecond, 0),
          `${fmt((100 * row.rowsPerSecond) / rawOf(row).rowsPerSecond, 0)}%`,
          fmt(row.rssMb),
        ]),
      );
      sections.push(
        `### Reports at ${reportSize} cases\n\n${table}\n\nThree years of transitions and indicators (the monthly trend: its longest period, 24 months) as the beleid user over HTTP, the exports streamed to a counting consumer; each against a raw lean cursor over the collection the report reads (the CSV export and its cursor twice each, in the order ABBA: the mean) (transitions: the ladders, unwound in JS; indicators: every document of the organisation). RSS is this whole process (server and client). Target: CSV ≥ 70% of the raw cursor's rows/s.`,
      );
    }
    if (exportMemory) {
      const result = exportMemory;
      const raw = result.rows.find((row) => row.raw)!;
      const table = markdownTable(
        [
          'what',
          'rows',
          'seconds',
          'rows/s',
          '÷ raw cursor (rows/s)',
          'server RSS before (MB)',
          'server peak RSS growth (MB)',
        ],
        result.rows.map((row) => [
          row.what,
          row.rows,
          fmt(row.ms / 1000),
          fmt(row.rows / (row.ms / 1000), 0),
          `${fmt((100 * (row.rows / row.ms)) / (raw.rows / raw.ms), 0)}%`,
          fmt(row.baseRssMb, 0),
          fmt(row.rssMb),
        ]),
      );
      sections.push(
        `### Transitions export of ${result.rows[0]?.rows ?? '—'} rows

${table}

Synthetic \`case_reports\` documents (${result.documents} cases of ${result.perCase} ladder entries, stored through the report repository in ${fmt(result.seedMs / 1000)} s) on a database of their own; the CSV export over HTTP into a counting client. The server runs in a process of its own (bench/export-server.ts): RSS is the server's, sampled every 20 ms, above its RSS just before (after a GC). Raw: a lean find of the same documents, unwound in JS, in the server process. Target: RSS growth ≤ 100 MB for 1M rows.`,
      );
    }
    if (sweepRow) {
      const sweep = sweepRow;
      sections.push(
        `### Sweeper at ${reportSize || opts.sizes.at(-1)} cases\n\n${markdownTable(
          [
            'due trajectories',
            'applied',
            'skipped',
            'failed',
            'seconds',
            'per trajectory (ms)',
            'raw read + update, 4 parallel (s)',
            'sweep ÷ raw',
          ],
          [
            [
              sweep.due,
              sweep.applied,
              sweep.skipped,
              sweep.failed,
              fmt(sweep.sweepMs / 1000),
              fmt(sweep.sweepMs / Math.max(1, sweep.applied), 2),
              fmt(sweep.floorMs / 1000),
              `${fmt(sweep.sweepMs / sweep.floorMs)}×`,
            ],
          ],
        )}\n\nOne process, runSweep as the background loop calls it, at ${sweep.at.toISOString()}: the instant by which the first ${opts.sweep} deadlines of the generated organisation have passed (all due ids from the case summaries in one query per round, 4 cases in parallel). Raw: the driver reading and updating the same cases by \`_id\`, 4 at a time.`,
      );
    }
    if (opts.only.has('peers')) {
      const peersSkipped = peersUnavailable();
      let peerRows: PeerRow[] = [];
      if (peersSkipped) console.log(`peers: not measured, ${peersSkipped}`);
      else {
        console.log('peers: Camunda 7.24 and Flowable 7.2 on H2 (bench/peers)');
        peerRows = await runPeers(opts.peers);
      }
      sections.push(peersSection(peerRows, peersSkipped, eventRows));
    }
    if (opts.only.has('client')) {
      console.log('client: build, route sizes, first renders');
      const client = await runClientSuite();
      sections.push(`### ${client.title}\n\n${client.table}\n\n${client.notes}`);
    }
  } catch (error) {
    // Keep what was measured: a failure late in a long run must not lose the earlier sections.
    sections.push(
      `**Run stopped early:** ${error instanceof Error ? error.message : String(error)}`,
    );
    process.exitCode = 1;
  } finally {
    await database.stop();
  }
  const header = `## Municipal scale — ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC, commit ${currentCommit()}\n\nCommand: \`${commandLine()}\` · machine: ${machineLine()} · database: ${database.description} · generator seed ${opts.seed} · whole run ${fmt((Date.now() - started) / 60000)} min · load average at start ${loadAtStart} (other processes share the cores; ratios are taken within the run).`;
  const report = [header, ...sections].join('\n\n');
  appendResults(report);
  console.log(`\n${report}`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});

/** "Node / database" CPU milliseconds per event of one load row. */
function cpuSplit(row: LoadRow): string {
  const ms = (value: number | null) => (value === null ? '—' : fmt(value, 2));
  return `${ms(row.nodeCpuMs)} / ${ms(row.databaseCpuMs)}`;
}
