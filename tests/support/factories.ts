import request, { type Response } from 'supertest';
import {
  applyEvent,
  createTrajectory,
  type CatalogueCode,
  type ProductCode,
  type Trede,
} from '../../machines';
import type { AuthUser } from '../../server/policies/actor';
import { applyTrajectoryChange } from '../../server/case-store/case-change';
import { insertCases } from '../../server/case-store/case.repository';
import type { CaseWithHistories } from '../../server/case-store/case.types';
import { newId } from '../../server/ids';
import { loadOrganisationSettings } from '../../server/organisations/settings';
import { advanceTrajectory, newTrajectoryRecord } from '../../server/case-store/trajectory-record';
import { trajectoryIdFor } from '../../server/case-store/trajectory-id';
import { bearer, createTestTeam, createTestUser } from './auth';
import type { TestServer } from './test-server';

export interface TestTeam {
  team: { id: string; orgId: string };
  begeleider: { user: AuthUser; token: string };
  teamleider: { user: AuthUser; token: string };
}

/** A team with one begeleider and one teamleider, each logged in. */
export async function createCaseworkTeam(server: TestServer, name?: string): Promise<TestTeam> {
  const team = await createTestTeam(server, name);
  const begeleider = await createTestUser(server, {
    role: 'begeleider',
    teamIds: [team.id],
    orgId: team.orgId,
  });
  const teamleider = await createTestUser(server, {
    role: 'teamleider',
    teamIds: [team.id],
    orgId: team.orgId,
  });
  return { team, begeleider, teamleider };
}

let clientCounter = 0;

/** A valid POST /cases body; override any field. */
export function buildCaseInput(team: TestTeam, overrides: Record<string, unknown> = {}) {
  clientCounter += 1;
  return {
    clientNumber: `T-${process.pid}-${String(clientCounter).padStart(5, '0')}`,
    displayName: `Testpersoon ${clientCounter}`,
    teamId: team.team.id,
    begeleiderId: team.begeleider.user.id,
    trede: 1,
    assessedAt: '2026-01-05T09:00:00.000Z',
    ...overrides,
  };
}

export async function createCaseViaApi(
  server: TestServer,
  team: TestTeam,
  overrides: Record<string, unknown> = {},
) {
  const response = await request(server.app)
    .post('/api/v1/cases')
    .set(bearer(team.begeleider.token))
    .send(buildCaseInput(team, overrides));
  if (response.status !== 201)
    throw new Error(`POST /cases answered ${response.status}: ${JSON.stringify(response.body)}`);
  return response.body as { id: string; version: number; currentTrede: number };
}

export async function createTrajectoryViaApi(
  server: TestServer,
  token: string,
  caseId: string,
  body: { product: CatalogueCode; targetTrede?: number; registeredAt?: string },
) {
  const response = await request(server.app)
    .post(`/api/v1/cases/${caseId}/trajectories`)
    .set(bearer(token))
    .send({ registeredAt: '2026-01-10T09:00:00.000Z', ...body });
  if (response.status !== 201)
    throw new Error(
      `POST trajectories answered ${response.status}: ${JSON.stringify(response.body)}`,
    );
  return response.body as { id: string; version: number; state: string };
}

export function sendEvent(
  server: TestServer,
  token: string,
  trajectoryId: string,
  body: Record<string, unknown>,
  headers: Record<string, string> = {},
): Promise<Response> {
  return request(server.app)
    .post(`/api/v1/trajectories/${trajectoryId}/events`)
    .set({ ...bearer(token), ...headers })
    .send(body)
    .then((response) => response);
}

/** The raw stored case document, to prove that refused requests changed nothing. */
export async function rawCase(server: TestServer, caseId: string): Promise<unknown> {
  const { Types } = await import('mongoose');
  return server.context.db.collection('cases').findOne({ _id: new Types.ObjectId(caseId) });
}

/**
 * Many cases with a started trajectory, built through the engine and the server's own pure folding
 * code, then inserted in bulk: for tests that need a thousand trajectories without a thousand
 * HTTP round trips.
 */
export async function seedStartedTrajectories(
  server: TestServer,
  team: TestTeam,
  options: {
    count: number;
    product: ProductCode;
    targetTrede?: Trede;
    currentTrede: Trede;
    startedAt: string;
  },
): Promise<CaseWithHistories[]> {
  const settings = await loadOrganisationSettings(server.context, team.team.orgId);
  const actor = { userId: team.begeleider.user.id, role: team.begeleider.user.role };
  const now = server.clock.now();
  const records: CaseWithHistories[] = [];
  for (let index = 0; index < options.count; index += 1) {
    const created = createTrajectory({
      product: options.product,
      targetTrede: options.targetTrede,
      currentTrede: options.currentTrede,
      registeredAt: options.startedAt,
      now: now.toISOString(),
      actor,
      settings,
    });
    if (!created.ok) throw new Error(`createTrajectory refused: ${created.code}`);
    const caseId = newId();
    const trajectory = newTrajectoryRecord(created, {
      id: trajectoryIdFor(caseId, 1),
      now,
      createdBy: actor.userId,
      actorRole: actor.role,
      previousTrajectoryId: null,
      settings,
    });
    const started = applyEvent({
      persisted: created.persisted,
      event: { type: 'START' },
      occurredAt: options.startedAt,
      now: now.toISOString(),
      actor,
      settings,
    });
    if (!started.ok) throw new Error(`START refused: ${started.code}`);
    clientCounter += 1;
    const base: CaseWithHistories = {
      id: caseId,
      orgId: team.team.orgId,
      teamId: team.team.id,
      begeleiderId: team.begeleider.user.id,
      clientNumber: `S-${process.pid}-${String(clientCounter).padStart(6, '0')}`,
      displayName: `Seed ${clientCounter}`,
      bsn: null,
      currentTrede: options.currentTrede,
      ladder: [
        {
          seq: 0,
          from: null,
          to: options.currentTrede,
          at: new Date(options.startedAt),
          trajectoryId: null,
          product: null,
          reason: 'intake',
          begeleiderId: team.begeleider.user.id,
          teamId: team.team.id,
          recordedAt: now,
        },
      ],
      openTrajectory: trajectory,
      closedTrajectories: [],
      idempotency: [],
      version: 2,
      createdAt: now,
      updatedAt: now,
    };
    records.push(
      applyTrajectoryChange(base, {
        trajectory: advanceTrajectory(trajectory, started, { actorRole: actor.role, settings }),
        transition: started.tredeTransition,
        followUp: null,
        begeleiderId: null,
        idempotency: null,
        now,
      }),
    );
  }
  for (let start = 0; start < records.length; start += 250)
    await insertCases(server.context.db, records.slice(start, start + 250));
  return records;
}
