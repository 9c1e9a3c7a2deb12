import request from 'supertest';
import { bearer } from '../support/auth';
import { buildReportingFixture, type ReportingFixture } from '../fixtures/reporting-fixture';

/**
 * GET /reports/indicators/monthly on the hand-built fixture (tests/fixtures/reporting-fixture.ts):
 * the trend of the reports page, each month computed by hand below from the same histories that
 * tests/integration/reports-fixture.test.ts uses for the period 2026-02-01 … 2026-07-31.
 */
describe('the monthly trend on the hand-built fixture', () => {
  let fixture: ReportingFixture;
  const get = (token: string, path: string) =>
    request(fixture.server.app).get(`/api/v1${path}`).set(bearer(token));

  beforeAll(async () => {
    fixture = await buildReportingFixture();
  });
  afterAll(async () => fixture?.server.close());

  /*
   * Per month (Amsterdam dates), from the fixture's histories:
   *   ladder  Feb: P4 3→2 (02-01, down), P6 4→5 (02-20)   Mar: —   Apr: P3 1→2, P10 1→2
   *           May: P7 4→5   Jun: P9 2→3   Jul: P1 1→2, P2 2→3, P4 2→3 (07-31)
   *   started (START): May P10's follow-up ONT (05-01)
   *   closed  Feb P6, Mar P11, Apr P8 + P10 (concluded), May P7, Jun P9 (concluded), Jul P1
   *   achieved within the limit: Feb P6, Apr P3, May P7, Jul P1; after it: Jul P2
   *   became overdue: Jul P5 (07-11) and P2 (07-16); dropped out: Feb P11, Mar P5
   *   to paid work: Feb P6, May P7
   *   caseload on the month's last day (intake by then; no trajectory, or the latest one open):
   *     Feb P1 P2 P3 P4 P5 P7 P8 P9 P10 P11 = 10, all with a trajectory (P12's intake is 03-01)
   *     Mar − P11 (closed 03-05) + P12 (no trajectory) = 10, 9 with
   *     Apr − P8 (closed 04-10) = 9, 8 with (P10 continues in its follow-up ONT)
   *     May − P7 (05-12) = 8, 7      Jun − P9 (06-15) = 7, 6      Jul − P1 (07-20) = 6, 5
   * The counts add up to the period's (8 steps up, 1 down, 7 closed, …), and July's caseload is
   * the period's activation (6, 5).
   */
  const columns = [
    'month',
    'stepsUp',
    'stepsDown',
    'clientsWithStep',
    'started',
    'closed',
    'achievedWithinLimit',
    'achievedAfterLimit',
    'becameOverdue',
    'droppedOut',
    'toPaidWork',
    'caseload',
    'withTrajectory',
    'activationShare',
  ] as const;
  const EXPECTED = [
    ['2026-02', 1, 1, 1, 0, 1, 1, 0, 0, 1, 1, 10, 10, 1],
    ['2026-03', 0, 0, 0, 0, 1, 0, 0, 0, 1, 0, 10, 9, 0.9],
    ['2026-04', 2, 0, 2, 0, 2, 1, 0, 0, 0, 0, 9, 8, 0.8889],
    ['2026-05', 1, 0, 1, 1, 1, 1, 0, 0, 0, 1, 8, 7, 0.875],
    ['2026-06', 1, 0, 1, 0, 1, 0, 0, 0, 0, 0, 7, 6, 0.8571],
    ['2026-07', 3, 0, 3, 0, 1, 1, 1, 2, 0, 0, 6, 5, 0.8333],
  ];
  const table = (months: Array<Record<string, unknown>>) =>
    months.map((month) => columns.map((column) => month[column]));

  it('counts each month of the period as the indicators count it', async () => {
    const response = await get(
      fixture.beleid,
      '/reports/indicators/monthly?from=2026-02-01&to=2026-07-31',
    ).expect(200);
    expect(response.body.period).toEqual({ from: '2026-02-01', to: '2026-07-31' });
    expect(response.body.asOf).toBe('2027-09-01T10:00:00.000Z');
    expect(table(response.body.months)).toEqual(EXPECTED);
    expect(response.body.months[0]).toMatchObject({ from: '2026-02-01', to: '2026-02-28' });
    for (const secret of fixture.personal) expect(response.text).not.toContain(secret);

    // The additive counts of the months are the period's own figures.
    const period = await get(
      fixture.beleid,
      '/reports/indicators?from=2026-02-01&to=2026-07-31',
    ).expect(200);
    const sum = (key: string) =>
      response.body.months.reduce(
        (total: number, month: Record<string, number>) => total + month[key]!,
        0,
      );
    expect(sum('stepsUp')).toBe(period.body.steps.transitions);
    expect(sum('started')).toBe(period.body.trajectories.started);
    expect(sum('becameOverdue')).toBe(period.body.trajectories.becameOverdue);
    expect(sum('toPaidWork')).toBe(period.body.outflow.toPaidWork);
    expect(response.body.months.at(-1).caseload).toBe(period.body.activation.cases);
  });

  it('clips the first and last month to the period', async () => {
    // 02-10 … 04-05: P4's 3→2 of 02-01 and P10's 1→2 of 04-20 fall outside.
    const response = await get(
      fixture.beleid,
      '/reports/indicators/monthly?from=2026-02-10&to=2026-04-05',
    ).expect(200);
    expect(
      response.body.months.map((month: Record<string, unknown>) => [
        month.month,
        month.from,
        month.to,
        month.stepsUp,
        month.stepsDown,
      ]),
    ).toEqual([
      ['2026-02', '2026-02-10', '2026-02-28', 1, 0],
      ['2026-03', '2026-03-01', '2026-03-31', 0, 0],
      ['2026-04', '2026-04-01', '2026-04-05', 1, 0],
    ]);
  });

  it('filters by team and opdrachtgever, scopes a teamleider, refuses bad input', async () => {
    // Team Noord: Feb P6, Apr P3 and P10, May P7, Jul P1 and P2.
    const north = await get(
      fixture.north.teamleider.token,
      '/reports/indicators/monthly?from=2026-02-01&to=2026-07-31',
    ).expect(200);
    expect(north.body.months.map((month: { stepsUp: number }) => month.stepsUp)).toEqual([
      1, 0, 2, 1, 0, 2,
    ]);
    // Renkum: Feb P6, Apr P10, May P7, Jun P9.
    const renkum = await get(
      fixture.beleid,
      `/reports/indicators/monthly?from=2026-02-01&to=2026-07-31&opdrachtgever=${fixture.renkumId}`,
    ).expect(200);
    expect(renkum.body.opdrachtgever).toBe(fixture.renkumId);
    expect(renkum.body.months.map((month: { stepsUp: number }) => month.stepsUp)).toEqual([
      1, 0, 1, 1, 1, 0,
    ]);
    await get(
      fixture.north.teamleider.token,
      `/reports/indicators/monthly?team=${fixture.south.team.id}`,
    ).expect(404);
    await get(fixture.north.begeleider.token, '/reports/indicators/monthly').expect(403);
    const reversed = await get(
      fixture.beleid,
      '/reports/indicators/monthly?from=2026-03-01&to=2026-02-01',
    ).expect(400);
    expect(reversed.body.error.details[0].field).toBe('from');
    const tooLong = await get(
      fixture.beleid,
      '/reports/indicators/monthly?from=2024-01-01&to=2026-01-31',
    ).expect(400);
    expect(tooLong.body.error.details[0].field).toBe('to');
    const unknown = await get(fixture.beleid, '/reports/indicators/monthly?compare=previousYear');
    expect(unknown.status).toBe(400);
    const badDate = await get(fixture.beleid, '/reports/indicators/monthly?to=2026-02-30');
    expect(badDate.body.error.details[0].field).toBe('to');
  });
});
