import fc from 'fast-check';
import request from 'supertest';
import {
  addCalendarMonths,
  applyEvent,
  createTrajectory,
  resolveSettings,
  type ClientEvent,
  type EngineOutcome,
  type Trede,
} from '../../machines';
import { applyTrajectoryChange } from '../../server/case-store/case-change';
import { insertCases } from '../../server/case-store/case.repository';
import type { CaseWithHistories } from '../../server/case-store/case.types';
import { newId } from '../../server/ids';
import { defaultOpdrachtgever } from '../../server/organisations/settings';
import { advanceTrajectory, newTrajectoryRecord } from '../../server/case-store/trajectory-record';
import { trajectoryIdFor } from '../../server/case-store/trajectory-id';
import { bearer, createTestTeam, createTestUser } from '../support/auth';
import { startTestServer, type TestServer } from '../support/test-server';

/**
 * Properties of the reports on random histories built by the real engine (issue 10): the
 * transitions export has one row per ladder change; ladder.matrix sums to it; steps.transitions
 * is the matrix's upward cells; billing's minutes are the contact minutes not made while
 * dropped out. Cases are folded with the server's own pure code and inserted in bulk.
 */
const NOW = '2027-06-01T10:00:00.000Z';
const DAY = 24 * 3600 * 1000;

const event: fc.Arbitrary<ClientEvent> = fc.oneof(
  fc.record({ type: fc.constant('START' as const) }),
  fc.record({
    type: fc.constant('RECORD_CONTACT' as const),
    note: fc.constant('gesprek'),
    minutes: fc.integer({ min: 0, max: 120 }),
  }),
  fc.record({
    type: fc.constant('ASSESS_TREDE' as const),
    trede: fc.integer({ min: 1, max: 6 }).map((trede) => trede as Trede),
  }),
  fc.record({ type: fc.constant('SUSPEND' as const), reason: fc.constant('ziek') }),
  fc.record({ type: fc.constant('DROP_OUT' as const), reason: fc.constant('weg') }),
  fc.record({ type: fc.constant('RESUME' as const) }),
  fc.record({ type: fc.constant('NEXT_STEP' as const) }),
  fc.record({ type: fc.constant('REVIEW' as const), decision: fc.constant('continue' as const) }),
);
const history = fc.record({
  product: fc.constantFrom('ONT', 'STA-3', 'HER'),
  steps: fc.array(fc.record({ days: fc.integer({ min: 0, max: 25 }), event }), {
    maxLength: 14,
  }),
});

