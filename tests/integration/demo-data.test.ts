import request from 'supertest';
import {
  demoLoginBox,
  demoLogins,
  DEMO_ORGANISATION_NAME,
  DEMO_PASSWORD,
  seedDemoData,
} from '../../server/demo/seed-demo';
import { prepareDemoData } from '../../server/demo/demo-at-startup';
import { startTestServer, type TestServer } from '../support/test-server';

/** Issue 4, item 7: a clearly marked demo organisation in which every signal of SPEC §2.4 appears. */
describe('demo data', () => {
  let server: TestServer;
  let log: jest.SpyInstance;

  beforeAll(async () => {
    log = jest.spyOn(console, 'log').mockImplementation(() => undefined);
    server = await startTestServer({ now: '2026-06-01T10:00:00.000Z', config: { demo: true } });
    // Two cases per scenario keeps this test quick; `npm start` seeds 198 (eight or nine per scenario).
    await seedDemoData(server.context, { cases: 46 });
    await prepareDemoData(server.context, { embedded: true }); // finds the demo organisation: prints, does not seed
  }, 300_000);
  afterAll(async () => {
    log.mockRestore();
    await server.close();
  });

  const login = async (username: string) =>
    (
      await request(server.app)
        .post('/api/v1/auth/login')
        .send({ username, password: DEMO_PASSWORD })
        .expect(200)
    ).body.token as string;

  it('prints the demo logins in a box that says it is demo data', async () => {
    const printed = log.mock.calls.map((call) => String(call[0])).join('\n');
    expect(printed).toContain('DEMO DATA — not for real participants');
    expect(printed).toContain(DEMO_ORGANISATION_NAME);
    const logins = (await demoLogins(server.context))!;
    expect(logins.map((entry) => entry.role)).toEqual(
      expect.arrayContaining(['teamleider', 'begeleider', 'beleid', 'beheerder']),
    );
    expect(demoLoginBox(logins)).toContain('demo-teamleider');
  });

  it('holds fictitious cases in every product and state, with every signal', async () => {
    const token = await login('demo-teamleider');
    const cases = await request(server.app)
      .get('/api/v1/cases')
      .query({ pageSize: '200' })
      .set({ Authorization: `Bearer ${token}` })
      .expect(200);
    expect(cases.body.total).toBe(46);
    expect(
      cases.body.items.every((item: { displayName: string }) =>
        item.displayName.endsWith('(fictief)'),
      ),
    ).toBe(true);

    const all = await server.context.db
      .collection('cases')
      .find(
        {},
        {
          projection: {
            'openTrajectory.summary.state': 1,
            'openTrajectory.product': 1,
            'closedTrajectories.product': 1,
          },
        },
      )
      .toArray();
    const states = new Set(
      all.flatMap((doc) => (doc.openTrajectory ? [doc.openTrajectory.summary.state] : [])),
    );
    expect([...states].sort()).toEqual([
      'active',
      'droppedOut',
      'overdue',
      'registered',
      'reviewDue',
      'stepAchieved',
      'suspended',
    ]);
    const products = new Set(
      all
        .flatMap((doc) => [
          doc.openTrajectory?.product,
          ...doc.closedTrajectories.map((closed: { product: string }) => closed.product),
        ])
        .filter(Boolean),
    );
    expect([...products].sort()).toEqual(['HER', 'ONT', 'STA-3', 'STA-4']);

    const signals = await request(server.app)
      .get('/api/v1/signals')
      .set({ Authorization: `Bearer ${token}` })
      .expect(200);
    for (const [code, count] of Object.entries(signals.body.counts))
      expect({ code, present: (count as number) > 0 }).toEqual({ code, present: true });
  });

  it('measures the ladder outside a trajectory too (a year after closing, SPEC §3)', async () => {
    const docs = await server.context.db
      .collection('cases')
      .find({}, { projection: { ladder: 1 } })
      .toArray();
    const outside = docs.flatMap((doc) =>
      (doc.ladder as Array<{ reason: string; trajectoryId: string | null; to: number }>).filter(
        (entry) => entry.reason === 'assessment' && entry.trajectoryId === null,
      ),
    );
    expect(outside.map((entry) => entry.to)).toContain(6);
  });

  it('does not load twice', async () => {
    const before = await server.context.db.collection('cases').countDocuments();
    await prepareDemoData(server.context, { embedded: true });
    expect(await server.context.db.collection('cases').countDocuments()).toBe(before);
  });
});
