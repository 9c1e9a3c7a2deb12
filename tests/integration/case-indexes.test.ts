import { caseSchema, OBSOLETE_CASE_INDEXES } from '../../server/case-store/case.model';
import { ensureCaseIndexes } from '../../server/case-store/case.repository';
import { createTestDatabase, type TestDatabase } from '../support/database';

/**
 * Decision 041: indexes of `cases` that no query needs any more cost every case write; a database
 * created by an earlier version loses them at start-up and keeps every index the schema declares.
 */
describe('the indexes of cases at start-up', () => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase('caseindexes');
  });
  afterAll(async () => database.cleanup());

  const keysOf = async () =>
    (await database.connection.collection('cases').indexes()).map((index) =>
      JSON.stringify(index.key),
    );

  it('drops the obsolete ones and keeps those of the schema', async () => {
    const cases = database.connection.collection('cases');
    await cases.insertOne({ orgId: 'o', teamId: 't', clientNumber: 'K-1' });
    for (const key of OBSOLETE_CASE_INDEXES) await cases.createIndex(key);
    const before = await keysOf();
    for (const key of OBSOLETE_CASE_INDEXES) expect(before).toContain(JSON.stringify(key));

    await ensureCaseIndexes(database.connection);
    const after = await keysOf();
    for (const key of OBSOLETE_CASE_INDEXES) expect(after).not.toContain(JSON.stringify(key));
    for (const [key] of caseSchema.indexes()) expect(after).toContain(JSON.stringify(key));
    expect(after).toHaveLength(caseSchema.indexes().length + 1); // and _id
  });
});
