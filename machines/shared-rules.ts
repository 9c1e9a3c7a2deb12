import { assign } from 'xstate';
import { roleMaySend } from './permissions';
import {
  calendarDaysBetween,
  extendDeadline,
  isAtOrAfter,
  shiftDeadline,
  windowDeadline,
} from './calendar';
import type { MachineEvent, ReturnState, TrajectoryContext } from './trajectory-context';
import type { ClientEventType, CloseOutcome, Trede } from './types';

/**
 * Guards and actions shared by the three machines, declared by name in each machine's
 * `setup({...})`. Guards are pure predicates; actions only assign to context.
 */

interface Args {
  context: TrajectoryContext;
  event: MachineEvent;
}

const MAX_ONT_TARGET = 5;
const EXTENSION_MONTHS = [1, 2, 3];

/**
 * NEXT_STEP (SPEC §2.3, seed 003 "naar trede 2 … maximaal 6 mnd"): one step at a time, so the
 * next target is one trede above the *current* trede (after a relapse too), never above 5.
 */
export function nextTarget(context: TrajectoryContext): number {
  return context.currentTrede + 1;
}

/**
 * Whether a closing outcome fits (SPEC §2.3): `goalReached` only where the step was achieved
 * (ONT `stepAchieved`; never Stabiel or Herontdekken), `paidWork` only at trede 5 or 6.
 */
export function outcomeFits(
  outcome: CloseOutcome,
  context: TrajectoryContext,
  goalReachable: boolean,
): boolean {
  if (outcome === 'goalReached') return goalReachable;
  if (outcome === 'paidWork') return context.currentTrede >= 5;
  return true;
}

function deadlineDue({ context, event }: Args): boolean {
  return context.deadlineAt !== null && isAtOrAfter(event.occurredAt, context.deadlineAt);
}

export const sharedGuards = {
  /** EXTEND and REASSIGN are the teamleider's (SPEC §2.5; the rule is permissions.ts's). */
  byTeamleider: ({ event }: Args) =>
    event.actor != null && roleMaySend(event.actor.role, event.type as ClientEventType),
  /** DEADLINE_PASSED is only accepted at or after the deadline instant (decision 003). */
  deadlineDue,
  /** While dropped out the limit clock keeps running (SPEC §2.3): the deadline can pass there. */
  awayDeadlineDue: (args: Args) =>
    args.context.returnTo === 'active' &&
    !args.context.deadlinePassedWhileAway &&
    deadlineDue(args),
  deadlinePassedWhileAway: ({ context }: Args) => context.deadlinePassedWhileAway,
  returnsTo: ({ context }: Args, params: { state: ReturnState }) =>
    context.returnTo === params.state,
  reachesTarget: ({ context, event }: Args) =>
    event.type === 'ASSESS_TREDE' &&
    context.targetTrede !== null &&
    event.trede >= context.targetTrede,
  /** Before START an ONT assessment may not already reach the target: the step would be void. */
  staysBelowTarget: ({ context, event }: Args) =>
    event.type === 'ASSESS_TREDE' &&
    (context.targetTrede === null || event.trede < context.targetTrede),
  nextStepWithinLadder: ({ context }: Args) => nextTarget(context) <= MAX_ONT_TARGET,
  /**
   * EXTEND {months 1–3} at most `maxExtensionsPerStep` times per step (SPEC §2.3), and the
   * extended deadline must lie after the decision: a deadline already in the past would have to be
   * passed again at an instant before this event.
   */
  extensionWithinPolicy: ({ context, event }: Args) =>
    event.type === 'EXTEND' &&
    EXTENSION_MONTHS.includes(event.months) &&
    context.extensionsThisStep < context.terms.maxExtensionsPerStep &&
    context.deadlineAt !== null &&
    !isAtOrAfter(event.occurredAt, extendDeadline(context.deadlineAt, event.months)),
  decidesContinue: ({ event }: Args) => event.type === 'REVIEW' && event.decision === 'continue',
  /** Stabiel REVIEW {decision: close} needs an outcome that fits (SPEC §2.3); never goalReached. */
  decidesClose: ({ context, event }: Args) =>
    event.type === 'REVIEW' &&
    event.decision === 'close' &&
    event.outcome !== undefined &&
    outcomeFits(event.outcome, context, false),
  /** CLOSE {outcome}: `goalReachable` is true only in ONT's stepAchieved. */
  closeOutcomeFits: ({ context, event }: Args, params: { goalReachable: boolean }) =>
    event.type === 'CLOSE' && outcomeFits(event.outcome, context, params.goalReachable),
  /**
   * CONCLUDE (SPEC §2.3): route ontwikkeltraject needs a trede below 5 (the follow-up's target is
   * trede + 1, at most 5, and must lie above it); route stabiel needs a Stabiel trede (2–4).
   */
  routeFitsConcludedTrede: ({ event }: Args) => {
    if (event.type !== 'CONCLUDE') return false;
    if (event.route === 'ontwikkeltraject') return event.trede <= 4;
    if (event.route === 'stabiel') return event.trede >= 2 && event.trede <= 4;
    return true;
  },
};

type Update = (context: TrajectoryContext, event: MachineEvent) => Partial<TrajectoryContext>;

const update = (fn: Update) =>
  assign<TrajectoryContext, MachineEvent, undefined, MachineEvent, never>(({ context, event }) =>
    fn(context, event),
  );

const withFlag = (context: TrajectoryContext, flag: string) => ({
  eventFlags: [...context.eventFlags, flag],
});

function openWindow(context: TrajectoryContext, at: string): Partial<TrajectoryContext> {
  const months = context.terms.windowMonths;
  return {
    stepStartedAt: at,
    step: context.step + 1,
    deadlineAt: months === null ? null : windowDeadline(at, months),
    extensionsThisStep: 0,
    suspendedDaysThisStep: 0,
  };
}

