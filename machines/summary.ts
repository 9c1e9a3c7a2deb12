import type { TrajectorySnapshot } from './snapshot-store';
import type { TrajectoryContext } from './trajectory-context';
import type { TrajectoryStateKey, TrajectorySummary } from './types';

/** States in which a window (step limit, Herontdekken limit, review date) counts. */
const WINDOW_STATES: ReadonlySet<TrajectoryStateKey> = new Set(['active', 'overdue', 'reviewDue']);

/**
 * The deadline as the signals see it (SPEC §2.4): none before START, after a step is achieved or
 * closed, and none while suspended (the clock stops); dropped out keeps it (the clock runs on).
 */
function visibleDeadline(state: TrajectoryStateKey, context: TrajectoryContext): string | null {
  if (WINDOW_STATES.has(state)) return context.deadlineAt;
  if (state === 'droppedOut' && context.returnTo !== null && WINDOW_STATES.has(context.returnTo)) {
    return context.deadlineAt;
  }
  return null;
}

export function stateOf(snapshot: TrajectorySnapshot): TrajectoryStateKey {
  return snapshot.value as TrajectoryStateKey;
}

/** The stored, indexed fields of a trajectory (types.ts TrajectorySummary). */
export function summarize(snapshot: TrajectorySnapshot): TrajectorySummary {
  const context = snapshot.context;
  const state = stateOf(snapshot);
  return {
    product: context.product,
    machineId: context.machineId,
    state,
    stateEnteredAt: context.stateEnteredAt,
    registeredAt: context.registeredAt,
    startedAt: context.startedAt,
    deadlineAt: visibleDeadline(state, context),
    targetTrede: context.targetTrede,
    currentTrede: context.currentTrede,
    lastActivityAt: context.lastActivityAt,
    relapseAt: context.relapseAt,
    growthAt: context.growthAt,
    // Before any assessment in this trajectory: the intake passed at creation, else registration.
    lastAssessedAt: context.lastAssessedAt ?? context.registeredAt,
    lastEventAt: context.lastEventAt,
    outcome: state === 'closed' ? context.closeOutcome : null,
  };
}
