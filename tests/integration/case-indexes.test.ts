import {
  caseSchema,
  MONGODB_ONLY_CASE_INDEXES,
  OBSOLETE_CASE_INDEXES,
} from '../../server/case-store/case.model';
import { ensureCaseIndexes } from '../../server/case-store/case.repository';
import { createTestDatabase, type TestDatabase } from '../support/database';

/**
 * Decisions 041 and 058: indexes of `cases` that no query needs any more cost every case write; a database
 * created by an earlier version loses them at start-up and keeps every index the schema declares.
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
    for (const key of [...OBSOLETE_CASE_INDEXES, ...MONGODB_ONLY_CASE_INDEXES])
      await cases.createIndex(key);
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
    if (onFerretDb) expect(after).toHaveLength(4);
  });

  it('keeps the unique client-number indexes everywhere', async () => {
    const cases = database.connection.collection('cases');
    await expect(
      cases.insertOne({ orgId: 'o', teamId: 't2', clientNumber: 'K-1' }),
    ).rejects.toThrow(/duplicate key/i);
  });
});