/**
 * A trede assessment. RELAPSE (SPEC §2.4): for ONT and HER the latest assessment is lower than
 * the one before; for Stabiel the trede lies below the product's trede, and the terugval lasts
 * (from its first assessment) as long as it stays below. GROWTH: Stabiel above the product's trede.
 */
export function assessed(
  context: TrajectoryContext,
  trede: Trede,
  at: string,
): Partial<TrajectoryContext> {
  const kept = context.terms.stabielTrede;
  const relapseAt =
    kept === null
      ? trede < context.currentTrede
        ? at
        : null
      : trede < kept
        ? (context.relapseAt ?? at)
        : null;
  return {
    previousTrede: context.currentTrede,
    currentTrede: trede,
    lastAssessedAt: at,
    lastActivityAt: at,
    relapseAt,
    growthAt: kept !== null && trede > kept ? at : null,
  };
}

export const sharedActions = {
  /**
   * First action of every transition: the event's time, and fresh flags for its history entry. A
   * person's event is a fact: it becomes the floor for backdating, and what the system derived
   * before it is settled (decision 006).
   */
  touch: update((_context, event) => ({
    lastEventAt: event.occurredAt,
    eventFlags: [],
    ...(event.actor !== null && { lastUserEventAt: event.occurredAt, derivedFrom: null }),
  })),
  /** Entry action of every state after `registered`: the signals measure time in a state (SPEC §2.4). */
  enterState: update((_context, event) => ({ stateEnteredAt: event.occurredAt })),
  startClock: update((context, event) => ({
    startedAt: event.occurredAt,
    lastActivityAt: event.occurredAt,
    ...openWindow(context, event.occurredAt),
  })),
  /** NEXT_STEP gets a new window from the event's date; Stabiel's REVIEW starts a new review period. */
  openWindow: update((context, event) => openWindow(context, event.occurredAt)),
  raiseTarget: update((context) => ({ targetTrede: nextTarget(context) as Trede })),
  recordContact: update((_context, event) => ({ lastActivityAt: event.occurredAt })),
  recordAssessment: update((context, event) =>
    event.type === 'ASSESS_TREDE' ? assessed(context, event.trede, event.occurredAt) : {},
  ),
  /** ONT and HER: an assessment lower than the one before is a relapse (SPEC §2.4 RELAPSE). */
  flagRelapse: update((context, event) =>
    event.type === 'ASSESS_TREDE' && event.trede < context.currentTrede
      ? withFlag(context, 'relapse')
      : {},
  ),
  /** Stabiel (SPEC §2.3): below the product's trede is terugval, above it doorgroei. */
  flagAgainstProductTrede: update((context, event) => {
    const kept = context.terms.stabielTrede;
    if (event.type !== 'ASSESS_TREDE' || kept === null) return {};
    if (event.trede < kept) return withFlag(context, 'relapse');
    if (event.trede > kept) return withFlag(context, 'doorgroei');
    return {};
  }),
  flagAchievedAfterDeadline: update((context) => withFlag(context, 'achievedAfterDeadline')),
  flagConcludedLate: update((context) => withFlag(context, 'concludedLate')),
  extendDeadline: update((context, event) =>
    event.type === 'EXTEND' && context.deadlineAt !== null
      ? {
          deadlineAt: extendDeadline(context.deadlineAt, event.months),
          extensionsThisStep: context.extensionsThisStep + 1,
        }
      : {},
  ),
  /** SUSPEND (SPEC §2.3): the clock stops; `deadlineAt` is kept and moved on RESUME. */
  stopClock: assign<TrajectoryContext, MachineEvent, { from: ReturnState }, MachineEvent, never>(
    ({ event }, params) => ({ suspendedAt: event.occurredAt, returnTo: params.from }),
  ),
  /** RESUME after a suspension moves the deadline by exactly the whole days suspended (decision 004). */
  restartClock: update((context, event) => {
    const days =
      context.suspendedAt === null ? 0 : calendarDaysBetween(context.suspendedAt, event.occurredAt);
    return {
      deadlineAt: context.deadlineAt === null ? null : shiftDeadline(context.deadlineAt, days),
      suspendedDaysThisStep: context.suspendedDaysThisStep + days,
      suspendedDaysTotal: context.suspendedDaysTotal + days,
      suspendedAt: null,
      returnTo: null,
    };
  }),
  /** DROP_OUT (SPEC §2.3): no billing, but the clock runs on. */
  leave: assign<TrajectoryContext, MachineEvent, { from: ReturnState }, MachineEvent, never>(
    (_args, params) => ({
      returnTo: params.from,
      deadlinePassedWhileAway: false,
    }),
  ),
  rememberDeadlinePassed: update(() => ({ deadlinePassedWhileAway: true })),
  comeBack: update(() => ({ returnTo: null, deadlinePassedWhileAway: false })),
  reassign: update((_context, event) =>
    event.type === 'REASSIGN' ? { begeleiderId: event.begeleiderId } : {},
  ),
  recordClose: update((_context, event) =>
    event.type === 'CLOSE' || (event.type === 'REVIEW' && event.outcome !== undefined)
      ? { closeOutcome: event.outcome }
      : {},
  ),
  /** CONCLUDE records the concluded trede as the participant's current trede (SPEC §2.3). */
  recordConclusion: update((context, event) =>
    event.type === 'CONCLUDE'
      ? {
          conclusion: { trede: event.trede, route: event.route },
          closeOutcome: 'concluded',
          previousTrede: context.currentTrede,
          currentTrede: event.trede,
          lastActivityAt: event.occurredAt,
        }
      : {},
  ),
};
