/**
 * GET /forecast (issue 11) against weeks worked out by hand for a small fixture: a plain step, a
 * suspension that moves a deadline by 28 days, an overdue step extended by 2 months, a Stabiel
 * review, a Herontdekken end, a suspended step (no date while its clock is stopped), an overdue one,
 * one beyond the 12 weeks, and another team's case the teamleider must not see.
 */
import request from 'supertest';
import { bearer, createTestUser } from '../support/auth';
import {
  createCaseViaApi,
  createCaseworkTeam,
  createTrajectoryViaApi,
  sendEvent,
  type TestTeam,
} from '../support/factories';
import { startTestServer, type TestServer } from '../support/test-server';

// Monday 1 June 2026, 12:00 in Amsterdam: ISO week 2026-W23.
const NOW = '2026-06-01T10:00:00.000Z';

interface Week {
  week: string;
  start: string;
  end: string;
  stepDeadline: number;
  review: number;
  herontdekkenEnd: number;
  total: number;
}

describe('GET /forecast: deadlines per ISO week (hand-computed)', () => {
  let server: TestServer;
  let north: TestTeam;
  let south: TestTeam;
  let second: { user: { id: string } };

  async function started(
    team: TestTeam,
    options: {
      product: 'ONT' | 'STA-3' | 'HER';
      trede: number;
      startedAt: string;
      begeleiderId?: string;
      then?: Array<Record<string, unknown> & { by?: 'teamleider' }>;
      noStart?: boolean;
    },
  ) {
    const created = await createCaseViaApi(server, team, {
      trede: options.trede,
      assessedAt: '2025-05-01',
      ...(options.begeleiderId && { begeleiderId: options.begeleiderId }),
    });
    const trajectory = await createTrajectoryViaApi(server, team.begeleider.token, created.id, {
      product: options.product,
      registeredAt: '2025-05-02',
    });
    let version = trajectory.version;
    const events = options.noStart
      ? []
      : [{ type: 'START', occurredAt: options.startedAt }, ...(options.then ?? [])];
    for (const { by, ...event } of events) {
      const token = by === 'teamleider' ? team.teamleider.token : team.begeleider.token;
      const response = await sendEvent(server, token, trajectory.id, {
        ...event,
        expectedVersion: version,
      });
      if (response.status !== 200)
        throw new Error(
          `${String(event.type)}: ${response.status} ${JSON.stringify(response.body)}`,
        );
      version = (response.body as { version: number }).version;
    }
  }

  beforeAll(async () => {
    server = await startTestServer({ now: NOW });
    north = await createCaseworkTeam(server, 'Team Noord');
    south = await createCaseworkTeam(server, 'Team Zuid');
    second = await createTestUser(server, {
      role: 'begeleider',
      teamIds: [north.team.id],
      orgId: north.team.orgId,
    });
    // Step started 10-01-2026: last day 10-07-2026 (Friday) → W28.
    await started(north, { product: 'ONT', trede: 1, startedAt: '2026-01-10' });
    // Started 03-12-2025 (last day 03-06-2026, W23), suspended 01-02 → 01-03-2026 = 28 days:
    // last day 01-07-2026 (Wednesday) → W27. Assigned to the second begeleider.
    await started(north, {
      product: 'ONT',
      trede: 1,
      startedAt: '2025-12-03',
      begeleiderId: second.user.id,
      then: [
        { type: 'SUSPEND', occurredAt: '2026-02-01', reason: 'opname' },
        { type: 'RESUME', occurredAt: '2026-03-01' },
      ],
    });
    // Started 20-11-2025: last day 20-05-2026, overdue now; EXTEND 2 months by the teamleider:
    // last day 20-07-2026 (Monday) → W30.
    await started(north, {
      product: 'ONT',
      trede: 2,
      startedAt: '2025-11-20',
      then: [
        { type: 'EXTEND', months: 2, reason: 'stage loopt nog', occurredAt: NOW, by: 'teamleider' },
      ],
    });
    // Stabiel op trede 3 started 15-02-2026: review last day 15-08-2026 (Saturday) → W33.
    await started(north, { product: 'STA-3', trede: 3, startedAt: '2026-02-15' });
    // Herontdekken started 20-06-2025: 12 months, last day 20-06-2026 (Saturday) → W25.
    await started(north, { product: 'HER', trede: 1, startedAt: '2025-06-20' });
    // Suspended since 01-05-2026: no date falls due while the clock is stopped.
    await started(north, {
      product: 'ONT',
      trede: 1,
      startedAt: '2026-03-01',
      then: [{ type: 'SUSPEND', occurredAt: '2026-05-01', reason: 'ziekte' }],
    });
    // Last day 25-05-2026, before the first day shown: overdue (no sweep has run yet).
    await started(north, { product: 'ONT', trede: 1, startedAt: '2025-11-25' });
    // Started 01-05-2026: last day 01-11-2026, after the 12 weeks → later.
    await started(north, { product: 'ONT', trede: 1, startedAt: '2026-05-01' });
    // Registered, never started: no deadline.
    await started(north, { product: 'ONT', trede: 1, startedAt: '', noStart: true });
    // Another team: last day 10-06-2026 → W24, invisible to the north teamleider.
    await started(south, { product: 'ONT', trede: 1, startedAt: '2025-12-10' });
  });
  afterAll(async () => server.close());

  const nonZero = (weeks: Week[]) =>
    weeks
      .filter((week) => week.total > 0)
      .map(({ week, stepDeadline, review, herontdekkenEnd, total }) => ({
        week,
        stepDeadline,
        review,
        herontdekkenEnd,
        total,
      }));

  it('buckets each deadline by its last day in the ISO week it falls in', async () => {
    const response = await request(server.app)
      .get('/api/v1/forecast')
      .set(bearer(north.teamleider.token));
    expect(response.status).toBe(200);
    const body = response.body as {
      from: string;
      weeks: Week[];
      overdue: { total: number; stepDeadline: number };
      later: { total: number };
      suspended: number;
      groups: Array<{ begeleiderId: string; teamName: string; weeks: Week[] }>;
    };
    expect(body.from).toBe('2026-06-01');
    expect(body.weeks).toHaveLength(12);
    expect(body.weeks[0]).toMatchObject({
      week: '2026-W23',
      start: '2026-06-01',
      end: '2026-06-07',
    });
    expect(body.weeks[11]).toMatchObject({
      week: '2026-W34',
      start: '2026-08-17',
      end: '2026-08-23',
    });
    expect(nonZero(body.weeks)).toEqual([
      { week: '2026-W25', stepDeadline: 0, review: 0, herontdekkenEnd: 1, total: 1 },
      { week: '2026-W27', stepDeadline: 1, review: 0, herontdekkenEnd: 0, total: 1 },
      { week: '2026-W28', stepDeadline: 1, review: 0, herontdekkenEnd: 0, total: 1 },
      { week: '2026-W30', stepDeadline: 1, review: 0, herontdekkenEnd: 0, total: 1 },
      { week: '2026-W33', stepDeadline: 0, review: 1, herontdekkenEnd: 0, total: 1 },
    ]);
    expect(body.overdue).toMatchObject({ stepDeadline: 1, total: 1 });
    expect(body.later.total).toBe(1);
    expect(body.suspended).toBe(1);
    // Per begeleider: the suspended-and-resumed step is the second begeleider's, alone.
    const ofSecond = body.groups.find((group) => group.begeleiderId === second.user.id)!;
    expect(nonZero(ofSecond.weeks)).toEqual([
      { week: '2026-W27', stepDeadline: 1, review: 0, herontdekkenEnd: 0, total: 1 },
    ]);
    expect(body.groups.every((group) => group.teamName === 'Team Noord')).toBe(true);
  });

  it('starts at the ISO week of `from` and counts what is past `from` as overdue', async () => {
    const response = await request(server.app)
      .get('/api/v1/forecast?from=2026-07-08&weeks=2')
      .set(bearer(north.teamleider.token));
    expect(response.status).toBe(200);
    const body = response.body as { weeks: Week[]; overdue: { total: number } };
    // W28 (06-07 to 12-07) and W29; the step due 10-07 is in W28; W25 and W27 are now overdue.
    expect(body.weeks.map((week) => [week.week, week.total])).toEqual([
      ['2026-W28', 1],
      ['2026-W29', 0],
    ]);
    expect(body.overdue.total).toBe(3);
  });

  it('answers 400 naming the field for a bad week count, date or unknown parameter', async () => {
    for (const [query, field] of [
      ['weeks=0', 'weeks'],
      ['from=2026-13-01', 'from'],
      ['colour=red', 'colour'],
    ]) {
      const response = await request(server.app)
        .get(`/api/v1/forecast?${query}`)
        .set(bearer(north.teamleider.token));
      expect(response.status).toBe(400);
      expect(response.body.error.details[0].field).toBe(field);
    }
  });
});
