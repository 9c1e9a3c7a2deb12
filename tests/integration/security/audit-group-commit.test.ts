import { copyToAuditGrouped } from '../../../server/audit/group-commit';
import { outboxEntry, type OutboxEntry } from '../../../server/audit/outbox';
import { newId } from '../../../server/ids';
import { startTestServer, type TestServer } from '../../support/test-server';

/**
 * Group commit of audit copies (issue 13): the copies of concurrent events share one insertMany,
 * each caller still waits for its own entries, and a duplicate in a batch loses no other entry.
 */
describe('audit copies are grouped', () => {
  let server: TestServer;

  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(async () => server.close());

  const entry = (caseId: string, version: number): OutboxEntry =>
    outboxEntry(
      caseId,
      version,
      { orgId: 'org-group', actorId: null, action: 'trajectory.event' },
      server.clock.now(),
    );

  /** Counts the inserts into `audit` (and can make them fail) while `work` runs. */
  async function watchingInserts<T>(
    work: () => Promise<T>,
    fail?: (ids: string[]) => boolean,
  ): Promise<{ result: T; batches: string[][] }> {
    const db = server.context.db;
    const realCollection = db.collection.bind(db);
    const batches: string[][] = [];
    const spy = jest.spyOn(db, 'collection').mockImplementation(((name: string) => {
      const collection = realCollection(name);
      if (name !== 'audit') return collection;
      return {
        insertMany: (docs: Array<{ _id: string }>, options: object) => {
          const ids = docs.map((doc) => doc._id);
          batches.push(ids);
          if (fail?.(ids)) return Promise.reject(new Error('simulated: the engine went away'));
          return collection.insertMany(docs as never, options);
        },
      };
    }) as typeof db.collection);
    try {
      return { result: await work(), batches };
    } finally {
      spy.mockRestore();
    }
  }

  const storedIds = async (caseId: string) =>
    (await server.context.db.collection('audit').find({ caseId }).toArray()).map((doc) =>
      String(doc._id),
    );

  it('sends the entries of events that finish while one insert is in flight as one insert', async () => {
    const caseId = newId();
    const entries = Array.from({ length: 6 }, (_, index) => entry(caseId, index + 1));
    const { batches } = await watchingInserts(() =>
      Promise.all(entries.map((one) => copyToAuditGrouped(server.context.db, [one]))),
    );
    // The first goes at once; the five that arrived meanwhile follow together.
    expect(batches).toEqual([[entries[0]!.id], entries.slice(1).map((one) => one.id)]);
    expect((await storedIds(caseId)).sort()).toEqual(entries.map((one) => one.id).sort());
  });

  it('a duplicate in a batch does not lose the other entries', async () => {
    const caseId = newId();
    const copied = entry(caseId, 1);
    await copyToAuditGrouped(server.context.db, [copied]);
    const fresh = [entry(caseId, 2), entry(caseId, 3)];
    await Promise.all([
      copyToAuditGrouped(server.context.db, [fresh[0]!]),
      copyToAuditGrouped(server.context.db, [copied, fresh[1]!]),
    ]);
    const ids = await storedIds(caseId);
    expect(ids.sort()).toEqual([copied.id, ...fresh.map((one) => one.id)].sort());
  });

  it('a failed insert fails the callers of that batch only', async () => {
    const caseId = newId();
    const [first, second, third] = [entry(caseId, 1), entry(caseId, 2), entry(caseId, 3)];
    const { result } = await watchingInserts(
      () =>
        Promise.allSettled([
          copyToAuditGrouped(server.context.db, [first!]),
          copyToAuditGrouped(server.context.db, [second!]),
          copyToAuditGrouped(server.context.db, [third!]),
        ]),
      (ids) => ids.includes(first!.id),
    );
    expect(result.map((outcome) => outcome.status)).toEqual(['rejected', 'fulfilled', 'fulfilled']);
    expect((await storedIds(caseId)).sort()).toEqual([second!.id, third!.id].sort());
  });
});
