import { createTestDatabase, type TestDatabase } from '../support/database';

/**
 * Regression: FerretDB's SQLite backend scanned the whole collection for every `{_id}` lookup and
 * every update until the build patch (decision 002). Every event goes through this lookup.
 */
describe('a lookup by _id on the test engine', () => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase('idindex');
  });
  afterAll(async () => database.cleanup());

  it('is served by the _id index', async () => {
    const cases = database.connection.collection('cases');
    const { insertedId } = await cases.insertOne({ clientNumber: 'K-1' });
    await cases.insertMany(
      Array.from({ length: 20 }, (_, index) => ({ clientNumber: `K-${index + 2}` })),
    );
    const explained = (await cases.find({ _id: insertedId }).explain('queryPlanner')) as {
      queryPlanner?: { Plan?: unknown; winningPlan?: unknown };
      serverInfo?: { ferretdbVersion?: string };
    };
    const plan = JSON.stringify(
      explained.queryPlanner?.Plan ?? explained.queryPlanner?.winningPlan,
    );
    if (explained.serverInfo?.ferretdbVersion)
      expect(plan).toMatch(/SEARCH \S+ USING INDEX \S+__id_/);
    else expect(plan).toMatch(/IDHACK|EXPRESS_IXSCAN|IXSCAN|CLUSTERED_IXSCAN/);
  });
});
