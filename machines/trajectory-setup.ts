import { setup } from 'xstate';
import { sharedActions, sharedGuards } from './shared-rules';
import type {
  MachineEvent,
  ReturnState,
  TrajectoryContext,
  TrajectoryInput,
} from './trajectory-context';

/**
 * One `setup` for the three machines: the same context, events, named guards and actions, so
 * that the common rules of SPEC §2.3 are written once and each machine file shows only its
 * product family's states and transitions.
 */
export const trajectorySetup = setup({
  types: {
    context: {} as TrajectoryContext,
    events: {} as MachineEvent,
    input: {} as TrajectoryInput,
  },
  guards: sharedGuards,
  actions: sharedActions,
});

type MachineConfig = Parameters<typeof trajectorySetup.createMachine>[0];
type StateConfig = NonNullable<MachineConfig['states']>[string];
export type TransitionMap = NonNullable<StateConfig['on']>;

/** Possible in every non-final state (SPEC §2.3 "events available in every non-final state"). */
export const alwaysAvailable: TransitionMap = {
  RECORD_CONTACT: { actions: ['touch', 'recordContact'] },
  REASSIGN: { guard: 'byTeamleider', actions: ['touch', 'reassign'] },
  CLOSE: {
    guard: { type: 'closeOutcomeFits', params: { goalReachable: false } },
    target: 'closed',
    actions: ['touch', 'recordClose'],
  },
};

/** ONT `stepAchieved`: the one place where the step's goal is reached (SPEC §2.3 `goalReached`). */
export const closeWithGoalReached: TransitionMap = {
  CLOSE: {
    guard: { type: 'closeOutcomeFits', params: { goalReachable: true } },
    target: 'closed',
    actions: ['touch', 'recordClose'],
  },
};

/**
 * SUSPEND and DROP_OUT from a state where the participant is being worked with; RESUME returns
 * there. Not from `registered` (no clock runs yet) nor from each other (resume first).
 */
export function pauseOrLeave(from: ReturnState): TransitionMap {
  return {
    SUSPEND: { target: 'suspended', actions: ['touch', { type: 'stopClock', params: { from } }] },
    DROP_OUT: { target: 'droppedOut', actions: ['touch', { type: 'leave', params: { from } }] },
  };
}

/** RESUME from `suspended`: back where it came from, the deadline moved by the days away. */
export function resumeAfterSuspension(
  returnStates: readonly Exclude<ReturnState, 'active'>[],
): TransitionMap {
  return {
    RESUME: [
      ...returnStates.map((state) => ({
        guard: { type: 'returnsTo' as const, params: { state } },
        target: state,
        actions: ['touch' as const, 'restartClock' as const],
      })),
      { target: 'active', actions: ['touch', 'restartClock'] },
    ],
  };
}

/**
 * `droppedOut`: the clock keeps running (SPEC §2.3), so a deadline can pass while away; it is
 * remembered, and RESUME then goes to the state the passed deadline leads to.
 */
export function awayWithRunningClock(
  lateState: 'overdue' | 'reviewDue',
  returnStates: readonly Exclude<ReturnState, 'active'>[],
): TransitionMap {
  return {
    DEADLINE_PASSED: { guard: 'awayDeadlineDue', actions: ['touch', 'rememberDeadlinePassed'] },
    RESUME: [
      { guard: 'deadlinePassedWhileAway', target: lateState, actions: ['touch', 'comeBack'] },
      ...returnStates.map((state) => ({
        guard: { type: 'returnsTo' as const, params: { state } },
        target: state,
        actions: ['touch' as const, 'comeBack' as const],
      })),
      { target: 'active', actions: ['touch', 'comeBack'] },
    ],
  };
}
