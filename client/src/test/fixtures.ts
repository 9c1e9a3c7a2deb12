/** Case files for client tests, made by the shared engine (real snapshots, not hand-written JSON). */
import {
  applyEvent,
  createTrajectory,
  DEFAULT_SETTINGS,
  describeTrajectory,
  type ClientEvent,
  type EngineOutcome,
  type PersistedTrajectory,
} from '../../../machines';
import type { CaseFile, Trajectory } from '../lib/api-types';

const actor = { userId: 'u-begeleider', role: 'begeleider' as const };

function ok(result: ReturnType<typeof applyEvent>): EngineOutcome {
  if (!result.ok) throw new Error(`engine refused: ${result.code}`);
  return result;
}

/** An Ontwikkeltraject 1 → 2 started on 2026-03-02, after the given events. */
export function ontTrajectory(events: Array<{ event: ClientEvent; at: string }> = []): Trajectory {
  let outcome = ok(
    createTrajectory({
      product: 'ONT',
      targetTrede: 2,
      currentTrede: 1,
      registeredAt: '2026-03-01T09:00:00.000Z',
      now: '2026-03-01T09:00:00.000Z',
      actor,
      settings: DEFAULT_SETTINGS,
    }),
  );
  const history = [...outcome.historyEntries];
  let version = 1;
  for (const { event, at } of [
    { event: { type: 'START' } as ClientEvent, at: '2026-03-02T09:00:00.000Z' },
    ...events,
  ]) {
    outcome = ok(
      applyEvent({
        persisted: outcome.persisted,
        event,
        occurredAt: at,
        now: at,
        actor,
        settings: DEFAULT_SETTINGS,
      }),
    );
    history.push(...outcome.historyEntries);
    version += 1;
  }
  return presented(outcome.persisted, outcome, history, version);
}

function presented(
  persisted: PersistedTrajectory,
  outcome: EngineOutcome,
  history: EngineOutcome['historyEntries'],
  version: number,
): Trajectory {
  const { summary } = outcome;
  return {
    id: 'case-1-1',
    caseId: 'case-1',
    product: summary.product,
    machineId: persisted.machineId,
    machineVersion: persisted.machineVersion,
    state: summary.state,
    version,
    deadlineAt: summary.deadlineAt,
    targetTrede: summary.targetTrede,
    currentTrede: summary.currentTrede,
    registeredAt: summary.registeredAt,
    startedAt: summary.startedAt,
    stateEnteredAt: summary.stateEnteredAt,
    lastActivityAt: summary.lastActivityAt,
    closedAt: null,
    outcome: null,
    conclusion: null,
    previousTrajectoryId: null,
    followUpTrajectoryId: null,
    allowedEvents: describeTrajectory(persisted, 'begeleider', DEFAULT_SETTINGS).allowedEvents,
    signals: [],
    history: history.map((entry) => ({ ...entry, actorRole: entry.actorId ? 'begeleider' : null })),
    snapshot: persisted.snapshot,
  };
}

export function caseFileWith(trajectory: Trajectory, overrides: Partial<CaseFile> = {}): CaseFile {
  return {
    id: 'case-1',
    clientNumber: 'K-0001',
    displayName: 'Fictief, Test',
    bsn: '*****2333',
    teamId: 't-1',
    opdrachtgeverId: 'o-1',
    begeleiderId: 'u-begeleider',
    currentTrede: trajectory.currentTrede,
    version: trajectory.version,
    createdAt: '2026-03-01T09:00:00.000Z',
    updatedAt: '2026-03-01T09:00:00.000Z',
    ladder: [
      {
        seq: 0,
        from: null,
        to: 1,
        at: '2026-02-20T09:00:00.000Z',
        trajectoryId: null,
        product: null,
        reason: 'intake',
        begeleiderId: 'u-begeleider',
        teamId: 't-1',
        recordedAt: '2026-02-20T09:00:00.000Z',
      },
    ],
    trajectories: [trajectory],
    ...overrides,
  };
}
