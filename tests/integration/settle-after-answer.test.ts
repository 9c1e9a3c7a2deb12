import request from 'supertest';
import type { Config } from '../../server/config';
import { bearer } from '../support/auth';
import {
  createCaseViaApi,
  createCaseworkTeam,
  createTrajectoryViaApi,
  sendEvent,
  type TestTeam,
} from '../support/factories';
import { startTestServer, type TestServer } from '../support/test-server';

/**
 * Decision 061: with one writing process an event is answered before its audit copy and summary
 * are written, and a read of summaries waits for them; with several processes
 * (compare-and-set) the answer itself waits. The audit copy is held back here until released.
 */
describe.each<Config['writeConcurrency']>(['auto', 'compare-and-set'])(
  'settling a case write (writeConcurrency %s)',
  (writeConcurrency) => {
    let server: TestServer;
    let team: TestTeam;
    beforeAll(async () => {
      server = await startTestServer({ config: { writeConcurrency } });
      team = await createCaseworkTeam(server);
    });
    afterAll(async () => server.close());

    /** Holds every insert into `audit` until `release` is called. */
    function holdingAuditCopies() {
      const db = server.context.db;
      const realCollection = db.collection.bind(db);
      let release!: () => void;
      const released = new Promise<void>((resolve) => (release = resolve));
      let held = 0;
      const spy = jest.spyOn(db, 'collection').mockImplementation(((name: string) => {
        const collection = realCollection(name);
        if (name !== 'audit') return collection;
        return {
          insertMany: async (docs: object[], options: object) => {
            held += 1;
            await released;
            return collection.insertMany(docs as never, options);
          },
        };
      }) as typeof db.collection);
      return { release, held: () => held, restore: () => spy.mockRestore() };
    }

    const listedState = async (caseId: string) => {
      const response = await request(server.app)
        .get('/api/v1/cases?pageSize=100')
        .set(bearer(team.begeleider.token))
        .expect(200);
      const item = (
        response.body.items as Array<{ id: string; openTrajectory: { state: string } | null }>
      ).find((listed) => listed.id === caseId);
      return item?.openTrajectory?.state;
    };

    const until = async (condition: () => boolean) => {
      while (!condition()) await new Promise((resolve) => setTimeout(resolve, 5));
    };

    it(
      writeConcurrency === 'auto'
        ? 'answers while the copy waits; the case list waits for the copy and the summary'
        : 'answers only after the copy and the summary',
      async () => {
        const created = await createCaseViaApi(server, team);
        const trajectory = await createTrajectoryViaApi(server, team.begeleider.token, created.id, {
          product: 'ONT',
          targetTrede: 2,
        });
        const hold = holdingAuditCopies();
        try {
          let answered = false;
          const answer = sendEvent(server, team.begeleider.token, trajectory.id, {
            type: 'START',
            occurredAt: '2026-05-01',
            expectedVersion: trajectory.version,
          }).then((response) => {
            answered = true;
            return response;
          });
          await until(() => hold.held() > 0);

          if (writeConcurrency === 'auto') {
            expect((await answer).status).toBe(200); // the copy is still held
            let listed: string | undefined;
            const list = listedState(created.id).then((state) => (listed = state));
            await new Promise((resolve) => setTimeout(resolve, 100));
            expect(listed).toBeUndefined(); // the list waits for the settle
            hold.release();
            expect(await list).toBe('active');
          } else {
            await new Promise((resolve) => setTimeout(resolve, 100));
            expect(answered).toBe(false);
            hold.release();
            expect((await answer).status).toBe(200);
            expect(await listedState(created.id)).toBe('active');
          }
        } finally {
          hold.release();
          hold.restore();
        }
      },
    );
  },
);
