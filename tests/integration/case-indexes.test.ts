import {
  caseSchema,
  MONGODB_ONLY_CASE_INDEXES,
  OBSOLETE_CASE_INDEXES,
} from '../../server/case-store/case.model';
import { ensureCaseIndexes } from '../../server/case-store/case.repository';
import {
  ensureAuditIndexes,
  MONGODB_ONLY_AUDIT_INDEXES,
} from '../../server/audit/audit.repository';
import {
  ensureCaseSummaryIndexes,
  MONGODB_ONLY_SUMMARY_INDEXES,
} from '../../server/case-store/case-summary.repository';
import { createTestDatabase, type TestDatabase } from '../support/database';

/**
 * Decisions 041, 058 and 066: indexes of `cases` that no query needs any more cost every case
 * write; a database created by an earlier version loses them at start-up and keeps every index the
 * schema declares, on the embedded engine those it can use.
 */
describe('the indexes of cases at start-up', () => {
  let database: TestDatabase;
  let onFerretDb = false;
  beforeAll(async () => {
    database = await createTestDatabase('caseindexes');
    const info = await database.connection.db!.admin().command({ buildInfo: 1 });
    onFerretDb = typeof info.ferretdbVersion === 'string';
  });
  afterAll(async () => database.cleanup());

  const keysOf = async () =>
    (await database.connection.collection('cases').indexes()).map((index) =>
      JSON.stringify(index.key),
    );

  it('drops the obsolete ones and keeps those of the schema the engine can use', async () => {
    const cases = database.connection.collection('cases');
    await cases.insertOne({ orgId: 'o', teamId: 't', clientNumber: 'K-1' });
    // As an earlier version left them: the obsolete ones, and the schema's with its options.
    for (const key of OBSOLETE_CASE_INDEXES) await cases.createIndex(key);
    for (const [key, options] of caseSchema.indexes())
      await cases.createIndex(key as Record<string, 1>, options as { unique?: boolean });
    const before = await keysOf();
    for (const key of OBSOLETE_CASE_INDEXES) expect(before).toContain(JSON.stringify(key));

    await ensureCaseIndexes(database.connection);
    const after = await keysOf();
    for (const key of OBSOLETE_CASE_INDEXES) expect(after).not.toContain(JSON.stringify(key));
    // Decision 058: on the embedded engine the indexes it cannot use are dropped, not kept.
    const mongoOnly = new Set(MONGODB_ONLY_CASE_INDEXES.map((key) => JSON.stringify(key)));
    const expected = caseSchema
      .indexes()
      .map(([key]) => JSON.stringify(key))
      .filter((key) => !mongoOnly.has(key) || !onFerretDb);
    for (const key of expected) expect(after).toContain(key);
    expect(after).toHaveLength(expected.length + 1); // and _id
    // _id, the unique client-number key, the scope of a team or begeleider (decision 066).
    if (onFerretDb) expect(after).toHaveLength(3);
  });

  it('refuses a second case with the same client number, in any case, everywhere', async () => {
    const cases = database.connection.collection('cases');
    const stored = await cases.findOne({ clientNumber: 'K-1' });
    expect(stored?.clientNumberKey).toBe('k-1'); // given at start-up to a case stored without it
    // As the repository stores a case: with the key of its number (case.repository.ts).
    for (const clientNumber of ['K-1', 'k-1'])
      await expect(
        cases.insertOne({ orgId: 'o', teamId: 't2', clientNumber, clientNumberKey: 'k-1' }),
      ).rejects.toThrow(/duplicate key/i);
    await cases.insertOne({
      orgId: 'o2',
      teamId: 't',
      clientNumber: 'K-1',
      clientNumberKey: 'k-1',
    });
  });
});

describe('the indexes of case_summaries at start-up', () => {
  let database: TestDatabase;
  let onFerretDb = false;
  beforeAll(async () => {
    database = await createTestDatabase('summaryindexes');
    const info = await database.connection.db!.admin().command({ buildInfo: 1 });
    onFerretDb = typeof info.ferretdbVersion === 'string';
  });
  afterAll(async () => database.cleanup());

  it('keeps the client-number order on MongoDB only (decision 066)', async () => {
    const summaries = database.connection.collection('case_summaries');
    await summaries.insertOne({ orgId: 'o', teamId: 't', clientNumber: 'K-1' });
    for (const key of MONGODB_ONLY_SUMMARY_INDEXES) await summaries.createIndex(key);

    await ensureCaseSummaryIndexes(database.connection);
    const keys = (await summaries.indexes()).map((index) => JSON.stringify(index.key));
    for (const key of MONGODB_ONLY_SUMMARY_INDEXES)
      expect(keys.includes(JSON.stringify(key))).toBe(!onFerretDb);
    for (const key of [
      { orgId: 1, teamId: 1, begeleiderId: 1 },
      { orgId: 1, teamId: 1, signalFrom: 1 },
      { sweepDueAt: 1 },
    ])
      expect(keys).toContain(JSON.stringify(key));
    expect(keys).toHaveLength(onFerretDb ? 4 : 5); // and _id
  });
});

describe('the indexes of audit at start-up', () => {
  let database: TestDatabase;
  let onFerretDb = false;
  beforeAll(async () => {
    database = await createTestDatabase('auditindexes');
    const info = await database.connection.db!.admin().command({ buildInfo: 1 });
    onFerretDb = typeof info.ferretdbVersion === 'string';
  });
  afterAll(async () => database.cleanup());

  it('keeps on FerretDB only the one its queries can use (decision 066)', async () => {
    const audit = database.connection.collection('audit');
    await audit.insertOne({ orgId: 'o', at: new Date(), category: 'case', action: 'x' });
    for (const key of MONGODB_ONLY_AUDIT_INDEXES) await audit.createIndex(key);

    await ensureAuditIndexes(database.connection);
    const keys = (await audit.indexes()).map((index) => JSON.stringify(index.key));
    for (const key of MONGODB_ONLY_AUDIT_INDEXES)
      expect(keys.includes(JSON.stringify(key))).toBe(!onFerretDb);
    expect(keys).toContain(JSON.stringify({ orgId: 1, at: -1 }));
    expect(keys).toHaveLength(onFerretDb ? 2 : 5); // and _id
  });
});
