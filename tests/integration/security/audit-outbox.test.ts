import request from 'supertest';
import { Types } from 'mongoose';
import { copyToAudit } from '../../../server/audit/audit.repository';
import { outboxEntry, type OutboxEntry } from '../../../server/audit/outbox';
import {
  repairPendingSummaries,
  settledCaseWrites,
} from '../../../server/case-store/case-summary-sync';
import { startedWritesEnded } from '../../../server/db/in-flight';
import { writeCase } from '../../../server/case-store/case-writer';
import { findCaseForSystem } from '../../../server/case-store/case.repository';
import { bearer, createTestUser } from '../../support/auth';
import {
  createCaseViaApi,
  createCaseworkTeam,
  createTrajectoryViaApi,
  rawCase,
  sendEvent,
  type TestTeam,
} from '../../support/factories';
import { startTestServer, type TestServer } from '../../support/test-server';

interface AuditItem {
  id: string;
  action: string;
  caseId: string | null;
}

interface StoredCase {
  version: number;
  auditOutbox: Array<{ id: string; action: string }>;
}

/**
 * Guarantee 10 (decisions 018, 040): the audit entry of a change is written in the same
 * single-document update as the change (the case's outbox), copied to the audit collection under
 * `<caseId>:<version>`, and leaves the outbox with the case's next write once it is known to be
 * copied; the case summary is written only after the copy.
 */
