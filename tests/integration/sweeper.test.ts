import { runSweep } from '../../server/sweeper/run-sweep';
import { createTestDatabase, type TestDatabase } from '../support/database';
import { createCaseworkTeam, seedStartedTrajectories } from '../support/factories';
import { startTestServer, type TestServer } from '../support/test-server';
import { decodeHistory } from '../../server/case-store/stored-history';

/** SPEC §2.3: the sweeper is safe when several instances run it at once (each deadline exactly once). */
describe('deadline sweeper on two instances', () => {
  let database: TestDatabase;
  let first: TestServer;
  let second: TestServer;

  beforeAll(async () => {
    database = await createTestDatabase('sweep');
    first = await startTestServer({ database, now: '2026-06-01T10:00:00.000Z' });
    second = await startTestServer({ database, now: '2026-06-01T10:00:00.000Z' });
  });
  afterAll(async () => {
    await first.close();
    await second.close();
    await database.cleanup();
  });

  // Slow on FerretDB v1 (an update scans its collection, see docs/decisions/005), fast on MongoDB.
  it('applies DEADLINE_PASSED exactly once to each of 1,000 due trajectories', async () => {
    const team = await createCaseworkTeam(first);
    // Started 2025-10-01: the 6-month step deadline passed on 2026-04-01.
    const seeded = await seedStartedTrajectories(first, team, {
      count: 1000,
      product: 'ONT',
      targetTrede: 2,
      currentTrede: 1,
      startedAt: '2025-10-01T09:00:00.000Z',
    });
    // Not yet due: started a month ago.
    await seedStartedTrajectories(first, team, {
      count: 10,
      product: 'ONT',
      targetTrede: 2,
      currentTrede: 1,
      startedAt: '2026-05-01T09:00:00.000Z',
    });

    const [a, b] = await Promise.all([runSweep(first.context), runSweep(second.context)]);
    expect(a.failed + b.failed).toBe(0);
    expect(a.applied + b.applied).toBe(1000);

    const docs = await database.connection
      .collection('cases')
      .find(
        {},
        {
          projection: {
            'openTrajectory.id': 1,
            'openTrajectory.summary.state': 1,
            'openTrajectory.history': 1, // entry texts (decision 067)
            'openTrajectory.version': 1,
          },
        },
      )
      .toArray();
    const seededIds = new Set(seeded.map((record) => record.openTrajectory!.id));
    const due = docs.filter((doc) => seededIds.has(doc.openTrajectory.id));
    expect(due).toHaveLength(1000);
    for (const doc of due) {
      expect(doc.openTrajectory.summary.state).toBe('overdue');
      expect(
        decodeHistory(doc.openTrajectory.history).filter(
          (entry) => entry.type === 'DEADLINE_PASSED',
        ),
      ).toHaveLength(1);
    }
    const notDue = docs.filter((doc) => !seededIds.has(doc.openTrajectory.id));
    expect(notDue.map((doc) => doc.openTrajectory.summary.state)).toEqual(Array(10).fill('active'));

    // Nothing left to do for the next run of either instance.
    expect(await runSweep(second.context)).toEqual({ due: 0, applied: 0, skipped: 0, failed: 0 });
  }, 400_000);
});
