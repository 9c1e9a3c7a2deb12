import mongoose, { Types, type Connection, type mongo } from 'mongoose';
import { appendAudit, copyToAudit } from '../../server/audit/audit.repository';
import {
  insertForNewCases,
  upsertUnlessNewer,
} from '../../server/case-store/read-model.repository';
import { createTestDatabase, type TestDatabase } from '../support/database';

/**
 * Decision 070: the derived writes — the audit copy of a case's outbox and the per-case read
 * models — ask not to wait for the journal (`{j: false}`), which the embedded build turns into a
 * commit without its own sync; an audit entry written directly (no case holds it) keeps the
 * default. Read off the commands the driver sends, and the documents must be stored all the same.
 */
describe('derived writes without waiting for the journal', () => {
  let database: TestDatabase;
  let monitored: Connection;
  const sent: Array<{ name: string; collection: unknown; writeConcern: unknown }> = [];

  beforeAll(async () => {
    database = await createTestDatabase('unjournaled');
    monitored = await mongoose
      .createConnection(database.uri, { monitorCommands: true })
      .asPromise();
    monitored.getClient().on('commandStarted', (event: mongo.CommandStartedEvent) => {
      if (event.commandName === 'insert' || event.commandName === 'update')
        sent.push({
          name: event.commandName,
          collection: event.command[event.commandName],
          writeConcern: event.command.writeConcern,
        });
    });
  });
  afterAll(async () => {
    await monitored.close();
    await database.cleanup();
  });
  beforeEach(() => {
    sent.length = 0;
  });

  const caseId = () => new Types.ObjectId().toHexString();

  it('copies outbox entries to audit with {j: false}, and they are stored', async () => {
    const id = `${caseId()}:2`;
    await copyToAudit(monitored, [
      {
        id,
        orgId: 'org',
        at: new Date('2026-12-06T08:00:00Z'),
        actorId: null,
        action: 'trajectory.event',
        category: 'change',
        caseId: id.split(':')[0]!,
        trajectoryId: null,
        details: {},
      } as never,
    ]);
    expect(sent).toEqual([{ name: 'insert', collection: 'audit', writeConcern: { j: false } }]);
    expect(await monitored.collection('audit').countDocuments({ _id: id as never })).toBe(1);
  });

  it('upserts and inserts read-model documents with {j: false}, and they are stored', async () => {
    const summaries = monitored.collection('summaries_probe');
    const [first, second] = [caseId(), caseId()];
    await insertForNewCases(summaries, [
      { caseId: first, document: { state: 'active', version: 1 } },
    ]);
    await upsertUnlessNewer(
      summaries,
      [
        { caseId: first, caseVersion: 3, document: { state: 'at_risk', version: 3 } },
        { caseId: second, caseVersion: 1, document: { state: 'active', version: 1 } },
      ],
      'set',
    );
    expect(sent).toEqual([
      { name: 'insert', collection: 'summaries_probe', writeConcern: { j: false } },
      { name: 'update', collection: 'summaries_probe', writeConcern: { j: false } },
    ]);
    const stored = await summaries.find({}).sort({ state: 1 }).toArray();
    expect(stored.map((doc) => [doc._id.toHexString(), doc.state])).toEqual([
      [second, 'active'],
      [first, 'at_risk'],
    ]);
  });

  it('writes an audit entry of its own (no case holds it) with the default write concern', async () => {
    await appendAudit(monitored, {
      orgId: 'org',
      at: new Date('2026-12-06T08:00:00Z'),
      actorId: null,
      action: 'case.read',
      category: 'read',
      caseId: null,
      trajectoryId: null,
    } as never);
    expect(sent).toHaveLength(1);
    expect(sent[0]).toMatchObject({ name: 'insert', collection: 'audit' });
    expect(sent[0]!.writeConcern).toBeUndefined();
  });
});