describe('audit entries travel with the change', () => {
  let server: TestServer;
  let team: TestTeam;
  let admin: { token: string };

  beforeAll(async () => {
    server = await startTestServer();
    team = await createCaseworkTeam(server);
    admin = await createTestUser(server, { role: 'beheerder', orgId: team.team.orgId });
  });
  afterAll(async () => server.close());

  const auditOf = async (caseId: string): Promise<AuditItem[]> =>
    (
      await request(server.app)
        .get(`/api/v1/audit?caseId=${caseId}&category=change&pageSize=500`)
        .set(bearer(admin.token))
        .expect(200)
    ).body.items;
  const storedCase = async (caseId: string) => (await rawCase(server, caseId)) as StoredCase;
  const storedSummary = (caseId: string) =>
    server.context.db.collection('case_summaries').findOne({ _id: new Types.ObjectId(caseId) });

  async function startedTrajectory() {
    const created = await createCaseViaApi(server, team);
    const trajectory = await createTrajectoryViaApi(server, team.begeleider.token, created.id, {
      product: 'ONT',
      targetTrede: 2,
    });
    return { caseId: created.id, trajectoryId: trajectory.id as string };
  }

  /** Makes every insert into `audit` fail while `work` runs (a crash or an unreachable engine). */
  async function withAuditUnwritable<T>(work: () => Promise<T>): Promise<T> {
    const db = server.context.db;
    const realCollection = db.collection.bind(db);
    const fail = () => Promise.reject(new Error('process died here'));
    const spy = jest
      .spyOn(db, 'collection')
      .mockImplementation(((name: string) =>
        name === 'audit'
          ? { insertOne: fail, insertMany: fail }
          : realCollection(name)) as typeof db.collection);
    try {
      const result = await work();
      await startedWritesEnded(server.context.db.name); // the copy runs after the answer (061)
      return result;
    } finally {
      spy.mockRestore();
    }
  }

  it('gives every change one entry with a deterministic id, and the outbox stays bounded', async () => {
    const { caseId, trajectoryId } = await startedTrajectory();
    const started = await sendEvent(server, team.begeleider.token, trajectoryId, {
      type: 'START',
      occurredAt: '2026-05-01',
      expectedVersion: 1,
    });
    expect(started.status).toBe(200);
    expect((await auditOf(caseId)).map((entry) => [entry.id, entry.action]).sort()).toEqual([
      [`${caseId}:1`, 'case.create'],
      [`${caseId}:2`, 'trajectory.create'],
      [`${caseId}:3`, 'trajectory.event'],
    ]);
    let version = started.body.version as number;
    const sizes: number[] = [];
    for (let count = 0; count < 15; count += 1) {
      const response = await sendEvent(server, team.begeleider.token, trajectoryId, {
        type: 'RECORD_CONTACT',
        note: `contact ${count}`,
        minutes: 5,
        occurredAt: '2026-05-02',
        expectedVersion: version,
      });
      expect(response.status).toBe(200);
      version = response.body.version;
      sizes.push((await storedCase(caseId)).auditOutbox.length);
      // The copy follows the answer (decision 061); an event on a cached case (065) can come
      // before it has landed, and then carries that entry on until a later write.
      await settledCaseWrites(server.context);
    }
    // Each write drops what the previous one copied: only its own entry is left in the case.
    expect(Math.max(...sizes)).toBeLessThanOrEqual(2);
    const stored = await storedCase(caseId);
    expect(stored.auditOutbox.map((entry) => entry.id)).toEqual([`${caseId}:${stored.version}`]);
    const ids = (await auditOf(caseId)).map((entry) => entry.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (let v = 1; v <= stored.version; v += 1) expect(ids).toContain(`${caseId}:${v}`);
  });

  it('keeps an entry whose copy failed in the case, holds the summary back, and the next summary read copies it once', async () => {
    const { caseId, trajectoryId } = await startedTrajectory();
    const started = await withAuditUnwritable(() =>
      sendEvent(server, team.begeleider.token, trajectoryId, {
        type: 'START',
        occurredAt: '2026-05-01',
        expectedVersion: 1,
      }),
    );
    expect(started.status).toBe(200); // the change is stored; its entry is safe in the case
    const stored = await storedCase(caseId);
    expect(stored.auditOutbox).toEqual([
      expect.objectContaining({ id: `${caseId}:3`, action: 'trajectory.event' }),
    ]);
    expect((await auditOf(caseId)).map((entry) => entry.id)).not.toContain(`${caseId}:3`);
    // No summary certifies version 3 before its entry is in `audit`.
    expect((await storedSummary(caseId))?.version).toBe(2);

    expect(await repairPendingSummaries(server.context)).toBeGreaterThanOrEqual(1);
    const ids = (await auditOf(caseId)).map((entry) => entry.id);
    expect(ids.filter((id) => id === `${caseId}:3`)).toHaveLength(1);
    expect((await storedSummary(caseId))?.version).toBe(3);
  });

  it('a crash between the case write and the copy, or a summary from before decision 040: the start-up copies the outbox first', async () => {
    const crashed = await startedTrajectory();
    const response = await withAuditUnwritable(() =>
      sendEvent(server, team.begeleider.token, crashed.trajectoryId, {
        type: 'START',
        occurredAt: '2026-05-01',
        expectedVersion: 1,
      }),
    );
    expect(response.status).toBe(200);
    // A summary written by the earlier order (summary, then copy) carries no auditCopied mark, so
    // its uncopied outbox entry must not be taken as copied.
    const legacy = await startedTrajectory();
    const legacyEntry = outboxEntry(
      legacy.caseId,
      3,
      { orgId: team.team.orgId, actorId: null, action: 'trajectory.event' },
      server.clock.now(),
    );
    await server.context.db
      .collection('cases')
      .updateOne(
        { _id: new Types.ObjectId(legacy.caseId) },
        { $set: { version: 3, auditOutbox: [legacyEntry] } },
      );
    await server.context.db
      .collection('case_summaries')
      .updateOne(
        { _id: new Types.ObjectId(legacy.caseId) },
        { $set: { version: 3 }, $unset: { auditCopied: '' } },
      );

    const restarted = await startTestServer({ database: server.database });
    try {
      for (const { caseId } of [crashed, legacy]) {
        const ids = (await auditOf(caseId)).map((entry) => entry.id);
        expect(ids.filter((id) => id === `${caseId}:3`)).toHaveLength(1);
        expect(await storedSummary(caseId)).toMatchObject({ version: 3, auditCopied: true });
      }
    } finally {
      await restarted.close();
    }
  });

  it("copies another process's entries with this process's next write, then drops them", async () => {
    const { caseId } = await startedTrajectory();
    const before = await storedCase(caseId);
    // Another process wrote version +1 with its entry and died (or lives on) before this process
    // knew the entry was copied.
    const foreign = outboxEntry(
      caseId,
      before.version + 1,
      { orgId: team.team.orgId, actorId: null, action: 'case.rename' },
      server.clock.now(),
    );
    await server.context.db
      .collection('cases')
      .updateOne(
        { _id: new Types.ObjectId(caseId) },
        { $set: { version: before.version + 1 }, $push: { auditOutbox: foreign as never } },
      );
    const rename = () =>
      writeCase(
        server.context,
        caseId,
        () => findCaseForSystem(server.context.db, caseId),
        (current) => ({
          result: null,
          write: {
            ...current,
            displayName: `${current.displayName}+`,
            version: current.version + 1,
          },
          audit: { orgId: current.orgId, actorId: null, action: 'case.rename' },
        }),
      );
    await rename();
    const mine = `${caseId}:${before.version + 2}`;
    expect((await storedCase(caseId)).auditOutbox.map((entry) => entry.id)).toEqual([
      foreign.id,
      mine,
    ]);
    expect((await auditOf(caseId)).map((entry) => entry.id)).toEqual(
      expect.arrayContaining([foreign.id, mine]),
    );
    await rename();
    expect((await storedCase(caseId)).auditOutbox.map((entry) => entry.id)).toEqual([
      `${caseId}:${before.version + 3}`,
    ]);
  });

  it('copies an entry twice without a duplicate, and a duplicate does not stop the others', async () => {
    const created = await createCaseViaApi(server, team);
    const [entry] = (await auditOf(created.id)).filter((item) => item.action === 'case.create');
    const raw = await server.context.db.collection('audit').findOne({ _id: entry!.id as never });
    const { _id, ...fields } = raw!;
    const fresh = { ...fields, id: `${created.id}:99` } as OutboxEntry;
    await copyToAudit(server.context.db, [{ id: String(_id), ...fields } as OutboxEntry, fresh]);
    const ids = (await auditOf(created.id)).map((item) => item.id);
    expect(ids.filter((id) => id === entry!.id)).toHaveLength(1);
    expect(ids).toContain(fresh.id);
  });
});
