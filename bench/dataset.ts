import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Types } from 'mongoose';
import { createSession } from '../server/sessions/session.repository';
import type { CaseRecord } from '../server/case-store/case.types';
import {
  BENCH_NOW,
  planBenchOrganisation,
  progressLine,
  type GrowingOrganisation,
  type SeededOrganisation,
} from '../scripts/bench-data/seed-organisation';
import { startTestServer, type TestServer } from '../tests/support/test-server';
import type { CaseDocument } from '../server/case-store/case.model';
import { openTrajectoryOf } from '../server/case-store/stored-history';

/**
 * One generated organisation on its own database, served over real HTTP (keep-alive) by an app
 * instance in this process, with session tokens for its users. It is planned for its largest
 * size and grows in stages (`growTo`), so 10k and 100k are measured on one database.
 */
export interface Dataset {
  /** Cases stored now. */
  size: number;
  server: TestServer;
  /** The organisation as stored now (teams with their stored cases). */
  seeded: SeededOrganisation;
  baseUrl: string;
  /** Bearer token of a user. */
  tokenOf(userId: string): Promise<string>;
  /** Raw collection access for the baselines (the database's own floor). */
  cases: ReturnType<TestServer['context']['db']['collection']>;
  summaries: ReturnType<TestServer['context']['db']['collection']>;
  /** The team the reads measure, chosen at the first size and kept. */
  focusTeamId?: string;
  /** Generates and stores planned cases until `size` are stored; returns this stage's seeding. */
  growTo(size: number): Promise<SeededOrganisation>;
  close(): Promise<void>;
}

export async function openDataset(plannedSize: number, seed: number): Promise<Dataset> {
  const server = await startTestServer({ now: BENCH_NOW.toISOString() });
  const organisation: GrowingOrganisation = await planBenchOrganisation(server.context.db, {
    cases: plannedSize,
    seed,
  });
  const http: Server = await new Promise((resolve) => {
    const listening = server.app.listen(0, '127.0.0.1', () => resolve(listening));
  });
  const tokens = new Map<string, string>();
  const dataset: Dataset = {
    size: 0,
    server,
    seeded: undefined as unknown as SeededOrganisation,
    baseUrl: `http://127.0.0.1:${(http.address() as AddressInfo).port}/api/v1`,
    cases: server.context.db.collection('cases'),
    summaries: server.context.db.collection('case_summaries'),
    async growTo(size) {
      const stage = await organisation.growTo(size, (progress) =>
        process.stdout.write(`\r  seeding ${progressLine(progress)}   `),
      );
      process.stdout.write('\n');
      dataset.size = stage.cases;
      dataset.seeded = stage;
      return stage;
    },
    async tokenOf(userId) {
      if (!tokens.has(userId)) {
        const { token } = await createSession(server.context.db, {
          userId,
          orgId: dataset.seeded.orgId,
          now: BENCH_NOW,
        });
        tokens.set(userId, token);
      }
      return tokens.get(userId)!;
    },
    async close() {
      http.closeAllConnections();
      await new Promise((resolve) => http.close(resolve));
      await server.close();
    },
  };
  return dataset;
}

/**
 * Cases with an open trajectory in a state that takes RECORD_CONTACT, from the biggest teams'
 * summaries (a team at a time: pushed down on FerretDB, so this does not decode the collection),
 * then each case by `_id`.
 */
export async function activeCases(dataset: Dataset, limit: number): Promise<CaseRecord[]> {
  const ids: Types.ObjectId[] = [];
  const teams = [...dataset.seeded.teams].sort((a, b) => b.caseCount - a.caseCount);
  for (const team of teams) {
    if (ids.length >= limit) break;
    const summaries = await dataset.summaries
      .find({ orgId: dataset.seeded.orgId, teamId: team.id }, { projection: { _id: 1, state: 1 } })
      .toArray();
    for (const summary of summaries)
      if (['active', 'overdue', 'reviewDue'].includes(summary.state as string))
        ids.push(summary._id as Types.ObjectId);
  }
  const records: CaseRecord[] = [];
  for (const _id of ids.slice(0, limit)) {
    const doc = await dataset.cases.findOne({ _id });
    if (!doc) continue;
    const stored = doc as unknown as CaseDocument;
    const openTrajectory = stored.openTrajectory && openTrajectoryOf(stored.openTrajectory);
    records.push({ ...stored, openTrajectory, id: String(doc._id) });
  }
  return records;
}

export async function getJson(
  url: string,
  token: string,
): Promise<{ status: number; body: unknown }> {
  const response = await fetch(url, { headers: { Authorization: `Bearer ${token}` } });
  return { status: response.status, body: await response.json() };
}
