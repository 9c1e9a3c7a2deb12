import {
  computeSignals,
  describeTrajectory,
  type OrganisationSettings,
  type Role,
  type SignalCode,
} from '../../machines';
import type { z } from 'zod';
import type { CaseRecord, TrajectoryRecord } from '../case-store/case.types';
import type { trajectoryViewSchema } from './schema';
import { loadSummary, presentHistoryEntry, toPersisted } from '../case-store/trajectory-record';

/**
 * GET /trajectories/:id (SPEC §3). allowedEvents come from the engine for the caller's role; a
 * closed trajectory is final and allows nothing.
 */
export function presentTrajectory(
  caseRecord: Pick<CaseRecord, 'id' | 'openTrajectory'>,
  trajectory: TrajectoryRecord,
  viewer: { role: Role; settings: OrganisationSettings; asOf: Date },
): z.infer<typeof trajectoryViewSchema> {
  const isOpen = caseRecord.openTrajectory?.id === trajectory.id;
  const summary = loadSummary(trajectory.summary);
  return {
    ...presentTrajectoryWithoutHistory(caseRecord.id, trajectory, {
      allowedEvents: isOpen
        ? describeTrajectory(toPersisted(trajectory), viewer.role, viewer.settings).allowedEvents
        : [],
      signals: isOpen
        ? computeSignals(summary, viewer.asOf.toISOString(), viewer.settings.signals)
        : [],
    }),
    history: trajectory.history.map(presentHistoryEntry),
    // The client restores this with the shared machines/ to cross-check allowedEvents and to draw
    // the deadline bar (step start, suspended days, extensions); it holds no personal data.
    snapshot: toPersisted(trajectory).snapshot,
  };
}

export type TrajectoryView = ReturnType<typeof presentTrajectory>;

/** Herontdekken's CONCLUDE {trede, route}, as its history entry recorded it (SPEC §2.3). */
function conclusionOf(trajectory: TrajectoryRecord): { trede: number; route: string } | null {
  const entry = trajectory.history.find((item) => item.type === 'CONCLUDE');
  if (!entry) return null;
  const { trede, route } = entry.payload;
  return typeof trede === 'number' && typeof route === 'string' ? { trede, route } : null;
}

function presentTrajectoryWithoutHistory(
  caseId: string,
  trajectory: TrajectoryRecord,
  computed: { allowedEvents: string[]; signals: SignalCode[] },
) {
  const summary = loadSummary(trajectory.summary);
  return {
    id: trajectory.id,
    caseId,
    product: trajectory.product,
    machineId: trajectory.machineId,
    machineVersion: trajectory.machineVersion,
    state: summary.state,
    version: trajectory.version,
    deadlineAt: summary.deadlineAt,
    targetTrede: summary.targetTrede,
    currentTrede: summary.currentTrede,
    registeredAt: summary.registeredAt,
    startedAt: summary.startedAt,
    stateEnteredAt: summary.stateEnteredAt,
    lastActivityAt: summary.lastActivityAt,
    closedAt: trajectory.closedAt ? trajectory.closedAt.toISOString() : null,
    outcome: summary.outcome,
    conclusion: conclusionOf(trajectory),
    previousTrajectoryId: trajectory.previousTrajectoryId,
    followUpTrajectoryId: trajectory.followUpTrajectoryId,
    allowedEvents: computed.allowedEvents,
    signals: computed.signals,
  };
}
