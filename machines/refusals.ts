import { extendDeadline, isAtOrAfter } from './calendar';
import { nextTarget } from './shared-rules';
import type { TrajectorySnapshot } from './snapshot-store';
import type { ClientEventType, Rejection, RejectionCode, TrajectoryEvent } from './types';

export function rejection(
  code: RejectionCode,
  message: string,
  allowedEvents: ClientEventType[] = [],
): Rejection {
  return { ok: false, code, message, allowedEvents };
}

/**
 * Why a guard refused an event the state does handle, in words for logs and API clients
 * (no personal data). Mirrors the named guards of shared-rules.ts.
 */
export function guardRefusal(
  snapshot: TrajectorySnapshot,
  event: TrajectoryEvent,
  occurredAt: string,
): string {
  const context = snapshot.context;
  switch (event.type) {
    case 'ASSESS_TREDE':
      return `Trede ${event.trede} already reaches target trede ${String(context.targetTrede)} before the step started; close this trajectory instead`;
    case 'NEXT_STEP':
      return `A next step would aim at trede ${nextTarget(context)}; an Ontwikkeltraject aims at trede 5 at most`;
    case 'EXTEND': {
      if (![1, 2, 3].includes(event.months)) return 'An extension is 1, 2 or 3 months';
      const limit = context.terms.maxExtensionsPerStep;
      if (context.extensionsThisStep >= limit) return `At most ${limit} extension(s) per step`;
      if (
        context.deadlineAt &&
        isAtOrAfter(occurredAt, extendDeadline(context.deadlineAt, event.months))
      ) {
        return 'This extension would end before the decision itself; extend by more months or close';
      }
      return 'The extension is not possible';
    }
    case 'CONCLUDE':
      return event.route === 'ontwikkeltraject'
        ? 'Route ontwikkeltraject needs a concluded trede of 4 or lower (its target must lie above it, at most 5)'
        : 'Route stabiel needs a concluded trede of 2, 3 or 4';
    case 'DEADLINE_PASSED':
      return 'The deadline has not passed at this instant';
    case 'CLOSE':
    case 'REVIEW':
      if (event.type === 'REVIEW' && event.decision === 'close' && event.outcome === undefined)
        return 'A REVIEW that closes needs an outcome';
      // SPEC §2.3: the outcome must fit the trajectory.
      return event.outcome === 'paidWork'
        ? `Outcome paidWork needs trede 5 or 6; the current trede is ${context.currentTrede}`
        : 'Outcome goalReached only when the step was achieved (Ontwikkeltraject, stepAchieved)';
    default:
      return `${event.type} is refused in state ${String(snapshot.value)}`;
  }
}
