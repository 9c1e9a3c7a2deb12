import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createSession } from '../server/sessions/session.repository';
import type { CaseRecord } from '../server/case-store/case.types';
import {
  BENCH_NOW,
  progressLine,
  seedBenchOrganisation,
  type SeededOrganisation,
} from '../scripts/bench-data/seed-organisation';
import { startTestServer, type TestServer } from '../tests/support/test-server';

/**
 * One generated organisation on its own database, served over real HTTP (keep-alive) by an app
 * instance in this process, with session tokens for its users.
 */
export interface Dataset {
  size: number;
  server: TestServer;
  seeded: SeededOrganisation;
  baseUrl: string;
  /** Bearer token of a user. */
  tokenOf(userId: string): Promise<string>;
  /** Raw collection access for the baselines (the database's own floor). */
  cases: ReturnType<TestServer['context']['db']['collection']>;
  close(): Promise<void>;
}

export async function openDataset(
  size: number,
  seed: number,
  profile?: 'realistic' | 'due',
): Promise<Dataset> {
  const server = await startTestServer({ now: BENCH_NOW.toISOString() });
  const seeded = await seedBenchOrganisation(server.context.db, {
    cases: size,
    seed,
    profile,
    onProgress: (progress) => process.stdout.write(`\r  seeding ${progressLine(progress)}   `),
  });
  process.stdout.write('\n');
  const http: Server = await new Promise((resolve) => {
    const listening = server.app.listen(0, '127.0.0.1', () => resolve(listening));
  });
  const tokens = new Map<string, string>();
  return {
    size,
    server,
    seeded,
    baseUrl: `http://127.0.0.1:${(http.address() as AddressInfo).port}/api/v1`,
    cases: server.context.db.collection('cases'),
    async tokenOf(userId) {
      if (!tokens.has(userId)) {
        const { token } = await createSession(server.context.db, {
          userId,
          orgId: seeded.orgId,
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
}

/** Cases of a team with an open trajectory in a state that takes RECORD_CONTACT. */
export async function activeCases(dataset: Dataset, limit: number): Promise<CaseRecord[]> {
  const docs = await dataset.cases
    .find(
      { orgId: dataset.seeded.orgId },
      {
        projection: {
          teamId: 1,
          'openTrajectory.id': 1,
          'openTrajectory.version': 1,
          'openTrajectory.summary.state': 1,
        },
      },
    )
    .toArray();
  return docs
    .filter((doc) =>
      ['active', 'overdue', 'reviewDue'].includes(doc.openTrajectory?.summary?.state),
    )
    .slice(0, limit)
    .map((doc) => ({ ...(doc as unknown as CaseRecord), id: String(doc._id) }));
}

export async function getJson(
  url: string,
  token: string,
): Promise<{ status: number; body: unknown }> {
  const response = await fetch(url, { headers: { Authorization: `Bearer ${token}` } });
  return { status: response.status, body: await response.json() };
}
