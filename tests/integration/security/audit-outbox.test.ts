import request from 'supertest';
import { copyToAudit } from '../../../server/audit/audit.repository';
import type { OutboxEntry } from '../../../server/audit/outbox';
import { flushPendingAudit } from '../../../server/case-store/case-writer';
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

/**
 * Guarantee 10: the audit entry of a change is written in the same single-document update as the
 * change (the case's outbox) and copied to the audit collection under `<caseId>:<version>`.
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

  it('gives every change of a case one entry with a deterministic id, and empties the outbox', async () => {
    const created = await createCaseViaApi(server, team);
    const trajectory = await createTrajectoryViaApi(server, team.begeleider.token, created.id, {
      product: 'ONT',
      targetTrede: 2,
    });
    const started = await sendEvent(server, team.begeleider.token, trajectory.id, {
      type: 'START',
      occurredAt: '2026-05-01',
      expectedVersion: 1,
    });
    expect(started.status).toBe(200);
    const entries = await auditOf(created.id);
    expect(entries.map((entry) => [entry.id, entry.action]).sort()).toEqual([
      [`${created.id}:1`, 'case.create'],
      [`${created.id}:2`, 'trajectory.create'],
      [`${created.id}:3`, 'trajectory.event'],
    ]);
    expect((await rawCase(server, created.id)) as { auditOutbox: unknown[] }).toMatchObject({
      auditOutbox: [],
    });
  });

  it('keeps the entry in the case when copying fails (a crash), and a start-up flush copies it once', async () => {
    const created = await createCaseViaApi(server, team);
    const trajectory = await createTrajectoryViaApi(server, team.begeleider.token, created.id, {
      product: 'ONT',
      targetTrede: 2,
    });
    const db = server.context.db;
    const realCollection = db.collection.bind(db);
    const spy = jest
      .spyOn(db, 'collection')
      .mockImplementation(((name: string) =>
        name === 'audit'
          ? { insertOne: () => Promise.reject(new Error('process died here')) }
          : realCollection(name)) as typeof db.collection);
    try {
      const started = await sendEvent(server, team.begeleider.token, trajectory.id, {
        type: 'START',
        occurredAt: '2026-05-01',
        expectedVersion: 1,
      });
      expect(started.status).toBe(200);
    } finally {
      spy.mockRestore();
    }
    const stored = (await rawCase(server, created.id)) as {
      version: number;
      auditOutbox: Array<{ id: string; action: string }>;
    };
    expect(stored.auditOutbox).toEqual([
      expect.objectContaining({ id: `${created.id}:3`, action: 'trajectory.event' }),
    ]);
    expect((await auditOf(created.id)).map((entry) => entry.id)).not.toContain(`${created.id}:3`);

    expect(await flushPendingAudit(server.context)).toBeGreaterThanOrEqual(1);
    expect(await flushPendingAudit(server.context)).toBe(0); // nothing left
    const ids = (await auditOf(created.id)).map((entry) => entry.id);
    expect(ids.filter((id) => id === `${created.id}:3`)).toHaveLength(1);
    expect(((await rawCase(server, created.id)) as { auditOutbox: unknown[] }).auditOutbox).toEqual(
      [],
    );
  });

  it('copies an entry twice without a duplicate (idempotent by _id)', async () => {
    const created = await createCaseViaApi(server, team);
    const [entry] = (await auditOf(created.id)).filter((item) => item.action === 'case.create');
    const raw = await server.context.db.collection('audit').findOne({ _id: entry!.id as never });
    const { _id, ...fields } = raw!;
    await copyToAudit(server.context.db, [{ id: String(_id), ...fields } as OutboxEntry]);
    expect((await auditOf(created.id)).filter((item) => item.id === entry!.id)).toHaveLength(1);
  });
});
