import { Types } from 'mongoose';
import type { Dataset } from '../dataset';
import { activeCases } from '../dataset';
import { BENCH_NOW } from '../../scripts/bench-data/seed-organisation';
import { fmt, percentile, postJson, processCpuMs } from '../support';
import type { CaseRecord } from '../../server/case-store/case.types';
import { forgetCachedCases } from '../../server/case-store/case.repository';
import { encodeHistoryEntry } from '../../server/case-store/stored-history';
import { actorOf } from '../../server/policies/actor';
import { eventBodySchema } from '../../server/trajectories/schema';
import { applyTrajectoryEvent } from '../../server/trajectories/use-cases/apply-event';
import { findUserForAuthentication } from '../../server/users/user.repository';

/** Events of each kind (API, floor) before the levels are measured. */
const WARM_UP_EVENTS = 1500;

export interface LoadRow {
  clients: number;
  events: number;
  perSecond: number;
  p50: number;
  p95: number;
  p99: number;
  failed: number;
  /** CPU per event of this process (the server and the load generator), ms; null if unknown. */
  nodeCpuMs: number | null;
  /** CPU per event of the database process, ms; null if it is not on this machine. */
  databaseCpuMs: number | null;
}

/** One stretch of load: every operation's latency, the wall time and the CPU of both processes. */
interface Sample {
  latencies: number[];
  seconds: number;
  failed: number;
  nodeCpuMs: number | null;
  databaseCpuMs: number | null;
}

/**
 * `clients` workers, each with its own cases (no conflicts), `total` operations in all. `turns`
 * holds where each worker is in its cases, so consecutive stretches go on round the same cases.
 */
async function drive(
  clients: number,
  total: number,
  casesPerClient: string[][],
  operation: (caseId: string) => Promise<boolean>,
  databasePid: number | null,
  turns: number[] = new Array<number>(clients).fill(0),
): Promise<Sample> {
  const latencies: number[] = [];
  let next = 0;
  let failed = 0;
  const cpuBefore = { node: processCpuMs(process.pid), database: processCpuMs(databasePid) };
  const started = process.hrtime.bigint();
  await Promise.all(
    Array.from({ length: clients }, async (_, client) => {
      const own = casesPerClient[client]!;
      while (next < total) {
        next += 1;
        const caseId = own[turns[client]! % own.length]!;
        turns[client] = turns[client]! + 1;
        const begin = process.hrtime.bigint();
        // A failure (HTTP error, or the engine's "database is locked" under many writers) is
        // counted, not fatal: how often it happens is one of the figures.
        const ok = await operation(caseId).catch(() => false);
        latencies.push(Number(process.hrtime.bigint() - begin) / 1e6);
        if (!ok) failed += 1;
      }
    }),
  );
  const spent = (before: number | null, after: number | null) =>
    before === null || after === null ? null : after - before;
  return {
    latencies,
    seconds: Number(process.hrtime.bigint() - started) / 1e9,
    failed,
    nodeCpuMs: spent(cpuBefore.node, processCpuMs(process.pid)),
    databaseCpuMs: spent(cpuBefore.database, processCpuMs(databasePid)),
  };
}

/** The row of one level from its stretches. */
function rowOf(clients: number, samples: Sample[]): LoadRow {
  const latencies = samples.flatMap((sample) => sample.latencies);
  const perEvent = (pick: (sample: Sample) => number | null) =>
    samples.some((sample) => pick(sample) === null)
      ? null
      : samples.reduce((sum, sample) => sum + pick(sample)!, 0) / latencies.length;
  return {
    nodeCpuMs: perEvent((sample) => sample.nodeCpuMs),
    databaseCpuMs: perEvent((sample) => sample.databaseCpuMs),
    clients,
    events: latencies.length,
    perSecond: latencies.length / samples.reduce((sum, sample) => sum + sample.seconds, 0),
    p50: percentile(latencies, 50),
    p95: percentile(latencies, 95),
    p99: percentile(latencies, 99),
    failed: samples.reduce((sum, sample) => sum + sample.failed, 0),
  };
}

/**
 * Each level is measured in this many stretches per side, API and floor taking turns in the order
 * ABCD DCBA…: whatever drifts during a level (FerretDB checkpointing the WAL of the seeding just
 * before, the collector) falls on both alike instead of on whichever ran first.
 */
