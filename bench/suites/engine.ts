import { applyEvent, resolveSettings } from '../../machines';
import { generateCase, seededRandom } from '../../scripts/bench-data/generate-case';
import { BENCH_NOW } from '../../scripts/bench-data/seed-organisation';
import type { TrajectoryRecord } from '../../server/case-store/case.types';
import { advanceTrajectory, toPersisted } from '../../server/case-store/trajectory-record';
import { fmt, markdownTable, percentile } from '../support';
import type { SuiteResult } from './types';

/**
 * What the engine suite replays (and bench/engine-profile.ts, step by step): 200 active
 * trajectories of generated cases and one RECORD_CONTACT at BENCH_NOW by their begeleider.
 */
export function engineSamples() {
  const random = seededRandom(42);
  const settings = resolveSettings({});
  const open: TrajectoryRecord[] = [];
  while (open.length < 200) {
    const { record } = generateCase({
      random,
      owner: { orgId: 'o', teamId: 't', begeleiderId: 'b', teamleiderId: 'l' },
      clientNumber: 'E',
      displayName: 'E',
      settings,
      now: BENCH_NOW,
      historyYears: 3,
    });
    if (record.openTrajectory?.summary.state === 'active') open.push(record.openTrajectory);
  }
  const actor = { userId: 'b', role: 'begeleider' as const };
  const at = BENCH_NOW.toISOString();
  const event = { type: 'RECORD_CONTACT' as const, note: 'bench', minutes: 30 };
  /** The engine's answer to that contact on a trajectory as stored. */
  const contact = (trajectory: TrajectoryRecord) =>
    applyEvent({
      persisted: toPersisted(trajectory),
      event,
      occurredAt: at,
      now: at,
      actor,
      settings,
    });
  return { open, settings, actor, at, event, contact };
}

/**
 * The engine alone (no I/O): restore → transition → persisted snapshot for one RECORD_CONTACT,
 * against JSON.parse + JSON.stringify of the same stored snapshot (issue 13 target: ≤ 3×).
 * Also the server's whole pure fold (advanceTrajectory: snapshot string, summary, sweepDueAt).
 */
export function runEngineSuite(options: { samples: number }): SuiteResult {
  const { open, settings, contact } = engineSamples();
  const engine: number[] = [];
  const fold: number[] = [];
  const json: number[] = [];
  for (let round = 0; round < options.samples; round += 1) {
    const trajectory = open[round % open.length]!;
    // The baseline round-trips the very snapshot the engine restores; the fold below advances it.
    const stored = trajectory.snapshotJson;
    let started = process.hrtime.bigint();
    const outcome = contact(trajectory);
    if (!outcome.ok) throw new Error(`engine refused: ${JSON.stringify(outcome)}`);
    JSON.stringify(outcome.persisted.snapshot);
    engine.push(Number(process.hrtime.bigint() - started) / 1e6);
    started = process.hrtime.bigint();
    const again = contact(trajectory);
    if (again.ok) advanceTrajectory(trajectory, again, { actorRole: 'begeleider', settings });
    fold.push(Number(process.hrtime.bigint() - started) / 1e6);
    started = process.hrtime.bigint();
    JSON.stringify(JSON.parse(stored));
    json.push(Number(process.hrtime.bigint() - started) / 1e6);
  }
  const snapshotBytes = open.reduce((sum, t) => sum + t.snapshotJson.length, 0) / open.length;
  const p50 = (values: number[]) => percentile(values, 50);
  const table = markdownTable(
    ['what (one RECORD_CONTACT, no I/O)', 'p50 (ms)', 'p95 (ms)', '÷ JSON round trip (p50)'],
    [
      [
        'JSON.parse + stringify of the snapshot (baseline)',
        fmt(p50(json), 3),
        fmt(percentile(json, 95), 3),
        '1.0×',
      ],
      [
        'engine: restore → transition → persisted snapshot',
        fmt(p50(engine), 3),
        fmt(percentile(engine, 95), 3),
        `${fmt(p50(engine) / p50(json))}×`,
      ],
      [
        'server fold: engine + advanceTrajectory (sweepDueAt probe)',
        fmt(p50(fold), 3),
        fmt(percentile(fold, 95), 3),
        `${fmt(p50(fold) / p50(json))}×`,
      ],
    ],
  );
  return {
    title: 'Engine',
    table,
    notes: `${options.samples} samples over 200 active trajectories from the generator; snapshot ${Math.round(snapshotBytes)} bytes of JSON on average. Target ≤ 3×: ${p50(engine) / p50(json) <= 3 ? 'met' : 'missed'} (${fmt(p50(engine) / p50(json))}×).`,
    figures: { engineP50: p50(engine), foldP50: p50(fold), jsonP50: p50(json) },
  };
}
