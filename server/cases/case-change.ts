import type { UpdateQuery } from 'mongoose';
import type { TredeTransitionDraft } from '../../machines';
import type { CaseDocument } from './case.schema';
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

const same = (a: unknown, b: unknown): boolean => JSON.stringify(a) === JSON.stringify(b);

const SCALAR_FIELDS = [
  'teamId',
  'begeleiderId',
  'clientNumber',
  'displayName',
  'bsn',
  'currentTrede',
  'lastAssessedAt',
  'version',
  'updatedAt',
] as const;

/**
 * The single-document update that turns `before` into `after`: $set for what changed and $push for
 * what was appended (ladder, history, closed trajectories), so an event is one atomic write
 * (SPEC §1: FerretDB v1 has no multi-document transactions; SPEC §6: no lost data).
 * Positional `$` updates are avoided on purpose (FerretDB v1 lacks them).
 */
export function updateFor(before: CaseRecord, after: CaseRecord): UpdateQuery<CaseDocument> {
  const $set: Record<string, unknown> = {};
  const $push: Record<string, { $each: unknown[] }> = {};
  for (const field of SCALAR_FIELDS)
    if (!same(before[field], after[field])) $set[field] = after[field];
  if (after.ladder.length > before.ladder.length)
    $push.ladder = { $each: after.ladder.slice(before.ladder.length) };
  if (after.closedTrajectories.length > before.closedTrajectories.length) {
    $push.closedTrajectories = {
      $each: after.closedTrajectories.slice(before.closedTrajectories.length),
    };
  }
  if (!same(before.idempotency, after.idempotency)) $set.idempotency = after.idempotency;
  // Appended, never replaced: a flush that emptied the outbox meanwhile loses nothing (audit/outbox.ts).
  const outboxBefore = before.auditOutbox ?? [];
  const outboxAfter = after.auditOutbox ?? [];
  if (outboxAfter.length > outboxBefore.length)
    $push.auditOutbox = { $each: outboxAfter.slice(outboxBefore.length) };

  const open = before.openTrajectory;
  const next = after.openTrajectory;
  if (open && next && open.id === next.id) {
    for (const key of Object.keys(next) as Array<keyof TrajectoryRecord>) {
      if (key !== 'history' && !same(open[key], next[key]))
        $set[`openTrajectory.${key}`] = next[key];
    }
    // History grows by appending; only withdrawn system entries (decision 006) rewrite its tail.
    if (!same(open.history, next.history.slice(0, open.history.length)))
      $set['openTrajectory.history'] = next.history;
    else if (next.history.length > open.history.length)
      $push['openTrajectory.history'] = { $each: next.history.slice(open.history.length) };
  } else if (!same(open, next)) {
    $set.openTrajectory = next;
  }
  return Object.keys($push).length ? { $set, $push } : { $set };
}
