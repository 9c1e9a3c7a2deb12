/**
 * Where the time of one event goes (docs/performance.md): the steps of POST
 * /trajectories/:id/events timed one by one on a generated organisation, next to the whole request
 * over HTTP. `npm run bench:profile -- --cases 2000`. Prints a table and appends it to RESULTS.md.
 */
import { parseArgs } from 'node:util';
import { applyEvent } from '../machines';
import { findSessionUserId } from '../server/sessions/session.repository';
import { copyOutbox, nextOutbox, outboxEntry } from '../server/audit/outbox';
import { applyTrajectoryChange } from '../server/case-store/case-change';
import { caseSummaryOf } from '../server/case-store/case-summary';
import { writeCaseSummaries } from '../server/case-store/case-summary.repository';
import { updateFor } from '../server/case-store/case.repository';
import { findCaseOfTrajectory, updateCaseIfVersion } from '../server/case-store/case.repository';
import { scopeOf } from '../server/policies/scope';
import { loadCaseSettings } from '../server/organisations/settings';
import { presentTrajectory } from '../server/trajectories/presenter';
import { advanceTrajectory, toPersisted } from '../server/case-store/trajectory-record';
import { findUserForAuthentication } from '../server/users/user.repository';
import { BENCH_NOW } from '../scripts/bench-data/seed-organisation';
import { activeCases, openDataset } from './dataset';
import {
  appendResults,
  currentCommit,
  fmt,
  machineLine,
  markdownTable,
  percentile,
  startBenchDatabase,
} from './support';

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      cases: { type: 'string', default: '2000' },
      samples: { type: 'string', default: '200' },
    },
  });
  const database = await startBenchDatabase();
  const dataset = await openDataset(Number(values.cases), 3);
  await dataset.growTo(Number(values.cases));
  const steps = new Map<string, number[]>();
  const time = async <T>(name: string, action: () => Promise<T> | T): Promise<T> => {
    const started = process.hrtime.bigint();
    const value = await action();
    const list = steps.get(name) ?? [];
    list.push(Number(process.hrtime.bigint() - started) / 1e6);
    steps.set(name, list);
    return value;
  };
  try {
    const { context } = dataset.server;
    const samples = Number(values.samples);
    const cases = await activeCases(dataset, samples);
    const coordinator = dataset.seeded.coordinator;
    const token = await dataset.tokenOf(coordinator.id);
    const at = BENCH_NOW.toISOString();
    for (const record of cases) {
      await time('session lookup (by _id; cached 2 s, decision 028)', () =>
        findSessionUserId(context.db, token, BENCH_NOW),
      );
      const user = (await time('user lookup (by _id; cached 2 s)', () =>
        findUserForAuthentication(context.db, coordinator.id),
      ))!;
      const trajectoryId = record.openTrajectory!.id;
      const current = (await time('case read (by _id)', () =>
        findCaseOfTrajectory(context.db, scopeOf(user), trajectoryId),
      ))!;
      const settings = await time('case settings (cached 5 s, decision 027)', () =>
        loadCaseSettings(context, user.orgId, current.opdrachtgeverId),
      );
      const trajectory = current.openTrajectory!;
      const persisted = await time('snapshot JSON.parse', () => toPersisted(trajectory));
      const event = { type: 'RECORD_CONTACT' as const, note: 'profiel', minutes: 30 };
      const outcome = await time('engine applyEvent', () =>
        applyEvent({
          persisted,
          event,
          occurredAt: at,
          now: at,
          actor: { userId: user.id, role: user.role },
          settings,
        }),
      );
      if (!outcome.ok) continue;
      const next = await time('fold (advanceTrajectory, sweepDueAt, case change)', () =>
        applyTrajectoryChange(current, {
          trajectory: advanceTrajectory(trajectory, outcome, { actorRole: user.role, settings }),
          transition: outcome.tredeTransition,
          followUp: null,
          begeleiderId: null,
          idempotency: null,
          now: BENCH_NOW,
        }),
      );
      const entry = outboxEntry(
        current.id,
        next.version,
        { orgId: user.orgId, actorId: user.id, action: 'trajectory.event', trajectoryId },
        BENCH_NOW,
      );
      const written = {
        ...next,
        auditOutbox: nextOutbox(context.db, current.auditOutbox ?? [], [entry]),
      };
      const update = await time('update document (updateFor)', () => updateFor(current, written));
      await time('case write (conditional update, audit entry in its outbox)', () =>
        updateCaseIfVersion(context.db, current.id, current.version, update),
      );
      await time('audit outbox copy (decision 040)', () =>
        copyOutbox(context.db, written.auditOutbox),
      );
      await time('case summary upsert (decision 026)', () =>
        writeCaseSummaries(context.db, [caseSummaryOf(written)]),
      );
      await time('present (JSON view)', () =>
        presentTrajectory(next, next.openTrajectory!, {
          role: user.role,
          settings,
          asOf: BENCH_NOW,
        }),
      );
    }
    const http: number[] = [];
    const versions = new Map<string, number>();
    for (const record of cases) {
      const trajectoryId = record.openTrajectory!.id;
      const current = await findCaseOfTrajectory(
        context.db,
        { orgId: dataset.seeded.orgId, teamIds: [record.teamId] },
        trajectoryId,
      );
      versions.set(trajectoryId, current!.openTrajectory!.version);
      const started = process.hrtime.bigint();
      const response = await fetch(`${dataset.baseUrl}/trajectories/${trajectoryId}/events`, {
        method: 'POST',
        headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
        body: JSON.stringify({
          type: 'RECORD_CONTACT',
          note: 'profiel',
          minutes: 30,
          occurredAt: at,
          expectedVersion: versions.get(trajectoryId),
        }),
      });
      await response.json();
      http.push(Number(process.hrtime.bigint() - started) / 1e6);
    }
    const total = [...steps.values()].reduce((sum, list) => sum + percentile(list, 50), 0);
    const whole = percentile(http, 50);
    const rows = [...steps.entries()].map(([name, list]) => [
      name,
      fmt(percentile(list, 50), 3),
      `${fmt((100 * percentile(list, 50)) / whole, 0)}%`,
    ]);
    rows.push(['sum of the steps', fmt(total, 2), `${fmt((100 * total) / whole, 0)}%`]);
    rows.push(['whole request over HTTP (one client)', fmt(whole, 2), '100%']);
    rows.push([
      'HTTP, Express, JSON, validation (the rest)',
      fmt(whole - total, 2),
      `${fmt((100 * (whole - total)) / whole, 0)}%`,
    ]);
    const section = `## Where one event's time goes — ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC, commit ${currentCommit()}\n\nCommand: \`npm run bench:profile -- --cases ${values.cases}\` · machine: ${machineLine()} · database: ${database.description} · ${cases.length} RECORD_CONTACT events, p50 of each step.\n\n${markdownTable(['step', 'p50 (ms)', 'share of the HTTP p50'], rows)}`;
    appendResults(section);
    console.log(section);
  } finally {
    await dataset.close();
    await database.stop();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