const STRETCHES = 4;

/** API (case cached), API (case read first), floor, in process. */
const SIDES = 4;

async function isFerretDb(dataset: Dataset): Promise<boolean> {
  const info = await dataset.server.context.db.db!.admin().command({ buildInfo: 1 });
  return typeof info.ferretdbVersion === 'string';
}

/**
 * POST /trajectories/:id/events (RECORD_CONTACT) over HTTP (keep-alive node:http) with 1, 8, 32
 * clients, against the raw driver's floor on the same database in the same run: findOne by _id +
 * one conditional single-document update appending a history entry (the app's filter). The API
 * is measured twice: as a begeleider sends it, on a case the server has in its case cache
 * (decision 065: read or written shortly before, as when the case file is open), and with the
 * case forgotten before each event, so the server reads it first as the floor does. A fourth side
 * calls the same use case in process, as the peers of issue 13 were measured (Camunda and Flowable
 * through their Java API in the engine's JVM): the route's validation, then applyTrajectoryEvent
 * with the same durability (the same write, audit copy and summary), without HTTP.
 */
export async function runEventApi(
  dataset: Dataset,
  options: { levels: Array<{ clients: number; events: number }>; databasePid: number | null },
): Promise<{ api: LoadRow[]; uncached: LoadRow[]; floor: LoadRow[]; inProcess: LoadRow[] }> {
  const maxClients = Math.max(...options.levels.map((level) => level.clients));
  // Measured cases, each side its own and dealt in turn from one list, so every side's documents
  // have the same sizes and grow by the same events (every event appends to its case's history),
  // and the floor's raw writes never make a case the server remembers stale; and as many others
  // for the warm-up, so its events do not grow the documents the levels measure.
  const perSide = maxClients * 8;
  const cases = await activeCases(dataset, perSide * (SIDES + 2));
  const measured = cases.slice(0, perSide * SIDES);
  if (measured.length < SIDES * maxClients)
    throw new Error(
      `${measured.length} cases take a contact now: too few for ${maxClients} clients on each of ${SIDES} sides`,
    );
  const casesOfSide = (side: number) => measured.filter((_, index) => index % SIDES === side);
  const warmUpCases = cases.length > measured.length ? cases.slice(measured.length) : measured;
  const token = await dataset.tokenOf(dataset.seeded.coordinator.id);
  const versions = new Map(
    cases.map((record) => [record.openTrajectory!.id, record.openTrajectory!.version]),
  );
  const trajectoryOfCase = new Map(cases.map((record) => [record.id, record.openTrajectory!.id]));
  const split = (clients: number, among: CaseRecord[]) =>
    Array.from({ length: clients }, (_, client) =>
      among.filter((_, index) => index % clients === client).map((record) => record.id),
    );
  const at = BENCH_NOW.toISOString();
  const sendEvent = async (caseId: string): Promise<boolean> => {
    const trajectoryId = trajectoryOfCase.get(caseId)!;
    const response = await postJson(
      `${dataset.baseUrl}/trajectories/${trajectoryId}/events`,
      { Authorization: `Bearer ${token}` },
      {
        type: 'RECORD_CONTACT',
        note: 'Gesprek (bench)',
        minutes: 30,
        occurredAt: at,
        expectedVersion: versions.get(trajectoryId),
      },
    );
    const body = response.body as { version?: number };
    if (response.status === 200 && body.version) versions.set(trajectoryId, body.version);
    return response.status === 200;
  };
  const db = dataset.server.context.db;
  const coordinator = await findUserForAuthentication(db, dataset.seeded.coordinator.id);
  if (!coordinator) throw new Error('the bench coordinator is not stored');
  const caller = actorOf(coordinator);
  const callUseCase = async (caseId: string): Promise<boolean> => {
    const trajectoryId = trajectoryOfCase.get(caseId)!;
    const body = eventBodySchema.parse({
      type: 'RECORD_CONTACT',
      note: 'Gesprek (bench)',
      minutes: 30,
      occurredAt: at,
      expectedVersion: versions.get(trajectoryId),
    });
    const view = await applyTrajectoryEvent(dataset.server.context, caller, trajectoryId, body);
    versions.set(trajectoryId, view.version);
    return true;
  };
  const sendUncachedEvent = (caseId: string): Promise<boolean> => {
    forgetCachedCases(db, caseId);
    return sendEvent(caseId);
  };
  const ferret = await isFerretDb(dataset);
  const rawVersions = new Map<string, number>();
  const rawEvent = async (caseId: string): Promise<boolean> => {
    const _id = new Types.ObjectId(caseId);
    const doc = await dataset.cases.findOne({ _id });
    if (!doc) return false;
    const version = rawVersions.get(caseId) ?? (doc.version as number);
    const update = {
      $set: { version: version + 1, updatedAt: new Date() },
      // In the stored form of an entry (decision 067), as the API's update appends it.
      $push: {
        'openTrajectory.history': encodeHistoryEntry({
          type: 'RECORD_CONTACT',
          occurredAt: BENCH_NOW,
          recordedAt: BENCH_NOW,
          actorId: 'bench',
          actorRole: 'begeleider',
          fromState: 'active',
          toState: 'active',
          payload: { note: 'Gesprek (bench)', minutes: 30 },
          flags: [],
        }),
      },
    } as Record<string, unknown>;
    const result = await dataset.cases.updateOne(ferret ? { _id } : { _id, version }, update);
    rawVersions.set(caseId, version + 1);
    return result.matchedCount === 1;
  };
  // Warm-up on other cases: connections, and V8's optimised code for the whole event path. After
  // 3,000 events instead of 100 an event cost ~0.8 ms less CPU in this process (2,000 cases, 8
  // clients); the 40 of before left the first stage measuring a cold process.
  const pid = options.databasePid;
  await drive(8, WARM_UP_EVENTS, split(8, warmUpCases), sendEvent, pid);
  await drive(8, WARM_UP_EVENTS, split(8, warmUpCases), rawEvent, pid);
  const operations = [sendEvent, sendUncachedEvent, rawEvent, callUseCase];
  // Then one event on each measured case by its own side, so the sides that answer from the case
  // cache start with their cases in it (a begeleider's case is there once its file was opened),
  // and every side's documents have grown by the same entry.
  for (const [index, operation] of operations.entries()) {
    const own = casesOfSide(index);
    await drive(8, own.length, split(8, own), operation, pid);
  }
  const api: LoadRow[] = [];
  const uncached: LoadRow[] = [];
  const floor: LoadRow[] = [];
  const inProcess: LoadRow[] = [];
  for (const level of options.levels) {
    const side = (operation: (caseId: string) => Promise<boolean>, among: CaseRecord[]) => ({
      operation,
      casesPerClient: split(level.clients, among),
      samples: [] as Sample[],
      turns: new Array<number>(level.clients).fill(0),
    });
    const sides = operations.map((operation, index) => side(operation, casesOfSide(index)));
    for (let stretch = 0; stretch < STRETCHES; stretch += 1) {
      const events = Math.round(level.events / STRETCHES);
      for (const { operation, casesPerClient, samples, turns } of stretch % 2 === 0
        ? sides
        : [...sides].reverse())
        samples.push(await drive(level.clients, events, casesPerClient, operation, pid, turns));
    }
    api.push(rowOf(level.clients, sides[0]!.samples));
    uncached.push(rowOf(level.clients, sides[1]!.samples));
    floor.push(rowOf(level.clients, sides[2]!.samples));
    inProcess.push(rowOf(level.clients, sides[3]!.samples));
    const [a, u, f, p] = [api.at(-1)!, uncached.at(-1)!, floor.at(-1)!, inProcess.at(-1)!];
    console.log(
      `  events ${dataset.size} cases × ${level.clients} clients: API ${fmt(a.perSecond, 0)}/s p50 ${fmt(a.p50)} ms; not cached ${fmt(u.perSecond, 0)}/s p50 ${fmt(u.p50)} ms; floor ${fmt(f.perSecond, 0)}/s p50 ${fmt(f.p50)} ms; in process ${fmt(p.perSecond, 0)}/s p50 ${fmt(p.p50)} ms`,
    );
  }
  return { api, uncached, floor, inProcess };
}
