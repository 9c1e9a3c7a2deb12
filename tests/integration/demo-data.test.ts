import request from 'supertest';
import { SIGNAL_CODES } from '../../machines';
import {
  demoLoginBox,
  demoLogins,
  DEMO_ORGANISATION_NAME,
  DEMO_PASSWORD,
  DEMO_SCENARIO_COUNT,
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
    // Two cases per scenario keeps this test quick; `npm start` seeds seven per scenario.
    await seedDemoData(server.context, { cases: DEMO_SCENARIO_COUNT() * 2 });
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
    expect(cases.body.total).toBe(DEMO_SCENARIO_COUNT() * 2);
    expect(cases.body.items).toHaveLength(cases.body.total); // `every` of nothing is true
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
    expect([...products].sort()).toEqual(['HER', 'ONT', 'STA-2', 'STA-3', 'STA-3-PLUS', 'STA-4']);

    const signals = await request(server.app)
      .get('/api/v1/signals')
      .set({ Authorization: `Bearer ${token}` })
      .expect(200);
    // Every code of SPEC §2.4 is counted (an empty answer must fail, not pass vacuously).
    expect(Object.keys(signals.body.counts).sort()).toEqual([...SIGNAL_CODES].sort());
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

  it('is a provider for Arnhem, Renkum and Nijmegen, whose catalogues differ', async () => {
    const token = await login('demo-beheerder');
    const list = await request(server.app)
      .get('/api/v1/opdrachtgevers')
      .set({ Authorization: `Bearer ${token}` })
      .expect(200);
    const catalogue = (item: { catalogue: Array<Record<string, unknown>> }) =>
      Object.fromEntries(
        item.catalogue
          .filter((product) => product.enabled)
          .map((product) => [product.code, product.tariffCentsPerHour]),
      );
    expect(
      list.body.items.map((item: { name: string; gemeentecode: string }) => [
        item.name,
        item.gemeentecode,
        catalogue(item as never),
      ]),
    ).toEqual([
      ['Gemeente Arnhem', 'GM0202', { ONT: 1100, 'STA-3': 720, 'STA-4': 1100, HER: 1100 }],
      [
        'Gemeente Renkum',
        'GM0274',
        { ONT: 1100, 'STA-2': 1600, 'STA-3': 720, 'STA-4': 1100, HER: 1050 },
      ],
      [
        'Gemeente Nijmegen',
        'GM0268',
        { ONT: 1150, 'STA-3': 720, 'STA-4': 1100, HER: 1100, 'STA-3-PLUS': 960 },
      ],
    ]);
  });

  /** Every numeric leaf of a report, by its path (arrays by index are merged by key). */
  function leaves(value: unknown, path = '', out = new Map<string, number>()): Map<string, number> {
    if (typeof value === 'number') out.set(path, Math.max(out.get(path) ?? 0, value));
    else if (Array.isArray(value)) value.forEach((item) => leaves(item, `${path}[]`, out));
    else if (value && typeof value === 'object')
      for (const [key, item] of Object.entries(value))
        leaves(item, path ? `${path}.${key}` : key, out);
    return out;
  }

  it('gives non-trivial indicators and billing: every figure is non-zero somewhere', async () => {
    const token = await login('demo-beleid');
    const day = (daysAgo: number) =>
      new Date(Date.parse('2026-06-01T10:00:00.000Z') - daysAgo * 24 * 3600 * 1000)
        .toISOString()
        .slice(0, 10);
    const found = new Map<string, number>();
    // This year's question and last year's (duurzame uitstroom is only known a year later).
    for (const [from, to] of [
      [day(365), day(0)],
      [day(730), day(366)],
    ]) {
      const response = await request(server.app)
        .get(`/api/v1/reports/indicators?from=${from}&to=${to}`)
        .set({ Authorization: `Bearer ${token}` })
        .expect(200);
      for (const [path, value] of leaves(response.body))
        found.set(path, Math.max(found.get(path) ?? 0, value));
    }
    const zero = [...found].filter(([, value]) => value === 0).map(([path]) => path);
    expect(zero).toEqual([]);
    for (const key of [
      'steps.clients',
      'ladder.matrix[].count',
      'activation.share',
      'trajectories.closedByOutcome.switched',
      'trajectories.achievedAfterLimit',
      'daysPerStep.HER.median',
      'outflow.durable.stillAtFiveOrMore',
      'outflow.durable.notStill',
      'outflow.durable.notYetKnown',
      'reentry.reentered',
      'reentry.notYetKnown',
      'herontdekken.byYear[].zelfstandigShare',
    ])
      expect({ key, present: found.has(key) }).toEqual({ key, present: true });

    const billing = await request(server.app)
      .get('/api/v1/reports/billing?month=2026-05')
      .set({ Authorization: `Bearer ${token}` })
      .expect(200);
    const names = new Set(
      billing.body.rows.map((row: { opdrachtgever: string }) => row.opdrachtgever),
    );
    expect([...names].sort()).toEqual(['Gemeente Arnhem', 'Gemeente Nijmegen', 'Gemeente Renkum']);
    const billed = leaves(billing.body.rows);
    for (const key of [
      '[].participants',
      '[].billableDays',
      '[].minutes',
      '[].hours',
      '[].tariff',
      '[].amount',
    ])
      expect({ key, value: (billed.get(key) ?? 0) > 0 }).toEqual({ key, value: true });
    expect(billing.body.rows.map((row: { product: string }) => row.product)).toEqual(
      expect.arrayContaining(['STA-2', 'STA-3-PLUS']),
    );
  });

  it('gives the teamleider a forecast with a crunch and the beheerder an audit log (issue 11)', async () => {
    const lead = await login('demo-teamleider');
    const forecast = await request(server.app)
      .get('/api/v1/forecast')
      .set({ Authorization: `Bearer ${lead}` })
      .expect(200);
    const totals = (forecast.body.weeks as Array<{ total: number }>).map((week) => week.total);
    // A crunch: some week has more falling due than an average week of the twelve.
    const average = totals.reduce((a, b) => a + b, 0) / totals.length;
    expect(Math.max(...totals)).toBeGreaterThan(average);
    expect(forecast.body.overdue.total).toBeGreaterThan(0);
    const caseloads = await request(server.app)
      .get('/api/v1/caseloads')
      .set({ Authorization: `Bearer ${lead}` })
      .expect(200);
    expect(caseloads.body.items.some((row: { open: number }) => row.open > 0)).toBe(true);
    const admin = await login('demo-beheerder');
    const audit = await request(server.app)
      .get('/api/v1/audit')
      .set({ Authorization: `Bearer ${admin}` })
      .expect(200);
    expect(audit.body.total).toBeGreaterThan(0);
  });

  it('does not load twice', async () => {
    const before = await server.context.db.collection('cases').countDocuments();
    expect(before).toBe(DEMO_SCENARIO_COUNT() * 2); // a second load of nothing would prove nothing
    await prepareDemoData(server.context, { embedded: true });
    expect(await server.context.db.collection('cases').countDocuments()).toBe(before);
  });
});