describe('report properties on random engine histories', () => {
  let server: TestServer;
  let beleid: string;

  beforeAll(async () => {
    server = await startTestServer({ now: NOW });
    beleid = (await createTestUser(server, { role: 'beleid' })).token;
  });
  afterAll(async () => server.close());

  it('exports = ladder changes = matrix; steps = upward cells; billed minutes = billable contacts', async () => {
    const settings = resolveSettings();
    await fc.assert(
      fc.asyncProperty(fc.array(history, { minLength: 1, maxLength: 4 }), async (histories) => {
        const team = await createTestTeam(server);
        const begeleider = await createTestUser(server, { role: 'begeleider', teamIds: [team.id] });
        const opdrachtgever = await defaultOpdrachtgever(server.context, team.orgId);
        const actor = { userId: begeleider.user.id, role: 'begeleider' as const };
        const now = new Date(NOW);
        let ladderChanges = 0;
        let billableMinutes = 0;
        let lastAt = 0;
        const records: CaseWithHistories[] = [];
        for (const [index, plan] of histories.entries()) {
          const trede: Trede = plan.product === 'STA-3' ? 3 : 2;
          const start = new Date(Date.parse('2026-01-05T09:00:00Z') + index * DAY);
          const created = createTrajectory({
            product: plan.product,
            targetTrede: plan.product === 'ONT' ? 3 : null,
            currentTrede: trede,
            registeredAt: start.toISOString(),
            now: NOW,
            actor,
            settings,
          });
          if (!created.ok) throw new Error(created.message);
          const caseId = newId();
          let record: CaseWithHistories = {
            id: caseId,
            orgId: team.orgId,
            teamId: team.id,
            opdrachtgeverId: opdrachtgever.id,
            begeleiderId: actor.userId,
            clientNumber: `P-${caseId}`,
            displayName: 'Eigenschap',
            bsn: null,
            currentTrede: trede,
            ladder: [
              {
                seq: 0,
                from: null,
                to: trede,
                at: start,
                trajectoryId: null,
                product: null,
                reason: 'intake',
                begeleiderId: actor.userId,
                teamId: team.id,
                recordedAt: now,
              },
            ],
            openTrajectory: newTrajectoryRecord(created, {
              id: trajectoryIdFor(caseId, 1),
              now,
              createdBy: actor.userId,
              actorRole: actor.role,
              previousTrajectoryId: null,
              settings,
            }),
            closedTrajectories: [],
            idempotency: [],
            version: 1,
            createdAt: now,
            updatedAt: now,
          };
          let persisted = created.persisted;
          let at = start.getTime();
          for (const step of plan.steps) {
            at += step.days * DAY;
            if (at >= now.getTime() || !record.openTrajectory) break;
            const outcome = applyEvent({
              persisted,
              event: step.event,
              occurredAt: new Date(at).toISOString(),
              now: NOW,
              actor,
              settings,
            });
            if (!outcome.ok) continue;
            lastAt = Math.max(lastAt, at);
            const applied: EngineOutcome = outcome;
            persisted = applied.persisted;
            if (applied.tredeTransition) ladderChanges += 1;
            for (const entry of applied.historyEntries) {
              if (entry.type === 'RECORD_CONTACT' && entry.fromState !== 'droppedOut')
                billableMinutes += Number(entry.payload.minutes ?? 0);
            }
            record = applyTrajectoryChange(record, {
              trajectory: advanceTrajectory(record.openTrajectory, applied, {
                actorRole: actor.role,
                settings,
              }),
              transition: applied.tredeTransition,
              followUp: null,
              begeleiderId: null,
              idempotency: null,
              now,
            });
          }
          records.push(record);
        }
        await insertCases(server.context.db, records);

        const exported = await request(server.app)
          .get(
            `/api/v1/reports/transitions?team=${team.id}&from=2026-01-01&to=${NOW}&format=ndjson`,
          )
          .set(bearer(beleid))
          .expect(200);
        const rows = exported.text.split('\n').filter(Boolean);
        expect(rows).toHaveLength(ladderChanges);

        const indicators = await request(server.app)
          .get(`/api/v1/reports/indicators?team=${team.id}&from=2026-01-01&to=2027-05-31`)
          .set(bearer(beleid))
          .expect(200);
        const matrix = indicators.body.ladder.matrix as Array<{
          from: number;
          to: number;
          count: number;
        }>;
        expect(matrix.reduce((sum, cell) => sum + cell.count, 0)).toBe(ladderChanges);
        expect(indicators.body.steps.transitions).toBe(
          matrix.filter((cell) => cell.to > cell.from).reduce((sum, cell) => sum + cell.count, 0),
        );
        expect(indicators.body.steps.byPair).toEqual(matrix.filter((cell) => cell.to > cell.from));

        let billed = 0;
        // Every month from the first registration to the last accepted event.
        const lastMonth = `${new Date(lastAt).toISOString().slice(0, 7)}-01`;
        for (let month = '2026-01-01'; month <= lastMonth; month = addCalendarMonths(month, 1)) {
          const billing = await request(server.app)
            .get(`/api/v1/reports/billing?team=${team.id}&month=${month.slice(0, 7)}`)
            .set(bearer(beleid))
            .expect(200);
          billed += billing.body.total.minutes as number;
        }
        expect(billed).toBe(billableMinutes);
      }),
      { numRuns: 10 },
    );
  });
});
