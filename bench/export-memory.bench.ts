/**
 * Does the transitions export run in constant memory (SPEC §4)? Peak heap growth while exporting
 * 2,000 and 20,000 transitions as NDJSON through the streaming path, against a baseline measured
 * in the same run: the same rows collected into an array and serialised at once.
 * Run: `npm run bench:export` (embedded engine, or MONGODB_URI). Appends to bench/RESULTS.md.
 */
import fs from 'node:fs';
import path from 'node:path';
import { Writable } from 'node:stream';
import { Types } from 'mongoose';
import { toExportRows } from '../server/reports/transition-rows';
import { streamTransitions } from '../server/reports/transitions.repository';
import { writeNdjson } from '../server/reports/writers';
import { startTestServer } from '../tests/support/test-server';
import { currentCommit, machineLine, startBenchDatabase } from './support';

const SIZES = [2000, 20000];
const PER_CASE = 5;
const gc = (globalThis as { gc?: () => void }).gc;

async function peakHeapGrowth(work: () => Promise<unknown>): Promise<{ mb: number; ms: number }> {
  gc?.();
  const base = process.memoryUsage().heapUsed;
  let peak = base;
  const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().heapUsed)), 2);
  const started = Date.now();
  await work();
  const ms = Date.now() - started;
  clearInterval(sampler);
  peak = Math.max(peak, process.memoryUsage().heapUsed);
  return { mb: (peak - base) / 2 ** 20, ms };
}

/** A slow-ish consumer (like a download), so backpressure matters. */
function sink(): Writable {
  return new Writable({
    highWaterMark: 64 * 1024,
    write: (_chunk, _encoding, done) => setImmediate(done),
  });
}

async function main(): Promise<void> {
  const database = await startBenchDatabase();
  const rows: string[] = [];
  try {
    for (const size of SIZES) {
      const server = await startTestServer();
      const orgId = 'bench-org';
      const teamId = new Types.ObjectId().toHexString();
      const cases = Array.from({ length: size / PER_CASE }, (_, index) => ({
        orgId,
        teamId,
        clientNumber: `B-${index}`,
        ladder: Array.from({ length: PER_CASE }, (__, step) => ({
          seq: step + 1,
          from: (step % 5) + 1,
          to: (step % 5) + 2,
          at: new Date(Date.UTC(2026, 0, 1) + (index * PER_CASE + step) * 60000),
          trajectoryId: null,
          product: 'ONT',
          reason: 'assessment',
          begeleiderId: 'b',
          teamId,
          recordedAt: new Date(),
        })),
      }));
      for (let start = 0; start < cases.length; start += 500)
        await server.context.db.collection('cases').insertMany(cases.slice(start, start + 500));
      const query = {
        orgId,
        teamIds: null,
        from: new Date('2026-01-01'),
        to: new Date('2027-01-01'),
      };
      const options = {
        secret: 'bench-secret-bench-secret-bench-secret!!',
        orgId,
        teamNames: new Map([[teamId, 'Team']]),
      };

      const streamed = await peakHeapGrowth(() =>
        writeNdjson(toExportRows(streamTransitions(server.context.db, query), options), sink()),
      );
      const collected = await peakHeapGrowth(async () => {
        const all = [];
        for await (const row of toExportRows(streamTransitions(server.context.db, query), options))
          all.push(row);
        const out = sink();
        out.end(all.map((row) => JSON.stringify(row)).join('\n'));
      });
      console.log(
        `${size} rows: streamed +${streamed.mb.toFixed(1)} MB in ${streamed.ms} ms; collected +${collected.mb.toFixed(1)} MB`,
      );
      rows.push(
        `| ${size} | ${streamed.mb.toFixed(1)} | ${collected.mb.toFixed(1)} | ${(streamed.mb / collected.mb).toFixed(2)}× | ${Math.round(size / (streamed.ms / 1000))} |`,
      );
      await server.close();
    }
  } finally {
    await database.stop();
  }
  const report = [
    `## Transitions export memory — ${new Date().toISOString().slice(0, 10)}, commit ${currentCommit()}`,
    '',
    `Command: \`npm run bench:export\` · machine: ${machineLine()}${gc ? ', --expose-gc' : ''} · database: ${database.description} · NDJSON into a slow consumer.`,
    '',
    '| transitions | streamed: peak heap growth (MB) | baseline, collected then written (MB) | streamed ÷ baseline | streamed rows/s |',
    '| --- | --- | --- | --- | --- |',
    ...rows,
    '',
  ].join('\n');
  fs.appendFileSync(path.join(__dirname, 'RESULTS.md'), `\n${report}`);
  console.log(report);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
