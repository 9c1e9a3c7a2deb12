import { and } from 'xstate';
import { initialContext } from './trajectory-context';
import {
  alwaysAvailable,
  awayWithRunningClock,
  closeWithGoalReached,
  pauseOrLeave,
  resumeAfterSuspension,
  trajectorySetup,
} from './trajectory-setup';

/**
 * Ontwikkeltraject (ONT, SPEC §2.3): one step at a time towards a target trede (2–5), each step
 * with a window of `limitMonths` (6) that suspensions and extensions move. Deadlines are data:
 * the engine sends DEADLINE_PASSED, no timers run here.
 */
export const ontwikkeltrajectMachine = trajectorySetup.createMachine({
  id: 'ontwikkeltraject',
  context: ({ input }) => initialContext(input),
  initial: 'registered',
  states: {
    registered: {
      on: {
        START: { target: 'active', actions: ['touch', 'startClock'] },
        ASSESS_TREDE: {
          guard: 'staysBelowTarget',
          actions: ['touch', 'flagRelapse', 'recordAssessment'],
        },
        ...alwaysAvailable,
      },
    },
    active: {
      entry: 'enterState',
      on: {
        ASSESS_TREDE: [
          {
            guard: 'reachesTarget',
            target: 'stepAchieved',
            actions: ['touch', 'flagRelapse', 'recordAssessment'],
          },
          { actions: ['touch', 'flagRelapse', 'recordAssessment'] },
        ],
        DEADLINE_PASSED: { guard: 'deadlineDue', target: 'overdue', actions: ['touch'] },
        ...pauseOrLeave('active'),
        ...alwaysAvailable,
      },
    },
    stepAchieved: {
      entry: 'enterState',
      on: {
        NEXT_STEP: {
          guard: 'nextStepWithinLadder',
          target: 'active',
          actions: ['touch', 'raiseTarget', 'openWindow'],
        },
        ASSESS_TREDE: { actions: ['touch', 'flagRelapse', 'recordAssessment'] },
        ...pauseOrLeave('stepAchieved'),
        ...alwaysAvailable,
        ...closeWithGoalReached,
      },
    },
    overdue: {
      entry: 'enterState',
      on: {
        EXTEND: {
          guard: and(['byTeamleider', 'extensionWithinPolicy']),
          target: 'active',
          actions: ['touch', 'extendDeadline'],
        },
        ASSESS_TREDE: [
          {
            guard: 'reachesTarget',
            target: 'stepAchieved',
            actions: ['touch', 'flagRelapse', 'recordAssessment', 'flagAchievedAfterDeadline'],
          },
          { actions: ['touch', 'flagRelapse', 'recordAssessment'] },
        ],
        ...pauseOrLeave('overdue'),
        ...alwaysAvailable,
      },
    },
    suspended: {
      entry: 'enterState',
      on: { ...resumeAfterSuspension(['stepAchieved', 'overdue']), ...alwaysAvailable },
    },
    droppedOut: {
      entry: 'enterState',
      on: { ...awayWithRunningClock('overdue', ['stepAchieved', 'overdue']), ...alwaysAvailable },
    },
    closed: { type: 'final', entry: 'enterState' },
  },
});
