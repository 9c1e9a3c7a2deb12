import request from 'supertest';
import { connectDatabase } from '../../server/db/connection';
import { bearer } from '../support/auth';
import { createTestDatabase, type TestDatabase } from '../support/database';
import {
  createCaseViaApi,
  createCaseworkTeam,
  createTrajectoryViaApi,
  sendEvent,
} from '../support/factories';
import { startTestServer } from '../support/test-server';

describe('no lost data (SPEC §6)', () => {
  it('lets exactly one of 20 concurrent events with the same expectedVersion win; the rest get 409', async () => {
    const server = await startTestServer();
    try {
      const team = await createCaseworkTeam(server);
      const created = await createCaseViaApi(server, team);
      const trajectory = await createTrajectoryViaApi(server, team.begeleider.token, created.id, {
        product: 'HER',
      });
      const responses = await Promise.all(
        Array.from({ length: 20 }, (_, index) =>
          sendEvent(server, team.begeleider.token, trajectory.id, {
            type: 'START',
            occurredAt: `2026-05-01T10:${String(index).padStart(2, '0')}:00Z`,
            expectedVersion: 1,
          }),
        ),
      );
      const statuses = responses.map((response) => response.status).sort();
      expect(statuses).toEqual([200, ...Array<number>(19).fill(409)]);
      const view = await request(server.app)
        .get(`/api/v1/trajectories/${trajectory.id}`)
        .set(bearer(team.begeleider.token))
        .expect(200);
      expect(view.body.version).toBe(2);
      expect(
        view.body.history.filter((entry: { type: string }) => entry.type === 'START'),
      ).toHaveLength(1);
    } finally {
      await server.close();
    }
  });

  it('keeps every acknowledged write across a restart on a fresh connection', async () => {
    const database = await createTestDatabase('restart');
    let second: TestDatabase | undefined;
    try {
      const first = await startTestServer({ database });
      const team = await createCaseworkTeam(first);
      const created = await createCaseViaApi(first, team);
      const trajectory = await createTrajectoryViaApi(first, team.begeleider.token, created.id, {
        product: 'ONT',
        targetTrede: 2,
      });
      const started = await sendEvent(first, team.begeleider.token, trajectory.id, {
        type: 'START',
        occurredAt: '2026-02-01',
        expectedVersion: 1,
      });
      expect(started.status).toBe(200);
      await first.close();
      await database.connection.close();

      second = {
        uri: database.uri,
        connection: await connectDatabase(database.uri),
        cleanup: database.cleanup,
      };
      const restarted = await startTestServer({ database: second });
      const view = await request(restarted.app)
        .get(`/api/v1/trajectories/${trajectory.id}`)
        .set(bearer(team.begeleider.token))
        .expect(200);
      expect(view.body).toMatchObject({ state: 'active', version: 2 });
      expect(view.body.history.map((entry: { type: string }) => entry.type)).toEqual([
        'CREATED',
        'START',
      ]);
      const assessed = await sendEvent(restarted, team.begeleider.token, trajectory.id, {
        type: 'ASSESS_TREDE',
        trede: 2,
        occurredAt: '2026-03-01',
        expectedVersion: 2,
      });
      expect(assessed.status).toBe(200);
      await restarted.close();
    } finally {
      if (second) {
        await second.connection.dropDatabase();
        await second.connection.close();
      } else {
        await database.cleanup();
      }
    }
  });
});
