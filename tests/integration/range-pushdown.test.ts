import fc from 'fast-check';
import { Types } from 'mongoose';
import { ensureCaseSummaryIndexes } from '../../server/case-store/case-summary.repository';
import { createTestDatabase, type TestDatabase } from '../support/database';

/**
 * The embedded engine's build pushes date ranges on signalFrom/sweepDueAt/updatedAt and `_id`
 * lists down to SQLite (decision 043). The SQL only narrows the rows the engine then filters
 * itself, so the answers must equal a scan's — also across the digit counts of the stored
 * milliseconds (before 1970, before 2001, after 2286), where comparing JSON text would not — and
 * a team's range is served by an index.
 */
describe('date ranges and _id lists on the test engine', () => {
  let database: TestDatabase;
  const DAY = 86_400_000;
  const edges: [number, number, number, number, number, number] = [
    Date.UTC(1969, 11, 31),
    Date.UTC(1999, 0, 1),
    Date.UTC(2001, 8, 9, 1, 46, 39), // 999,999,999,000 ms: 12 digits
    Date.UTC(2001, 8, 9, 1, 46, 41), // 13 digits
    Date.UTC(2026, 5, 1),
    Date.UTC(2300, 0, 1), // 14 digits
  ];
  const values: Array<number | null | undefined> = [
    ...edges.flatMap((edge) => [edge - DAY, edge, edge + 1]),
    null,
    undefined,
  ];
  const docs = values.map((value, index) => ({
    _id: new Types.ObjectId(),
    orgId: 'org-a',
    teamId: `team-${index % 2}`,
    ...(value === undefined ? {} : { signalFrom: value === null ? null : new Date(value) }),
    sweepDueAt: value ? new Date(value) : null,
  }));

  beforeAll(async () => {
    database = await createTestDatabase('ranges');
    await ensureCaseSummaryIndexes(database.connection);
    await database.connection.collection('case_summaries').insertMany(docs);
  });
  afterAll(async () => database.cleanup());

  const ops = ['$gt', '$gte', '$lt', '$lte'] as const;
  const holds = (op: (typeof ops)[number], value: number, bound: number) =>
    op === '$gt'
      ? value > bound
      : op === '$gte'
        ? value >= bound
        : op === '$lt'
          ? value < bound
          : value <= bound;

  it('gives the same answers as a scan, for every operator and bound', async () => {
    const summaries = database.connection.collection('case_summaries');
    const bounds = fc.sample(
      fc.oneof(
        fc.constantFrom(...edges),
        fc.integer({ min: Date.UTC(1960, 0, 1), max: Date.UTC(2310, 0, 1) }),
      ),
      { numRuns: 12, seed: 7 },
    );
    for (const bound of bounds)
      for (const op of ops)
        for (const field of ['signalFrom', 'sweepDueAt'] as const) {
          const found = await summaries
            .find({ orgId: 'org-a', teamId: 'team-0', [field]: { [op]: new Date(bound) } })
            .toArray();
          const expected = docs.filter((doc) => {
            const value = doc[field as keyof typeof doc];
            return (
              doc.teamId === 'team-0' && value instanceof Date && holds(op, value.getTime(), bound)
            );
          });
          expect(found.map((doc) => String(doc._id)).sort()).toEqual(
            expected.map((doc) => String(doc._id)).sort(),
          );
        }
    const between = await summaries.countDocuments({
      sweepDueAt: { $gt: new Date(edges[1]), $lte: new Date(edges[4]) },
    });
    expect(between).toBe(
      docs.filter(
        (doc) =>
          doc.sweepDueAt !== null &&
          doc.sweepDueAt.getTime() > edges[1] &&
          doc.sweepDueAt.getTime() <= edges[4],
      ).length,
    );
  });

  it('finds the documents of an _id list, and nothing for unknown ids', async () => {
    const summaries = database.connection.collection('case_summaries');
    const [first, , , , , sixth] = docs;
    const wanted = [first!._id, sixth!._id, new Types.ObjectId()];
    const found = await summaries.find({ _id: { $in: wanted } }).toArray();
    expect(found.map((doc) => String(doc._id)).sort()).toEqual(
      [first!._id, sixth!._id].map(String).sort(),
    );
    expect(await summaries.countDocuments({ _id: { $in: wanted }, teamId: 'team-1' })).toBe(
      [first!, sixth!].filter((doc) => doc.teamId === 'team-1').length,
    );
  });

  it("serves a team's signalFrom range and the sweeper's due range from indexes", async () => {
    const summaries = database.connection.collection('case_summaries');
    const planOf = async (filter: Record<string, unknown>) => {
      const explained = (await summaries.find(filter).explain('queryPlanner')) as {
        queryPlanner?: { Plan?: unknown; winningPlan?: unknown };
        serverInfo?: { ferretdbVersion?: string };
      };
      const plan = JSON.stringify(
        explained.queryPlanner?.Plan ?? explained.queryPlanner?.winningPlan,
      );
      return { plan, ferretdb: Boolean(explained.serverInfo?.ferretdbVersion) };
    };
    const team = await planOf({
      orgId: 'org-a',
      teamId: 'team-0',
      signalFrom: { $lte: new Date(edges[4]) },
    });
    const due = await planOf({ sweepDueAt: { $lte: new Date(edges[4]) } });
    if (team.ferretdb) {
      expect(team.plan).toMatch(/SEARCH \S+ USING INDEX \S+signalFrom_range/);
      expect(due.plan).toMatch(/SEARCH \S+ USING INDEX \S+sweepDueAt_range/);
    } else {
      expect(team.plan).toMatch(/IXSCAN/);
      expect(due.plan).toMatch(/IXSCAN/);
    }
  });
});
