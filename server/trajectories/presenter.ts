import {
  computeSignals,
  describeTrajectory,
  type OrganisationSettings,
  type Role,
  type SignalCode,
} from '../../machines';
import type { z } from 'zod';
import type { CaseRecord, TrajectoryRecord } from '../cases/case.types';
import type { trajectoryViewSchema } from '../cases/schema';
import { loadSummary, presentHistoryEntry, toPersisted } from './trajectory-record';

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
  };
}

export type TrajectoryView = ReturnType<typeof presentTrajectory>;

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
    previousTrajectoryId: trajectory.previousTrajectoryId,
    followUpTrajectoryId: trajectory.followUpTrajectoryId,
    allowedEvents: computed.allowedEvents,
    signals: computed.signals,
  };
}
