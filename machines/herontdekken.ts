import { initialContext } from './trajectory-context';
import {
  alwaysAvailable,
  awayWithRunningClock,
  pauseOrLeave,
  resumeAfterSuspension,
  trajectorySetup,
} from './trajectory-setup';

/**
 * Herontdekken (HER, SPEC §2.3): at most `limitMonths` (12) to find out where the participant
 * stands and which route fits; CONCLUDE records the concluded trede and route and closes. The
 * engine turns the route into a follow-up trajectory (ONT or STA-<trede>).
 */
export const herontdekkenMachine = trajectorySetup.createMachine({
  id: 'herontdekken',
  context: ({ input }) => initialContext(input),
  initial: 'registered',
  states: {
    registered: {
      on: {
        START: { target: 'active', actions: ['touch', 'startClock'] },
        ASSESS_TREDE: { actions: ['touch', 'flagRelapse', 'recordAssessment'] },
        ...alwaysAvailable,
      },
    },
    active: {
      entry: 'enterState',
      on: {
        CONCLUDE: {
          guard: 'routeFitsConcludedTrede',
          target: 'closed',
          actions: ['touch', 'recordConclusion'],
        },
        ASSESS_TREDE: { actions: ['touch', 'flagRelapse', 'recordAssessment'] },
        DEADLINE_PASSED: { guard: 'deadlineDue', target: 'overdue', actions: ['touch'] },
        ...pauseOrLeave('active'),
        ...alwaysAvailable,
      },
    },
    overdue: {
      entry: 'enterState',
      on: {
        CONCLUDE: {
          guard: 'routeFitsConcludedTrede',
          target: 'closed',
          actions: ['touch', 'recordConclusion', 'flagConcludedLate'],
        },
        ASSESS_TREDE: { actions: ['touch', 'flagRelapse', 'recordAssessment'] },
        ...pauseOrLeave('overdue'),
        ...alwaysAvailable,
      },
    },
    suspended: {
      entry: 'enterState',
      on: { ...resumeAfterSuspension(['overdue']), ...alwaysAvailable },
    },
    droppedOut: {
      entry: 'enterState',
      on: { ...awayWithRunningClock('overdue', ['overdue']), ...alwaysAvailable },
    },
    closed: { type: 'final', entry: 'enterState' },
  },
});
