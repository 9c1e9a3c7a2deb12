/**
 * The server side of the 1M-row export measurement (bench/suites/export-memory.ts), run as its own
 * Node process so that its resident memory is the server's alone, not the HTTP client's. It
 * stores synthetic `case_reports` documents (many ladder entries each: the generator would need
 * ~1.5M cases for 1M transitions) on a database of its own, serves the app over HTTP, and answers
 * the parent's messages: the raw cursor pass, and the peak RSS sampled while an export runs.
 */
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Types } from 'mongoose';
import type { CaseReportLadderEntry, CaseReportRecord } from '../server/case-store/case-report';
import { insertCaseReports } from '../server/case-store/case-report.repository';
import { createTestTeam, createTestUser } from '../tests/support/auth';
import { startTestServer } from '../tests/support/test-server';
import { EXPORT_FROM, EXPORT_TO, type FromServer, type ToServer } from './suites/export-memory';

const gc = (globalThis as { gc?: () => void }).gc;

/** Peak RSS since `reset()`, sampled every 20 ms (and at each read). */
function rssSampler() {
  let base = process.memoryUsage().rss;
  let peak = base;
  const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 20);
  timer.unref();
  return {
    reset() {
      gc?.();
      base = process.memoryUsage().rss;
      peak = base;
    },
    read() {
      peak = Math.max(peak, process.memoryUsage().rss);
      return { base, peak };
    },
  };
}

/** A case's ladder: an intake, then `transitions` steps up and down between 1 and 6, in time order. */
function ladderOf(index: number, transitions: number, teamId: string): CaseReportLadderEntry[] {
  const span = EXPORT_TO.getTime() - EXPORT_FROM.getTime();
  const step = Math.floor(span / (transitions + 1));
  const offset = (index * 7919) % step; // cases interleave in time, so the $sort has work to do
  const ladder: CaseReportLadderEntry[] = [
    {
      from: null,
      to: 2,
      at: new Date(EXPORT_FROM.getTime() + offset),
      teamId,
      product: null,
      reason: 'intake',
    },
  ];
  for (let n = 1; n <= transitions; n += 1) {
    const from = ladder[n - 1]!.to;
    const to = (
      from === 6 || (from > 1 && (index + n) % 3 === 0) ? from - 1 : from + 1
    ) as typeof from;
    ladder.push({
      from,
      to,
      at: new Date(EXPORT_FROM.getTime() + offset + n * step),
      teamId,
      product: n % 4 === 0 ? null : 'ONT',
      reason: n % 5 === 0 ? 'conclusion' : 'assessment',
    });
  }
  return ladder;
}

async function main(): Promise<void> {
  const rows = Number(process.env.EXPORT_ROWS ?? 1_000_000);
  const perCase = Number(process.env.EXPORT_PER_CASE ?? 200);
  const server = await startTestServer({ now: EXPORT_TO.toISOString() });
  const teams = [
    await createTestTeam(server, 'Team Noord'),
    await createTestTeam(server, 'Team Zuid'),
  ];
  const orgId = teams[0]!.orgId;
  const { token, user } = await createTestUser(server, {
    role: 'beleid',
    teamIds: teams.map((team) => team.id),
  });
  const documents = Math.ceil(rows / perCase);
  const seedStarted = Date.now();
  const batch: CaseReportRecord[] = [];
  for (let index = 0; index < documents; index += 1) {
    const teamId = teams[index % teams.length]!.id;
    batch.push({
      caseId: new Types.ObjectId().toHexString(),
      orgId,
      teamId,
      opdrachtgeverId: null,
      begeleiderId: user.id,
      caseVersion: 1,
      opdrachtgeverMoves: [],
      ladder: ladderOf(index, Math.min(perCase, rows - index * perCase), teamId),
      trajectories: [],
    });
    if (batch.length === 50 || index === documents - 1)
      await insertCaseReports(server.context.db, batch.splice(0));
  }
  const seedMs = Date.now() - seedStarted;
  const http: Server = await new Promise((resolve) => {
    const listening = server.app.listen(0, '127.0.0.1', () => resolve(listening));
  });
  const sampler = rssSampler();
  const send = (message: FromServer) => process.send!(message);
  process.on('message', (message: ToServer) => {
    void (async () => {
      if (message.type === 'measure') sampler.reset();
      if (message.type === 'measure' || message.type === 'peak') {
        const { base, peak } = sampler.read();
        send({
          type: 'peak',
          rssMb: (peak - base) / 2 ** 20,
          baseRssMb: base / 2 ** 20,
          maxRssMb: process.resourceUsage().maxRSS / 1024,
        });
      }
      if (message.type === 'raw') {
        sampler.reset();
        const started = Date.now();
        let count = 0;
        const cursor = server.context.db
          .collection('case_reports')
          .find({ orgId }, { projection: { ladder: 1 } });
        for await (const doc of cursor)
          for (const entry of doc.ladder as Array<{ at: Date; from: number | null }>)
            if (entry.from !== null && entry.at >= EXPORT_FROM && entry.at < EXPORT_TO) count += 1;
        const ms = Date.now() - started;
        const { base, peak } = sampler.read();
        send({ type: 'raw', rows: count, ms, rssMb: (peak - base) / 2 ** 20 });
      }
      if (message.type === 'close') {
        http.closeAllConnections();
        await new Promise((resolve) => http.close(resolve));
        await server.close();
        process.exit(0);
      }
    })();
  });
  send({
    type: 'ready',
    baseUrl: `http://127.0.0.1:${(http.address() as AddressInfo).port}/api/v1`,
    token,
    rows,
    documents,
    seedMs,
  });
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
