import { initialContext } from './trajectory-context';
import {
  alwaysAvailable,
  awayWithRunningClock,
  pauseOrLeave,
  resumeAfterSuspension,
  trajectorySetup,
} from './trajectory-setup';

/**
 * Stabiel (STA-2/3/4, SPEC §2.3): keep the participant on the product's trede, with a review
 * every `reviewMonths` (6). A passed review date is `reviewDue` (still billable, flagged by the
 * REVIEW_OVERDUE signal). Assessments below the product's trede are terugval, above it doorgroei.
 */
export const stabielMachine = trajectorySetup.createMachine({
  id: 'stabiel',
  context: ({ input }) => initialContext(input),
  initial: 'registered',
  states: {
    registered: {
      on: {
        START: { target: 'active', actions: ['touch', 'startClock'] },
        ASSESS_TREDE: { actions: ['touch', 'flagAgainstProductTrede', 'recordAssessment'] },
        ...alwaysAvailable,
      },
    },
    active: {
      entry: 'enterState',
      on: {
        // A review before its date also starts a new review period from the review's date.
        REVIEW: [
          { guard: 'decidesClose', target: 'closed', actions: ['touch', 'recordClose'] },
          { guard: 'decidesContinue', actions: ['touch', 'openWindow'] },
        ],
        ASSESS_TREDE: { actions: ['touch', 'flagAgainstProductTrede', 'recordAssessment'] },
        DEADLINE_PASSED: { guard: 'deadlineDue', target: 'reviewDue', actions: ['touch'] },
        ...pauseOrLeave('active'),
        ...alwaysAvailable,
      },
    },
    reviewDue: {
      entry: 'enterState',
      on: {
        REVIEW: [
          { guard: 'decidesClose', target: 'closed', actions: ['touch', 'recordClose'] },
          { guard: 'decidesContinue', target: 'active', actions: ['touch', 'openWindow'] },
        ],
        ASSESS_TREDE: { actions: ['touch', 'flagAgainstProductTrede', 'recordAssessment'] },
        ...pauseOrLeave('reviewDue'),
        ...alwaysAvailable,
      },
    },
    suspended: {
      entry: 'enterState',
      on: { ...resumeAfterSuspension(['reviewDue']), ...alwaysAvailable },
    },
    droppedOut: {
      entry: 'enterState',
      on: { ...awayWithRunningClock('reviewDue', ['reviewDue']), ...alwaysAvailable },
    },
    closed: { type: 'final', entry: 'enterState' },
  },
});
