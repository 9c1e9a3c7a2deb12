import { ensureCaseIndexes } from '../../server/case-store/case.repository';
import { createTestDatabase, type TestDatabase } from '../support/database';

/**
 * The embedded engine's build pushes string equality on orgId/teamId/begeleiderId down to SQLite
 * (decision 022): a team's cases come from an index instead of decoding every case, and the
 * answer is the same as without it (the engine still applies the whole filter).
 */
describe('scalar equality on the test engine', () => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase('pushdown');
    await ensureCaseIndexes(database.connection);
    await database.connection.collection('cases').insertMany(
      Array.from({ length: 60 }, (_, index) => ({
        orgId: index < 50 ? 'org-a' : 'org-b',
        teamId: `team-${index % 3}`,
        begeleiderId: `bg-${index % 6}`,
        clientNumber: `K-${index}`,
        currentTrede: (index % 6) + 1,
      })),
    );
  });
  afterAll(async () => database.cleanup());

  it('gives the same answers as a full scan would', async () => {
    const cases = database.connection.collection('cases');
    expect(await cases.countDocuments({ orgId: 'org-a', teamId: 'team-1' })).toBe(17);
    expect(
      await cases.countDocuments({ orgId: 'org-a', teamId: 'team-1', begeleiderId: 'bg-1' }),
    ).toBe(9);
    expect(await cases.countDocuments({ orgId: 'org-a', teamId: 'team-1', currentTrede: 2 })).toBe(
      9,
    );
    expect(
      await cases.countDocuments({ orgId: 'org-b', teamId: { $in: ['team-0', 'team-2'] } }),
    ).toBe(7);
    expect(
      await cases.countDocuments({ orgId: 'org-a', teamId: 'team-1', clientNumber: 'K-0' }),
    ).toBe(0);
  });

  it("serves a team's cases from an index", async () => {
    const explained = (await database.connection
      .collection('cases')
      .find({ orgId: 'org-a', teamId: 'team-1' })
      .explain('queryPlanner')) as {
      queryPlanner?: { Plan?: unknown; winningPlan?: unknown };
      serverInfo?: { ferretdbVersion?: string };
    };
    const plan = JSON.stringify(
      explained.queryPlanner?.Plan ?? explained.queryPlanner?.winningPlan,
    );
    if (explained.serverInfo?.ferretdbVersion) expect(plan).toMatch(/SEARCH \S+ USING INDEX/);
    else expect(plan).toMatch(/IXSCAN/);
  });
});
