import ExcelJS from 'exceljs';
import request from 'supertest';
import { bearer } from '../support/auth';
import { buildReportingFixture, type ReportingFixture } from '../fixtures/reporting-fixture';

/**
 * Every indicator and billing row of the hand-built fixture (tests/fixtures/reporting-fixture.ts),
 * computed by hand in the comments below and asserted exactly (issue 10). Dates are Amsterdam
 * local dates; every event is at 10:00 unless the fixture says otherwise.
 */
describe('reports on the hand-built fixture', () => {
  let fixture: ReportingFixture;
  const get = (token: string, path: string) =>
    request(fixture.server.app).get(`/api/v1${path}`).set(bearer(token));

  beforeAll(async () => {
    fixture = await buildReportingFixture();
  });
  afterAll(async () => fixture?.server.close());

  /*
   * BILLING, March 2026 (31 days; DST starts on the 29th). A day counts for a trajectory when part
   * of it was spent in a state other than registered / droppedOut / closed; its tariff is the one
   * in force at 00:00 that day. Arnhem's ONT tariff changed on 16 March 13:00 local, so the 16th is
   * still a €11.00 day: days 1–16 at 1100, days 17–31 at 1250 (16 + 15 days).
   *
   * Arnhem
   *   P1 ONT active all month: 16 + 15 days; contacts 10 Mar 60 min (1100), 20 Mar 90 min (1250)
   *   P2 ONT active all month: 16 + 15 days; contact 5 Mar 45 min (1100)
   *   P3 ONT active all month (resumed 19 Feb): 16 + 15; contact 25 Mar 30 min (1250)
   *   P5 ONT: days 1–10 (dropped out 10 Mar 09:00: the 10th counts) and 21–31 (resumed 21 Mar
   *      09:00): 10 days at 1100, 11 at 1250; contacts 3 Mar 30 (1100), 28 Mar 25 (1250); the
   *      14 Mar contact (60 min) was made while dropped out: not billed.
   *   P11 ONT dropped out since 15 Feb, closed 5 Mar: no day, no contact → in no row.
   *   P4 STA-3 active all month: 31 days; contact 12 Mar 60 min at 720.
   *   P12 intake only: nothing.
   *   → ONT @ 11,00: P1 P2 P3 P5 = 4 participants; days 16+16+16+10 = 58; minutes 60+45+30 = 135;
   *                  hours 2,25; 135 × 1100 / 60 = 2475 cents = € 24,75
   *   → ONT @ 12,50: P1 P2 P3 P5 = 4; days 15+15+15+11 = 56; minutes 90+30+25 = 145; hours 2,42
   *                  (2,4166…); 145 × 1250 / 60 = 3020,83 → 3021 cents = € 30,21
   *   → STA-3 @ 7,20: P4 = 1; 31 days; 60 min; 1,00 hour; € 7,20
   * Renkum
   *   P6 closed 25 Feb: nothing. P7 ONT active all month, no contacts: 31 days, 0 minutes.
   *   P8 STA-2 (Renkum's proposed product at € 16,00) active all month: 31 days; 18 Mar 120 min.
   *   P9 HER active, suspended 20–30 Mar (suspension is billable, only droppedOut is not): 31
   *      days; contact 9 Mar 60 min. P10 HER active all month: 31 days, no contacts.
   *   → ONT @ 11,00: P7 = 1; 31 days; 0 min; € 0,00
   *   → STA-2 @ 16,00: P8 = 1; 31 days; 120 min; 2,00 hours; € 32,00
   *   → HER @ 11,00: P9 P10 = 2; 62 days; 60 min; 1,00 hour; € 11,00
   * Total: participants P1 P2 P3 P4 P5 P7 P8 P9 P10 = 9; days 58+56+31+31+31+62 = 269;
   *   minutes 135+145+60+0+120+60 = 520 (8,67 hours); 2475+3021+720+0+3200+1100 = 10516 cents
   *   = € 105,16 — the sum of the rows.
   */
  const MARCH_ROWS = [
    ['Arnhem', 'GM0202', 'ONT', 4, 58, 135, 2.25, 11, 24.75],
    ['Arnhem', 'GM0202', 'ONT', 4, 56, 145, 2.42, 12.5, 30.21],
    ['Arnhem', 'GM0202', 'STA-3', 1, 31, 60, 1, 7.2, 7.2],
    ['Renkum', 'GM0274', 'ONT', 1, 31, 0, 0, 11, 0],
    ['Renkum', 'GM0274', 'STA-2', 1, 31, 120, 2, 16, 32],
    ['Renkum', 'GM0274', 'HER', 2, 62, 60, 1, 11, 11],
  ];
  const MARCH_TOTAL = {
    participants: 9,
    billableDays: 269,
    minutes: 520,
    hours: 8.67,
    amountCents: 10516,
    amount: 105.16,
  };

  const rowValues = (row: Record<string, unknown>) => [
    row.opdrachtgever,
    row.gemeentecode,
    row.product,
    row.participants,
    row.billableDays,
    row.minutes,
    row.hours,
    row.tariff,
    row.amount,
  ];

  it('bills March per opdrachtgever × product, old contacts on the old tariff, nothing while dropped out', async () => {
    const response = await get(fixture.beleid, '/reports/billing?month=2026-03').expect(200);
    expect(response.body.rows.map(rowValues)).toEqual(MARCH_ROWS);
    expect(response.body.total).toEqual(MARCH_TOTAL);
    expect(response.body.rows.map((row: { amountCents: number }) => row.amountCents)).toEqual([
      2475, 3021, 720, 0, 3200, 1100,
    ]);
    const sum = response.body.rows.reduce(
      (total: number, row: { amountCents: number }) => total + row.amountCents,
      0,
    );
    expect(sum).toBe(response.body.total.amountCents);
    expect(response.body.rows[4]).toMatchObject({
      productName: 'Stabiel op trede 2',
      tariffCents: 1600,
    });
  });

  it('agrees row for row in JSON, CSV as Dutch Excel reads it, and XLSX read back', async () => {
    const csv = await get(fixture.beleid, '/reports/billing?month=2026-03&format=csv').expect(200);
    expect(csv.headers['content-type']).toMatch(/^text\/csv/);
    expect(csv.text.startsWith('\uFEFF')).toBe(true);
    const lines = csv.text.slice(1).trim().split('\r\n');
    expect(lines[0]).toBe(
      'opdrachtgever;gemeentecode;product;productnaam;deelnemers;declarabele_dagen;minuten;uren;tarief_per_uur;bedrag',
    );
    // Dutch Excel: ';' separates, ',' is the decimal mark.
    const number = (text: string) => Number(text.replace(',', '.'));
    const csvRows = lines.slice(1).map((line) => line.split(';'));
    expect(
      csvRows
        .slice(0, -1)
        .map((cells) => [cells[0], cells[1], cells[2], ...cells.slice(4).map(number)]),
    ).toEqual(MARCH_ROWS.map((row) => [...row.slice(0, 3), ...row.slice(3)]));
    expect(csvRows[1]!.slice(7)).toEqual(['2,42', '12,50', '30,21']);
    expect(csvRows.at(-1)).toEqual([
      'Totaal',
      '',
      '',
      '',
      '9',
      '269',
      '520',
      '8,67',
      '0,00',
      '105,16',
    ]);

    const xlsx = await get(fixture.beleid, '/reports/billing?month=2026-03&format=xlsx')
      .buffer(true)
      .parse((res, done) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => done(null, Buffer.concat(chunks)));
      })
      .expect(200);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(xlsx.body as ArrayBuffer);
    const sheet = workbook.getWorksheet('Declaratie')!;
    const values: unknown[][] = [];
    sheet.eachRow((row) => values.push((row.values as unknown[]).slice(1)));
    expect(values[0]![0]).toBe('opdrachtgever');
    expect(
      values.slice(1, -1).map((cells) => [cells[0], cells[1], cells[2], ...cells.slice(4)]),
    ).toEqual(MARCH_ROWS);
    // Empty text cells read back as empty (undefined) from XLSX.
    expect(values.at(-1)).toEqual([
      'Totaal',
      undefined,
      undefined,
      undefined,
      9,
      269,
      520,
      8.67,
      0,
      105.16,
    ]);
  });

  it('filters by team and opdrachtgever; a teamleider sees own teams only; a begeleider gets 403', async () => {
    // Team Noord: P1 P2 P3 (ONT Arnhem), P7 (ONT Renkum), P10 (HER Renkum).
    //   ONT @ 11,00 Arnhem: P1 P2 P3; days 16×3 = 48; minutes 60+45 = 105 → 1925 cents
    //   ONT @ 12,50 Arnhem: P1 P2 P3; days 15×3 = 45; minutes 90+30 = 120 → 2500 cents
    //   ONT Renkum: P7, 31 days; HER Renkum: P10, 31 days, 0 minutes.
    const north = [
      ['Arnhem', 'GM0202', 'ONT', 3, 48, 105, 1.75, 11, 19.25],
      ['Arnhem', 'GM0202', 'ONT', 3, 45, 120, 2, 12.5, 25],
      ['Renkum', 'GM0274', 'ONT', 1, 31, 0, 0, 11, 0],
      ['Renkum', 'GM0274', 'HER', 1, 31, 0, 0, 11, 0],
    ];
    const byTeam = await get(
      fixture.beleid,
      `/reports/billing?month=2026-03&team=${fixture.north.team.id}`,
    ).expect(200);
    expect(byTeam.body.rows.map(rowValues)).toEqual(north);
    const teamleider = await get(
      fixture.north.teamleider.token,
      '/reports/billing?month=2026-03',
    ).expect(200);
    expect(teamleider.body.rows.map(rowValues)).toEqual(north);
    await get(
      fixture.north.teamleider.token,
      `/reports/billing?month=2026-03&team=${fixture.south.team.id}`,
    ).expect(404);
    await get(fixture.north.begeleider.token, '/reports/billing?month=2026-03').expect(403);
    const renkum = await get(
      fixture.beleid,
      `/reports/billing?month=2026-03&opdrachtgever=${fixture.renkumId}`,
    ).expect(200);
    expect(renkum.body.rows.map(rowValues)).toEqual(MARCH_ROWS.slice(3));
    expect(renkum.body.total.amountCents).toBe(4300);
    const bad = await get(fixture.beleid, '/reports/billing?month=2026-13').expect(400);
    expect(bad.body.error.details[0].field).toBe('month');
    await get(
      fixture.beleid,
      `/reports/billing?month=2026-03&opdrachtgever=${'0'.repeat(24)}`,
    ).expect(404);
  });

  it('a later tariff change rewrites no past invoice', async () => {
    const before = await get(fixture.beleid, '/reports/billing?month=2026-03').expect(200);
    await request(fixture.server.app)
      .patch(`/api/v1/opdrachtgevers/${fixture.arnhemId}`)
      .set(bearer(fixture.beheerder))
      .send({
        products: { ONT: { tariffCentsPerHour: 1400 }, 'STA-3': { tariffCentsPerHour: 800 } },
      })
      .expect(200);
    const after = await get(fixture.beleid, '/reports/billing?month=2026-03').expect(200);
    expect(after.body.rows).toEqual(before.body.rows);
    expect(after.body.total).toEqual(MARCH_TOTAL);
  });

  it('never shows names, client numbers or BSNs to beleid', async () => {
    for (const format of ['json', 'csv']) {
      const response = await get(
        fixture.beleid,
        `/reports/billing?month=2026-03&format=${format}`,
      ).expect(200);
      for (const secret of fixture.personal) expect(response.text).not.toContain(secret);
    }
  });
  /*
   * INDICATORS, period 2026-02-01 … 2026-07-31 (inclusive), asOf = now (2027-09-01).
   *
   * Ladder transitions dated in the period (from → to, date, team):
   *   P4 3→2 on 02-01 (exactly on `from`)    P6 4→5 02-20        P3 1→2 04-01
   *   P10 1→2 04-20 (Herontdekken concluded)  P7 4→5 05-10        P9 2→3 06-15 (concluded)
   *   P1 1→2 07-15                            P2 2→3 07-16        P4 2→3 07-31 (exactly on `to`)
   *   (P7 5→3 on 2026-11-20 is after the period.)
   *   → ladder.matrix: 1→2: 3 (P1 P3 P10), 2→3: 3 (P2 P4 P9), 3→2: 1 (P4), 4→5: 2 (P6 P7) = 9
   *   → steps (to > from): 8 transitions; clients P1 P2 P3 P4 P6 P7 P9 P10 = 8
   * activation on 07-31: in the caseload are cases whose intake was on or before `to` and that
   *   have no trajectory yet or whose latest trajectory is open: P2 P3 P4 P5 P10 (open) and P12
   *   (intake only) = 6; P1 P6 P7 P8 P9 P11 have ended every trajectory by then (P7's and P11's
   *   new ones start after `to`). withTrajectory = 5; share 5/6 = 0.8333.
   * trajectories: started (START in the period) = P10's follow-up ONT on 05-01 = 1.
   *   closed: P6 paidWork 02-25, P11 dropout 03-05, P8 goalNotReached 04-10, P10 concluded
   *   04-20, P7 goalReached 05-12, P9 concluded 06-15, P1 goalReached 07-20.
   *   achieved within the limit: P6 02-20, P3 04-01, P7 05-10, P1 07-15 (the last day of its
   *   step 01-15 … 07-15) = 4; after the limit: P2 07-16, a day later = 1.
   *   becameOverdue: P5 on 07-11 00:00 (applied by the sweeper), P2 on 07-16 00:00 = 2.
   *   droppedOut (DROP_OUT in the period): P11 02-15, P5 03-10 = 2.
   * daysPerStep (step start → achieved, calendar days, minus whole days suspended in the step):
   *   ONT: P6 2025-09-03 → 02-20 = 170; P3 01-12 → 04-01 = 79 − 30 (suspended 01-20 → 02-19,
   *   across `from`) = 49; P7 2025-12-03 → 05-10 = 158; P1 01-15 → 07-15 = 181; P2 → 07-16 = 182.
   *   steps 5, mean 740 / 5 = 148, median 170.
   *   HER (start → conclusion): P10 01-08 → 04-20 = 102; P9 2025-10-05 → 06-15 = 253 − 10
   *   suspended = 243. steps 2, mean 172.5, median 172.5. Stabiel keeps a trede: no steps, no key.
   * outflow: first transition to ≥ 5 in the period: P6 (d = 02-20) and P7 (d = 05-10) →
   *   toPaidWork 2, reached 2. On d + 12 months: P6 on 2027-02-20 still at 5; P7 on 2027-05-10 at
   *   3 (fell back on 2026-11-20) → stillAtFiveOrMore 1, notStill 1, notYetKnown 0.
   * reentry: trajectories closed in the period, Herontdekken conclusions with a follow-up
   *   (P10) excepted: P6 P11 P8 P7 P9 P1 = 6. A new trajectory within 6 months of the close
   *   date: P11 (03-05 → 08-01, under 5 months) and P7 (05-12 → 10-12, 5 months) = 2; P8
   *   (04-10 → 11-10, 7 months) is not a re-entry; P6 P9 P1 had none → notReentered 4.
   * herontdekken 2026 (the period's part of it): P9 in care 02-01 … 06-15 = 28 + 31 + 30 + 31
   *   + 15 = 135 days (suspension included, like billing); P10 02-01 … 04-20 = 28 + 31 + 20 = 79;
   *   participants 2, supportDays 214, concluded 2 (P10, P9), zelfstandig 1 (P9), share 0.5.
   */
  const PERIOD = '/reports/indicators?from=2026-02-01&to=2026-07-31';

  it('computes every indicator of SPEC §4 on the fixture', async () => {
    const response = await get(fixture.beleid, PERIOD).expect(200);
    expect(response.body).toEqual({
      period: { from: '2026-02-01', to: '2026-07-31' },
      asOf: '2027-09-01T10:00:00.000Z',
      team: null,
      opdrachtgever: null,
      steps: {
        clients: 8,
        transitions: 8,
        byPair: [
          { from: 1, to: 2, count: 3 },
          { from: 2, to: 3, count: 3 },
          { from: 4, to: 5, count: 2 },
        ],
      },
      ladder: {
        matrix: [
          { from: 1, to: 2, count: 3 },
          { from: 2, to: 3, count: 3 },
          { from: 3, to: 2, count: 1 },
          { from: 4, to: 5, count: 2 },
        ],
      },
      activation: { cases: 6, withTrajectory: 5, share: 0.8333 },
      trajectories: {
        started: 1,
        closedByOutcome: {
          goalReached: 2,
          goalNotReached: 1,
          dropout: 1,
          paidWork: 1,
          moved: 0,
          switched: 0,
          other: 0,
          concluded: 2,
        },
        achievedWithinLimit: 4,
        achievedAfterLimit: 1,
        becameOverdue: 2,
        droppedOut: 2,
      },
      daysPerStep: {
        ONT: { steps: 5, mean: 148, median: 170 },
        HER: { steps: 2, mean: 172.5, median: 172.5 },
      },
      outflow: {
        toPaidWork: 2,
        durable: { reached: 2, stillAtFiveOrMore: 1, notStill: 1, notYetKnown: 0 },
      },
      reentry: { closed: 6, reentered: 2, notReentered: 4, notYetKnown: 0 },
      herontdekken: {
        byYear: [
          {
            year: 2026,
            participants: 2,
            supportDays: 214,
            concluded: 2,
            zelfstandig: 1,
            zelfstandigShare: 0.5,
          },
        ],
      },
    });
    for (const secret of fixture.personal) expect(response.text).not.toContain(secret);
  });

  it('compares with the same period a year earlier', async () => {
    // 2027-02-01 … 07-31 compared with 2026-02-01 … 07-31: the comparison is the report above.
    const [response, earlier] = await Promise.all([
      get(fixture.beleid, '/reports/indicators?from=2027-02-01&to=2027-07-31&compare=previousYear'),
      get(fixture.beleid, PERIOD),
    ]);
    expect(response.status).toBe(200);
    const {
      period: _period,
      asOf: _asOf,
      team: _team,
      opdrachtgever: _o,
      ...figures
    } = earlier.body;
    expect(response.body.comparison).toEqual({
      period: { from: '2026-02-01', to: '2026-07-31' },
      ...figures,
    });
    expect(response.body.steps.transitions).toBe(0); // nothing changed trede in 2027
    await get(fixture.beleid, `${PERIOD}&compare=lastWeek`).expect(400);
  });

  /*
   * The same period as known on 2026-12-01 (asOf): nothing before changes, but
   *   duurzame uitstroom: P6's 2027-02-20 and P7's 2027-05-10 lie after asOf → notYetKnown 2;
   *   re-entry: P1 (closed 07-20, window to 2027-01-20) and P9 (06-15, to 12-15) are open
   *   questions → notYetKnown 2; P6 (window ended 08-25) and P8 (10-10) → notReentered 2; P11 and
   *   P7 re-entered before asOf → 2.
   */
  it('answers "not yet known" rather than counting a failure when asOf is too early', async () => {
    const response = await get(fixture.beleid, `${PERIOD}&asOf=2026-12-01`).expect(200);
    expect(response.body.asOf).toBe('2026-12-01T23:00:00.000Z');
    expect(response.body.outflow).toEqual({
      toPaidWork: 2,
      durable: { reached: 2, stillAtFiveOrMore: 0, notStill: 0, notYetKnown: 2 },
    });
    expect(response.body.reentry).toEqual({
      closed: 6,
      reentered: 2,
      notReentered: 2,
      notYetKnown: 2,
    });
    expect(response.body.steps.transitions).toBe(8);
  });

  /*
   * Team Noord (P1 P2 P3 P6 P7 P10 P12): transitions P6 4→5, P3 1→2, P10 1→2, P7 4→5, P1 1→2,
   * P2 2→3 = 6, all upward, 6 clients; caseload on 07-31: P2 P3 P10 P12 = 4, with trajectory 3.
   * Renkum (P6–P10): transitions P6 4→5, P10 1→2, P7 4→5, P9 2→3 = 4.
   */
  it('filters by team and opdrachtgever; teamleider own teams only; begeleider 403', async () => {
    const north = await get(fixture.north.teamleider.token, PERIOD).expect(200);
    expect(north.body.steps).toEqual({
      clients: 6,
      transitions: 6,
      byPair: [
        { from: 1, to: 2, count: 3 },
        { from: 2, to: 3, count: 1 },
        { from: 4, to: 5, count: 2 },
      ],
    });
    expect(north.body.ladder.matrix).toEqual(north.body.steps.byPair);
    expect(north.body.activation).toEqual({ cases: 4, withTrajectory: 3, share: 0.75 });
    const byTeam = await get(fixture.beleid, `${PERIOD}&team=${fixture.north.team.id}`).expect(200);
    expect({ ...byTeam.body, team: null }).toEqual({ ...north.body, team: null });
    await get(fixture.north.teamleider.token, `${PERIOD}&team=${fixture.south.team.id}`).expect(
      404,
    );
    // The begeleider filter keeps one begeleider's cases (P1 P3 P6 P10 of Noord's first one).
    const perBegeleider = await get(
      fixture.north.teamleider.token,
      `${PERIOD}&begeleider=${fixture.north.begeleider.user.id}`,
    ).expect(200);
    expect(perBegeleider.body.steps.transitions).toBe(4);
    const southBegeleider = await get(
      fixture.north.teamleider.token,
      `${PERIOD}&begeleider=${fixture.south.begeleider.user.id}`,
    ).expect(200);
    expect(southBegeleider.body.steps.transitions).toBe(0); // not in the teamleider's teams
    await get(fixture.north.begeleider.token, PERIOD).expect(403);
    const renkum = await get(fixture.beleid, `${PERIOD}&opdrachtgever=${fixture.renkumId}`).expect(
      200,
    );
    expect(renkum.body.ladder.matrix).toEqual([
      { from: 1, to: 2, count: 1 },
      { from: 2, to: 3, count: 1 },
      { from: 4, to: 5, count: 2 },
    ]);
    const bad = await get(fixture.beleid, '/reports/indicators?from=2026-02-30').expect(400);
    expect(bad.body.error.details[0].field).toBe('from');
    const reversed = await get(
      fixture.beleid,
      '/reports/indicators?from=2026-03-01&to=2026-02-01',
    ).expect(400);
    expect(reversed.body.error.details[0].field).toBe('from');
  });

  /*
   * BREAKDOWNS (groupBy), same period. Each case is in exactly one group, so every count adds up
   * to the report above; shares, means and medians are recomputed per group, not summed.
   * Per participant (from the hand computation above):
   *   P1  N A  1→2 step; closed goalReached; within 1; ONT 181; reentry closed, not re-entered
   *   P2  N B2 2→3 step; open (caseload, with trajectory); after 1; overdue 1; ONT 182
   *   P3  N A  1→2 step; open; within 1; ONT 49
   *   P6  N A  4→5 step; closed paidWork; within 1; ONT 170; outflow reached, still at 5;
   *            reentry closed, not re-entered
   *   P7  N B2 4→5 step; closed goalReached; within 1; ONT 158; outflow reached, not still;
   *            reentry closed, re-entered
   *   P10 N A  1→2 step; open follow-up (caseload, with trajectory); started 1; concluded; HER 102;
   *            Herontdekken 79 days
   *   P12 N B2 intake only: caseload, no trajectory
   *   P4  S    3→2 and 2→3 (one step); open STA-3 (caseload, with trajectory)
   *   P5  S    open ONT (caseload, with trajectory); overdue 1; droppedOut 1
   *   P8  S    closed goalNotReached; reentry closed, not re-entered
   *   P9  S    2→3 step; concluded zelfstandig; HER 243; Herontdekken 135 days; reentry closed, not
   *            re-entered
   *   P11 S    closed dropout; droppedOut 1; reentry closed, re-entered
   *
   * Team Noord: matrix 1→2 3, 2→3 1, 4→5 2 → 6 steps, 6 clients; caseload P2 P3 P10 P12 = 4, with
   *   trajectory 3 (0.75); started 1; goalReached 2, paidWork 1, concluded 1; within 4, after 1;
   *   overdue 1 (P2); droppedOut 0; ONT 181 182 49 170 158 → 5 steps, mean 148, median 170; HER 102;
   *   toPaidWork 2, reached 2, still 1, notStill 1; reentry closed 3 (P1 P6 P7), re-entered 1;
   *   Herontdekken 1 participant, 79 days, 1 concluded, 0 zelfstandig, share 0.
   * Team Zuid: matrix 2→3 2 (P4 P9), 3→2 1 → 2 steps, 2 clients; caseload P4 P5 = 2, both with a
   *   trajectory (1); started 0; goalNotReached 1, dropout 1, concluded 1; within 0, after 0;
   *   overdue 1 (P5); droppedOut 2 (P5 P11); ONT no steps (null, null); HER 243; outflow 0;
   *   reentry closed 3 (P8 P9 P11), re-entered 1 (P11), not 2; Herontdekken 1, 135 days, 1, 1, 1.
   * Sums: 6+2 = 8 steps, 6+2 clients, caseload 4+2 = 6, with 3+2 = 5, overdue 1+1, droppedOut
   *   0+2, ONT steps 5+0, HER 1+1, reentry 3+3 (1+1, 2+2), Herontdekken days 79+135 = 214.
   *
   * Per begeleider, Noord's teamleider: "Begeleider Twee" (P2 P7 P12) sorts before "Test
   *   begeleider" (P1 P3 P6 P10).
   *   Twee: matrix 2→3 1, 4→5 1 → 2 steps, 2 clients; caseload P2 P12 = 2, with 1 (0.5); started
   *     0; goalReached 1 (P7); within 1, after 1; overdue 1; ONT 182, 158 → 2 steps, mean 170,
   *     median 170; HER none; toPaidWork 1, reached 1, notStill 1; reentry closed 1, re-entered 1;
   *     Herontdekken 0 participants, 0 days, share null.
   *   Test: matrix 1→2 3, 4→5 1 → 4 steps, 4 clients; caseload P3 P10 = 2, with 2 (1); started 1;
   *     goalReached 1 (P1), paidWork 1, concluded 1; within 3, after 0; overdue 0; ONT 181, 49,
   *     170 → 3 steps, mean 400/3 = 133.3, median 170; HER 102; toPaidWork 1, reached 1, still 1;
   *     reentry closed 2, re-entered 0, not 2; Herontdekken 1, 79 days, 1 concluded, share 0.
   *   Twee + Test = Team Noord in every count (2+4 = 6 steps, 2+2 = 4 caseload, 1+2 = 3 with ...).
   */
  const outcomes = (counts: Record<string, number>) => ({
    goalReached: 0,
    goalNotReached: 0,
    dropout: 0,
    paidWork: 0,
    moved: 0,
    switched: 0,
    other: 0,
    concluded: 0,
    ...counts,
  });
  const herontdekken = (
    participants: number,
    supportDays: number,
    concluded: number,
    zelfstandig: number,
    zelfstandigShare: number | null,
  ) => ({
    byYear: [{ year: 2026, participants, supportDays, concluded, zelfstandig, zelfstandigShare }],
  });
  const NOORD = {
    steps: {
      clients: 6,
      transitions: 6,
      byPair: [
        { from: 1, to: 2, count: 3 },
        { from: 2, to: 3, count: 1 },
        { from: 4, to: 5, count: 2 },
      ],
    },
    ladder: {
      matrix: [
        { from: 1, to: 2, count: 3 },
        { from: 2, to: 3, count: 1 },
        { from: 4, to: 5, count: 2 },
      ],
    },
    activation: { cases: 4, withTrajectory: 3, share: 0.75 },
    trajectories: {
      started: 1,
      closedByOutcome: outcomes({ goalReached: 2, paidWork: 1, concluded: 1 }),
      achievedWithinLimit: 4,
      achievedAfterLimit: 1,
      becameOverdue: 1,
      droppedOut: 0,
    },
    daysPerStep: {
      ONT: { steps: 5, mean: 148, median: 170 },
      HER: { steps: 1, mean: 102, median: 102 },
    },
    outflow: {
      toPaidWork: 2,
      durable: { reached: 2, stillAtFiveOrMore: 1, notStill: 1, notYetKnown: 0 },
    },
    reentry: { closed: 3, reentered: 1, notReentered: 2, notYetKnown: 0 },
    herontdekken: herontdekken(1, 79, 1, 0, 0),
  };
  const ZUID = {
    steps: { clients: 2, transitions: 2, byPair: [{ from: 2, to: 3, count: 2 }] },
    ladder: {
      matrix: [
        { from: 2, to: 3, count: 2 },
        { from: 3, to: 2, count: 1 },
      ],
    },
    activation: { cases: 2, withTrajectory: 2, share: 1 },
    trajectories: {
      started: 0,
      closedByOutcome: outcomes({ goalNotReached: 1, dropout: 1, concluded: 1 }),
      achievedWithinLimit: 0,
      achievedAfterLimit: 0,
      becameOverdue: 1,
      droppedOut: 2,
    },
    daysPerStep: {
      ONT: { steps: 0, mean: null, median: null },
      HER: { steps: 1, mean: 243, median: 243 },
    },
    outflow: {
      toPaidWork: 0,
      durable: { reached: 0, stillAtFiveOrMore: 0, notStill: 0, notYetKnown: 0 },
    },
    reentry: { closed: 3, reentered: 1, notReentered: 2, notYetKnown: 0 },
    herontdekken: herontdekken(1, 135, 1, 1, 1),
  };

  it('breaks the indicators down per team: rows add up to the organisation', async () => {
    const response = await get(fixture.beleid, `${PERIOD}&groupBy=team`).expect(200);
    expect(response.body.groupBy).toBe('team');
    expect(response.body.groups).toEqual([
      { id: fixture.north.team.id, name: 'Team Noord', ...NOORD },
      { id: fixture.south.team.id, name: 'Team Zuid', ...ZUID },
    ]);
    // Every key of the report without groupBy is unchanged by it.
    const plain = await get(fixture.beleid, PERIOD).expect(200);
    const { groupBy: _by, groups: _groups, ...rest } = response.body;
    expect(rest).toEqual(plain.body);
    expect(plain.body).not.toHaveProperty('groups');
    // A row is what the team filter answers.
    const north = await get(fixture.beleid, `${PERIOD}&team=${fixture.north.team.id}`).expect(200);
    expect(response.body.groups[0].steps).toEqual(north.body.steps);
    // Every count adds up over the rows; only shares, means and medians do not.
    const notAdditive = /(^|\.)(share|zelfstandigShare|mean|median|year|from|to)$/;
    const leaves = (value: unknown, path = '', into = new Map<string, number>()) => {
      if (typeof value === 'number' && !notAdditive.test(path))
        into.set(path, (into.get(path) ?? 0) + value);
      else if (Array.isArray(value))
        value.forEach((item: { from?: number; to?: number; year?: number }, index) =>
          leaves(
            item,
            `${path}[${item.year ?? (item.from !== undefined ? `${item.from}-${item.to}` : index)}]`,
            into,
          ),
        );
      else if (value && typeof value === 'object')
        for (const [key, item] of Object.entries(value))
          leaves(item, path ? `${path}.${key}` : key, into);
      return into;
    };
    const summed = new Map<string, number>();
    for (const { id: _id, name: _name, ...figures } of response.body.groups)
      leaves(figures, '', summed);
    const { period: _p, asOf: _a, team: _t, opdrachtgever: _o, ...reportFigures } = plain.body;
    const expected = leaves(reportFigures);
    expect(expected.size).toBeGreaterThan(30);
    expect(Object.fromEntries(summed)).toEqual(Object.fromEntries(expected));
    // With compare=previousYear the comparison has its own rows: 2026's, seen from 2027.
    const compared = await get(
      fixture.beleid,
      '/reports/indicators?from=2027-02-01&to=2027-07-31&compare=previousYear&groupBy=team',
    ).expect(200);
    expect(compared.body.comparison.groups).toEqual(response.body.groups);
    // A teamleider's breakdown holds own teams only.
    const own = await get(fixture.north.teamleider.token, `${PERIOD}&groupBy=team`).expect(200);
    expect(own.body.groups).toEqual([{ id: fixture.north.team.id, name: 'Team Noord', ...NOORD }]);
  });

  it('breaks the indicators down per begeleider for a teamleider, never for beleid', async () => {
    const response = await get(
      fixture.north.teamleider.token,
      `${PERIOD}&groupBy=begeleider`,
    ).expect(200);
    expect(response.body.groups).toEqual([
      {
        id: fixture.northSecond.user.id,
        name: 'Begeleider Twee',
        steps: {
          clients: 2,
          transitions: 2,
          byPair: [
            { from: 2, to: 3, count: 1 },
            { from: 4, to: 5, count: 1 },
          ],
        },
        ladder: {
          matrix: [
            { from: 2, to: 3, count: 1 },
            { from: 4, to: 5, count: 1 },
          ],
        },
        activation: { cases: 2, withTrajectory: 1, share: 0.5 },
        trajectories: {
          started: 0,
          closedByOutcome: outcomes({ goalReached: 1 }),
          achievedWithinLimit: 1,
          achievedAfterLimit: 1,
          becameOverdue: 1,
          droppedOut: 0,
        },
        daysPerStep: {
          ONT: { steps: 2, mean: 170, median: 170 },
          HER: { steps: 0, mean: null, median: null },
        },
        outflow: {
          toPaidWork: 1,
          durable: { reached: 1, stillAtFiveOrMore: 0, notStill: 1, notYetKnown: 0 },
        },
        reentry: { closed: 1, reentered: 1, notReentered: 0, notYetKnown: 0 },
        herontdekken: herontdekken(0, 0, 0, 0, null),
      },
      {
        id: fixture.north.begeleider.user.id,
        name: 'Test begeleider',
        steps: {
          clients: 4,
          transitions: 4,
          byPair: [
            { from: 1, to: 2, count: 3 },
            { from: 4, to: 5, count: 1 },
          ],
        },
        ladder: {
          matrix: [
            { from: 1, to: 2, count: 3 },
            { from: 4, to: 5, count: 1 },
          ],
        },
        activation: { cases: 2, withTrajectory: 2, share: 1 },
        trajectories: {
          started: 1,
          closedByOutcome: outcomes({ goalReached: 1, paidWork: 1, concluded: 1 }),
          achievedWithinLimit: 3,
          achievedAfterLimit: 0,
          becameOverdue: 0,
          droppedOut: 0,
        },
        daysPerStep: {
          ONT: { steps: 3, mean: 133.3, median: 170 },
          HER: { steps: 1, mean: 102, median: 102 },
        },
        outflow: {
          toPaidWork: 1,
          durable: { reached: 1, stillAtFiveOrMore: 1, notStill: 0, notYetKnown: 0 },
        },
        reentry: { closed: 2, reentered: 0, notReentered: 2, notYetKnown: 0 },
        herontdekken: herontdekken(1, 79, 1, 0, 0),
      },
    ]);
    // The report itself is Team Noord's, as without groupBy.
    expect(response.body.steps).toEqual(NOORD.steps);
    // Beleid: no breakdown and no filter per begeleider (decision 030); nothing else changes.
    const refused = await get(fixture.beleid, `${PERIOD}&groupBy=begeleider`).expect(403);
    expect(refused.body.error.code).toBe('FORBIDDEN');
    await get(fixture.beleid, `${PERIOD}&begeleider=${fixture.north.begeleider.user.id}`).expect(
      403,
    );
    await get(fixture.beleid, `${PERIOD}&groupBy=participant`).expect(400);
    // Opdrachtgever rows carry the municipality's name; beleid may ask for them.
    const byOpdrachtgever = await get(fixture.beleid, `${PERIOD}&groupBy=opdrachtgever`).expect(
      200,
    );
    expect(
      byOpdrachtgever.body.groups.map((group: { name: string; steps: { transitions: number } }) => [
        group.name,
        group.steps.transitions,
      ]),
    ).toEqual([
      // Arnhem: P1 P2 P3 P4(2→3) = 4 steps; Renkum: P6 P7 P9 P10 = 4.
      ['Arnhem', 4],
      ['Renkum', 4],
    ]);
    for (const secret of fixture.personal) expect(byOpdrachtgever.text).not.toContain(secret);
  });
});
