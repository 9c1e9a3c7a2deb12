/**
 * `npm run bench` (issue 13): a generated organisation of 10k cases on the embedded engine (or
 * MONGODB_URI), every figure next to a baseline measured in the same run, appended to
 * bench/RESULTS.md as one section. `npm run bench -- --quick` runs a small version (2k cases);
 * `--sizes 10000,100000` adds 100k (on FerretDB far beyond 30 minutes: docs/performance.md).
 * Options: --sizes 10000,100000 · --only engine,events,reads,sweeper,reports · --seed 1 · --sweep 10000
 */
import os from 'node:os';
import { parseArgs } from 'node:util';
import { BENCH_NOW } from '../scripts/bench-data/seed-organisation';
import { openDataset } from './dataset';
import { runEngineSuite } from './suites/engine';
import { runEventApi, type LoadRow } from './suites/event-api';
import { runReads, type LatencyRow } from './suites/reads';
import { runReports, type ReportRow } from './suites/reports';
import { runSweeper } from './suites/sweeper';
import {
  appendResults,
  currentCommit,
  fmt,
  machineLine,
  markdownTable,
  startBenchDatabase,
} from './support';

const SUITES = ['engine', 'events', 'reads', 'sweeper', 'reports'] as const;

function options() {
  const { values } = parseArgs({
    options: {
      quick: { type: 'boolean', default: false },
      sizes: { type: 'string' },
      only: { type: 'string' },
      seed: { type: 'string', default: '1' },
      sweep: { type: 'string' },
    },
  });
  const quick = values.quick;
  const sizes = (values.sizes ?? (quick ? '2000' : '10000')).split(',').map(Number);
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
    sweep: Number(values.sweep ?? (quick ? 1000 : 10000)),
    samples: quick ? 40 : 100,
    levels: [
      { clients: 1, events: quick ? 150 : 400 },
      { clients: 8, events: quick ? 400 : 1200 },
      { clients: 32, events: quick ? 800 : 2400 },
    ],
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
  const eventRows: Array<{ size: number; api: LoadRow; floor: LoadRow }> = [];
  const readRows: Array<{ size: number; row: LatencyRow }> = [];
  const seedRows: string[][] = [];
  let reportRows: ReportRow[] = [];
  let reportSize = 0;
  try {
    if (opts.only.has('engine')) {
      const engine = runEngineSuite({ samples: opts.quick ? 500 : 3000 });
      console.log(engine.table);
      sections.push(`### ${engine.title}\n\n${engine.table}\n\n${engine.notes}`);
    }
    const needsData = ['events', 'reads', 'reports'].some((name) => opts.only.has(name));
    for (const size of needsData ? opts.sizes : []) {
      console.log(`${size} cases:`);
      const dataset = await openDataset(size, opts.seed);
      const s = dataset.seeded;
      seedRows.push([
        String(size),
        String(s.events),
        fmt(s.elapsedMs / 1000),
        fmt(s.generateMs / 1000),
        fmt(s.insertMs / 1000),
        fmt(s.cases / (s.elapsedMs / 1000), 0),
        fmt(s.bytes / 1024),
        String(s.teams.length),
      ]);
      try {
        if (opts.only.has('events')) {
          const { api, floor } = await runEventApi(dataset, { levels: opts.levels });
          api.forEach((row, index) => eventRows.push({ size, api: row, floor: floor[index]! }));
        }
        if (opts.only.has('reads')) {
          for (const row of await runReads(dataset, { samples: opts.samples })) {
            readRows.push({ size, row });
            console.log(`  ${row.what}: p50 ${fmt(row.p50)} ms, p95 ${fmt(row.p95)} ms`);
          }
        }
        if (opts.only.has('reports') && size === Math.max(...opts.sizes)) {
          reportRows = await runReports(dataset, BENCH_NOW);
          reportSize = size;
        }
      } finally {
        await dataset.close();
      }
    }
    if (seedRows.length) {
      sections.push(
        `### Generator (\`npm run seed:bench\`)\n\n${markdownTable(
          [
            'cases',
            'engine events',
            'total (s)',
            'generating (s)',
            'inserting (s)',
            'cases/s',
            'KiB per case (JSON)',
            'teams',
          ],
          seedRows,
        )}\n\nGeneration (engine, this process) and insertion (FerretDB, its own process) overlap: one batch of 500 in flight while the next is generated.`,
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
        ],
        eventRows.map(({ size, api, floor }) => {
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
            api.failed,
          ];
        }),
      );
      sections.push(
        `### Event API\n\n${table}\n\nPOST /trajectories/:id/events (RECORD_CONTACT) over HTTP keep-alive, each client on its own cases; floor: the raw driver's findOne by _id + one single-document update appending a history entry, same cases, same run. Targets: ≥ 70% of the floor at 8 clients, p99 ≤ 4× p50, no growth.`,
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
        `### Reports at ${reportSize} cases\n\n${table}\n\nThree years of transitions and indicators (the monthly trend: its longest period, 24 months) as the beleid user over HTTP, the exports streamed to a counting consumer; each against a raw lean cursor over the collection the report reads (transitions: the ladders, unwound in JS; indicators: every document of the organisation). RSS is this whole process (server and client). Target: CSV ≥ 70% of the raw cursor's rows/s.`,
      );
    }
    if (opts.only.has('sweeper')) {
      console.log(`sweeper: ${opts.sweep} due trajectories`);
      const dataset = await openDataset(opts.sweep, opts.seed, 'due');
      try {
        const sweep = await runSweeper(dataset, BENCH_NOW);
        sections.push(
          `### Sweeper\n\n${markdownTable(
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
                fmt(sweep.sweepMs / sweep.applied, 2),
                fmt(sweep.floorMs / 1000),
                `${fmt(sweep.sweepMs / sweep.floorMs)}×`,
              ],
            ],
          )}\n\nOne process, runSweep as the background loop calls it (all due ids from the case summaries in one query per round, 4 cases in parallel).`,
        );
      } finally {
        await dataset.close();
      }
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
