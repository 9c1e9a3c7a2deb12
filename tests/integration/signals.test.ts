import fc from 'fast-check';
import request from 'supertest';
import {
  addCalendarDays,
  computeSignals,
  localDateOf,
  startOfLocalDay,
  signalBounds,
  type SignalCode,
  type TrajectoryStateKey,
  type TrajectorySummary,
} from '../../machines';
import { insertCases } from '../../server/case-store/case.repository';
import type { CaseWithHistories } from '../../server/case-store/case.types';
import { newId } from '../../server/ids';
import { trajectoryIdFor } from '../../server/case-store/trajectory-id';
import { loadOrganisationSettings } from '../../server/organisations/settings';
import { ALL_SIGNAL_CODES, signalFilter } from '../../server/signals/signal-filters';
import { storeSummary } from '../../server/case-store/trajectory-record';
import { bearer, createTestUser } from '../support/auth';
import {
  createCaseViaApi,
  createCaseworkTeam,
  createTrajectoryViaApi,
  sendEvent,
  type TestTeam,
} from '../support/factories';
import { startTestServer, type TestServer } from '../support/test-server';

const DAY = 24 * 3600 * 1000;
const AS_OF = new Date('2026-06-01T10:00:00.000Z');

describe('signals (SPEC §2.4)', () => {
  let server: TestServer;
  let north: TestTeam;
  let south: TestTeam;

  beforeAll(async () => {
    server = await startTestServer({ now: AS_OF.toISOString() });
    north = await createCaseworkTeam(server, 'Team Noord');
    south = await createCaseworkTeam(server, 'Team Zuid');
  });
  afterAll(async () => server.close());

  describe('the indexed queries match the engine’s computeSignals on randomised data', () => {
    const states: TrajectoryStateKey[] = [
      'registered',
      'active',
      'stepAchieved',
      'overdue',
      'reviewDue',
      'suspended',
      'droppedOut',
    ];
    // Instants within ±200 days of the peildatum, often exactly on a threshold boundary.
    const boundaryOffsets = [0, 28, 42, 90]
      .flatMap((days) => [days * DAY, -days * DAY])
      .concat([1, -1]);
    // Calendar-day bounds (SPEC §2.4) fall on Amsterdam midnights: those and a minute either side.
    const midnights = [0, 14, 15, 28, 29, 42, 43, 90, 91]
      .flatMap((days) => [days, -days])
      .map((days) =>
        Date.parse(startOfLocalDay(addCalendarDays(localDateOf(AS_OF.toISOString()), days))),
      )
      .flatMap((ms) => [ms, ms - 60_000, ms + 60_000])
      .map((ms) => ms - AS_OF.getTime());
    const instant = fc
      .oneof(
        fc.integer({ min: -200 * DAY, max: 200 * DAY }),
        fc.constantFrom(...boundaryOffsets),
        fc.constantFrom(...midnights),
      )
      .map((offset) => new Date(AS_OF.getTime() + offset).toISOString());
    const summaryArbitrary: fc.Arbitrary<TrajectorySummary> = fc.record({
      product: fc.constantFrom('ONT', 'STA-3', 'STA-4', 'HER'),
      machineId: fc.constantFrom('ontwikkeltraject', 'stabiel', 'herontdekken'),
      state: fc.constantFrom(...states),
      stateEnteredAt: instant,
      registeredAt: instant,
      startedAt: fc.option(instant, { nil: null }),
      deadlineAt: fc.option(instant, { nil: null }),
      targetTrede: fc.constantFrom(2, 3, 4, 5, null),
      currentTrede: fc.constantFrom(1, 2, 3, 4, 5, 6),
      lastActivityAt: instant,
      relapseAt: fc.option(instant, { nil: null }),
      growthAt: fc.option(instant, { nil: null }),
      lastAssessedAt: instant,
      lastEventAt: instant,
      outcome: fc.constant(null),
    }) as fc.Arbitrary<TrajectorySummary>;

    let records: CaseWithHistories[];
    let team: TestTeam;

    beforeAll(async () => {
      team = await createCaseworkTeam(server, 'Team Random');
      const summaries = fc.sample(summaryArbitrary, { numRuns: 400, seed: 20260601 });
      const now = server.clock.now();
      records = summaries.map((summary, index) => {
        const id = newId();
        return {
          id,
          orgId: team.team.orgId,
          teamId: team.team.id,
          begeleiderId: team.begeleider.user.id,
          clientNumber: `R-${String(index).padStart(4, '0')}`,
          displayName: `Random ${index}`,
          bsn: null,
          currentTrede: summary.currentTrede,
          ladder: [],
          openTrajectory: {
            id: trajectoryIdFor(id, 1),
            product: summary.product,
            machineId: summary.machineId,
            machineVersion: 1,
            snapshotJson: '{}', // the queries read the summary only
            version: 1,
            summary: storeSummary(summary),
            sweepDueAt: null,
            history: [],
            createdAt: now,
            createdBy: null,
            previousTrajectoryId: null,
            followUpTrajectoryId: null,
            closedAt: null,
          },
          closedTrajectories: [],
          idempotency: [],
          version: 1,
          createdAt: now,
          updatedAt: now,
        };
      });
      await insertCases(server.context.db, records);
    });

    it.each([
      ['the default thresholds', {}],
      [
        'other thresholds',
        {
          deadlineNearDays: 10,
          noActivityDays: 90,
          dropoutUnresolvedDays: 1,
          suspendedLongDays: 28,
          waitingStartDays: 42,
          relapseDays: 28,
          decisionPendingDays: 28,
          assessmentDueMonths: 3,
        },
      ],
    ])('with %s', async (_name, overrides) => {
      const settings = await loadOrganisationSettings(server.context, team.team.orgId);
      const thresholds = { ...settings.signals, ...overrides };
      for (const asOf of [AS_OF, new Date(AS_OF.getTime() + 13 * DAY + 3600 * 1000)]) {
        const expected = new Set<string>();
        for (const record of records) {
          const summary = record.openTrajectory!;
          const codes = computeSignals(
            {
              ...(summary.summary as unknown as TrajectorySummary),
              ...Object.fromEntries(
                Object.entries(summary.summary).map(([key, value]) => [
                  key,
                  value instanceof Date ? value.toISOString() : value,
                ]),
              ),
            } as TrajectorySummary,
            asOf.toISOString(),
            thresholds,
          );
          for (const code of codes) expected.add(`${summary.id}:${code}`);
        }
        const actual = new Set<string>();
        for (const code of ALL_SIGNAL_CODES) {
          const docs = await server.context.db
            .collection('cases')
            .find(
              {
                teamId: team.team.id,
                ...signalFilter(code, signalBounds(asOf.toISOString(), thresholds)),
              },
              { projection: { 'openTrajectory.id': 1 } },
            )
            .toArray();
          for (const doc of docs) actual.add(`${doc.openTrajectory.id}:${code}`);
        }
        expect([...actual].sort()).toEqual([...expected].sort());
        // The random data reaches every code, so the comparison covers all of them.
        expect(new Set([...expected].map((pair) => pair.split(':')[1]))).toEqual(
          new Set(ALL_SIGNAL_CODES),
        );
      }
    });
  });

  describe('GET /signals', () => {
    let waitingId: string;
    let noActivityId: string;

    beforeAll(async () => {
      const waiting = await createCaseViaApi(server, north);
      waitingId = (
        await createTrajectoryViaApi(server, north.begeleider.token, waiting.id, {
          product: 'HER',
          registeredAt: '2026-04-01',
        })
      ).id;
      const quiet = await createCaseViaApi(server, north);
      noActivityId = (
        await createTrajectoryViaApi(server, north.begeleider.token, quiet.id, {
          product: 'HER',
          registeredAt: '2026-03-01',
        })
      ).id;
      expect(
        (
          await sendEvent(server, north.begeleider.token, noActivityId, {
            type: 'START',
            occurredAt: '2026-03-02',
            expectedVersion: 1,
          })
        ).status,
      ).toBe(200);
      const other = await createCaseViaApi(server, south);
      await createTrajectoryViaApi(server, south.begeleider.token, other.id, {
        product: 'HER',
        registeredAt: '2026-04-01',
      });
    });

    const codesOf = (items: Array<{ trajectoryId: string; signals: SignalCode[] }>, id: string) =>
      items.find((item) => item.trajectoryId === id)?.signals;

    it('lists the stalled trajectories of the caller’s teams with their codes and counts', async () => {
      const response = await request(server.app)
        .get('/api/v1/signals')
        .query({ team: north.team.id })
        .set(bearer(north.teamleider.token))
        .expect(200);
      expect(response.body.asOf).toBe(AS_OF.toISOString());
      // Registered and never contacted: waiting, and (SPEC §2.4: any open state) quiet as well.
      expect(codesOf(response.body.items, waitingId)).toEqual(['NO_ACTIVITY', 'WAITING_START']);
      expect(codesOf(response.body.items, noActivityId)).toEqual(['NO_ACTIVITY']);
      expect(response.body.items).toHaveLength(2);
      expect(response.body.counts).toMatchObject({
        WAITING_START: 1,
        NO_ACTIVITY: 2,
        DEADLINE_PASSED: 0,
      });
    });

    it('filters by code and evaluates at a peildatum', async () => {
      const byCode = await request(server.app)
        .get('/api/v1/signals')
        .query({ code: 'NO_ACTIVITY' })
        .set(bearer(north.begeleider.token))
        .expect(200);
      expect(
        byCode.body.items.map((item: { trajectoryId: string }) => item.trajectoryId).sort(),
      ).toEqual([waitingId, noActivityId].sort());
      // On 15 April nobody had waited 28 days yet, and the HER started on 2 March was 44 days quiet.
      const earlier = await request(server.app)
        .get('/api/v1/signals')
        .query({ asOf: '2026-04-10' })
        .set(bearer(north.begeleider.token))
        .expect(200);
      expect(earlier.body.items).toEqual([]);
    });

    it('shows nothing of other teams, 403 for beleid, 400 naming a bad field, 401 without login', async () => {
      const response = await request(server.app)
        .get('/api/v1/signals')
        .set(bearer(south.begeleider.token))
        .expect(200);
      expect(response.body.items).toHaveLength(1);
      const beleid = await createTestUser(server, { role: 'beleid' });
      await request(server.app).get('/api/v1/signals').set(bearer(beleid.token)).expect(403);
      const bad = await request(server.app)
        .get('/api/v1/signals')
        .query({ code: 'LATE' })
        .set(bearer(north.begeleider.token))
        .expect(400);
      expect(bad.body.error.details[0].field).toBe('code');
      const badDate = await request(server.app)
        .get('/api/v1/signals')
        .query({ asOf: 'gisteren' })
        .set(bearer(north.begeleider.token))
        .expect(400);
      expect(badDate.body.error.details[0].field).toBe('asOf');
      await request(server.app).get('/api/v1/signals').expect(401);
    });

    it('filters the case list by signal', async () => {
      const response = await request(server.app)
        .get('/api/v1/cases')
        .query({ signal: 'WAITING_START', team: north.team.id })
        .set(bearer(north.begeleider.token))
        .expect(200);
      expect(
        response.body.items.map(
          (item: { openTrajectory: { id: string } }) => item.openTrajectory.id,
        ),
      ).toEqual([waitingId]);
    });
  });
});
