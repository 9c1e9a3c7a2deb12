/**
 * How long one trajectory event takes end to end (engine + read + conditional write + audit) as the
 * `cases` collection grows, against two baselines measured in the same run:
 *  - the pure engine decision (machines' applyEvent, no I/O), and
 *  - reading the same case by id.
 * Run: `npm run bench` (uses the embedded engine, or MONGODB_URI when set). Appends to bench/RESULTS.md.
 */
import fs from 'node:fs';
import path from 'node:path';
import { applyEvent } from '../machines';
import { findCase } from '../server/case-store/case.repository';
import { loadOrganisationSettings } from '../server/organisations/settings';
import { applyTrajectoryEvent } from '../server/trajectories/use-cases/apply-event';
import { createCaseworkTeam, seedStartedTrajectories } from '../tests/support/factories';
import { startTestServer } from '../tests/support/test-server';
import { currentCommit, machineLine, startBenchDatabase } from './support';
import { toPersisted } from '../server/case-store/trajectory-record';

const SIZES = [100, 1000];
const SAMPLES = 40;

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

async function time(action: () => unknown): Promise<number> {
  const started = process.hrtime.bigint();
  await action();
  return Number(process.hrtime.bigint() - started) / 1e6;
}

async function measure(size: number) {
  const server = await startTestServer({ now: '2026-06-01T10:00:00.000Z' });
  try {
    const team = await createCaseworkTeam(server);
    const records = await seedStartedTrajectories(server, team, {
      count: size,
      product: 'ONT',
      targetTrede: 2,
      currentTrede: 1,
      startedAt: '2026-05-01T09:00:00.000Z',
    });
    const settings = await loadOrganisationSettings(server.context, team.team.orgId);
    const scope = { orgId: team.team.orgId, teamIds: [team.team.id] };
    const user = team.begeleider.user;
    const engine: number[] = [];
    const read: number[] = [];
    const write: number[] = [];
    for (let sample = 0; sample < SAMPLES; sample += 1) {
      const record = records[(sample * 7919) % records.length]!;
      const trajectory = record.openTrajectory!;
      const occurredAt = `2026-05-${String(10 + (sample % 15)).padStart(2, '0')}T10:00:00.000Z`;
      const event = { type: 'RECORD_CONTACT' as const, note: 'bench', minutes: 30 };
      engine.push(
        await time(() =>
          applyEvent({
            persisted: toPersisted(trajectory),
            event,
            occurredAt,
            now: '2026-06-01T10:00:00.000Z',
            actor: { userId: user.id, role: user.role },
            settings,
          }),
        ),
      );
      read.push(await time(() => findCase(server.context.db, scope, record.id)));
      const current = await findCase(server.context.db, scope, record.id);
      write.push(
        await time(() =>
          applyTrajectoryEvent(server.context, user, trajectory.id, {
            ...event,
            occurredAt,
            expectedVersion: current!.openTrajectory!.version,
          } as never),
        ),
      );
    }
    return { size, engine: median(engine), read: median(read), write: median(write) };
  } finally {
    await server.close();
  }
}

async function main(): Promise<void> {
  const database = await startBenchDatabase();
  try {
    const rows = [];
    for (const size of SIZES) {
      const row = await measure(size);
      console.log(
        `${size} cases: engine ${row.engine.toFixed(2)} ms, read ${row.read.toFixed(2)} ms, event ${row.write.toFixed(2)} ms`,
      );
      rows.push(row);
    }
    const first = rows[0]!;
    const table = rows
      .map(
        (row) =>
          `| ${row.size} | ${row.engine.toFixed(2)} | ${row.read.toFixed(2)} | ${row.write.toFixed(2)} | ${(row.write / row.engine).toFixed(0)}× | ${(row.write / row.read).toFixed(1)}× | ${(row.write / first.write).toFixed(1)}× |`,
      )
      .join('\n');
    const report = [
      `## Event write latency — ${new Date().toISOString().slice(0, 10)}, commit ${currentCommit()}`,
      '',
      `Command: \`npm run bench\` · machine: ${machineLine()} · database: ${database.description} · median of ${SAMPLES} RECORD_CONTACT events per size.`,
      '',
      '| cases in collection | engine only (ms) | read by id (ms) | full event (ms) | event ÷ engine | event ÷ read | event ÷ event at 100 |',
      '| --- | --- | --- | --- | --- | --- | --- |',
      table,
      '',
    ].join('\n');
    const file = path.join(__dirname, 'RESULTS.md');
    if (!fs.existsSync(file))
      fs.writeFileSync(
        file,
        '# Benchmark results\n\nNewest first is not guaranteed: each run appends a section.\n\n',
      );
    fs.appendFileSync(file, `${report}\n`);
    console.log(report);
  } finally {
    await database.stop();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
