import type { TredeTransitionDraft } from '../../machines';
import type { CaseRecord, IdempotencyRecord, LadderEntry, TrajectoryRecord } from './case.types';

/** How many idempotency records a case keeps: enough for any client's retry window. */
export const IDEMPOTENCY_RECORDS_KEPT = 20;

export interface TrajectoryChange {
  /** The trajectory after the event (state, snapshot, history appended, version + 1). */
  trajectory: TrajectoryRecord;
  transition: TredeTransitionDraft | null;
  /** A Herontdekken conclusion's follow-up, opened in the same write (SPEC §2.3). */
  followUp: TrajectoryRecord | null;
  /** REASSIGN moves the case to another begeleider. */
  begeleiderId: string | null;
  idempotency: IdempotencyRecord | null;
  now: Date;
}

export function ladderEntryFor(
  current: CaseRecord,
  transition: TredeTransitionDraft,
  trajectory: TrajectoryRecord,
  now: Date,
): LadderEntry {
  return {
    seq: current.ladder.length,
    from: transition.from,
    to: transition.to,
    at: new Date(transition.at),
    trajectoryId: trajectory.id,
    product: trajectory.product,
    reason: transition.reason,
    begeleiderId: current.begeleiderId,
    teamId: current.teamId,
    recordedAt: now,
  };
}

/**
 * The case after one event, as a value. Only the open trajectory receives events; when it closes it
 * moves to closedTrajectories, and a follow-up (if any) becomes the open one.
 */
export function applyTrajectoryChange(current: CaseRecord, change: TrajectoryChange): CaseRecord {
  const closed = change.trajectory.summary.state === 'closed';
  const trajectory = change.followUp
    ? { ...change.trajectory, followUpTrajectoryId: change.followUp.id }
    : change.trajectory;
  return {
    ...current,
    begeleiderId: change.begeleiderId ?? current.begeleiderId,
    currentTrede: change.transition ? change.transition.to : current.currentTrede,
    ladder: change.transition
      ? [...current.ladder, ladderEntryFor(current, change.transition, trajectory, change.now)]
      : current.ladder,
    openTrajectory: closed ? change.followUp : trajectory,
    closedTrajectories: closed
      ? [...current.closedTrajectories, trajectory]
      : current.closedTrajectories,
    idempotency: change.idempotency
      ? [...current.idempotency, change.idempotency].slice(-IDEMPOTENCY_RECORDS_KEPT)
      : current.idempotency,
    version: current.version + 1,
    updatedAt: change.now,
  };
}
