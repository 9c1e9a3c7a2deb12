import type { TredeTransitionDraft } from '../../machines';
import type {
  CaseRecord,
  ClosedTrajectory,
  IdempotencyRecord,
  LadderEntry,
  TrajectoryRecord,
} from './case.types';

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

/**
 * The one way a ladder entry is made (SPEC §2.1): the intake (from = null), a measurement outside a
 * trajectory, or a trajectory's transition. It is the next entry of `owner`'s ladder and carries
 * the case's begeleider and team at that moment (reports group by them).
 */
export function ladderEntry(
  owner: Pick<CaseRecord, 'ladder' | 'begeleiderId' | 'teamId'>,
  entry: Pick<LadderEntry, 'from' | 'to' | 'at' | 'reason'> & {
    trajectory: Pick<TrajectoryRecord, 'id' | 'product'> | null;
  },
  now: Date,
): LadderEntry {
  return {
    seq: owner.ladder.length,
    from: entry.from,
    to: entry.to,
    at: entry.at,
    trajectoryId: entry.trajectory?.id ?? null,
    product: entry.trajectory?.product ?? null,
    reason: entry.reason,
    begeleiderId: owner.begeleiderId,
    teamId: owner.teamId,
    recordedAt: now,
  };
}

/** A trajectory's trede transition on its case's ladder. */
export function ladderEntryFor(
  current: CaseRecord,
  transition: TredeTransitionDraft,
  trajectory: TrajectoryRecord,
  now: Date,
): LadderEntry {
  const { from, to, reason } = transition;
  return ladderEntry(current, { from, to, at: new Date(transition.at), reason, trajectory }, now);
}

/** The trajectory after `change`, as applyTrajectoryChange puts it in the case. */
export function changedTrajectory(change: TrajectoryChange): TrajectoryRecord {
  return change.followUp
    ? { ...change.trajectory, followUpTrajectoryId: change.followUp.id }
    : change.trajectory;
}

/**
 * The case after one event, as a value. Only the open trajectory receives events; when it closes it
 * moves to closedTrajectories, and a follow-up (if any) becomes the open one.
 */
export function applyTrajectoryChange<Closed extends ClosedTrajectory>(
  current: CaseRecord<Closed>,
  change: TrajectoryChange,
): CaseRecord<Closed | TrajectoryRecord> {
  const closed = change.trajectory.summary.state === 'closed';
  const trajectory = changedTrajectory(change);
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
