import {
  NO_ACTIVITY_EXEMPT_STATES,
  SIGNAL_CODES,
  type SignalBounds,
  type SignalCode,
} from '../../machines';

/**
 * SPEC §2.4 as MongoDB filters on the open trajectory's stored summary, one per signal code, each
 * served by an index of case.schema.ts. The bounds come from the engine's `signalBounds`, the same
 * ones its computeSignals (the reference) uses, so "more than N days" is counted in Amsterdam
 * calendar days in one place; tests/integration/signals.test.ts proves both give the same
 * (trajectory, code) pairs on randomised data.
 */
export const ALL_SIGNAL_CODES: readonly SignalCode[] = SIGNAL_CODES;

/** Where the summary's fields are: inside a case document, or top-level in `case_summaries`. */
export type SummaryFields = 'case' | 'summaries';

export function signalFilter(
  code: SignalCode,
  bounds: SignalBounds,
  fields: SummaryFields = 'case',
): Record<string, unknown> {
  const field = (name: string) => (fields === 'case' ? `openTrajectory.summary.${name}` : name);
  const at = (iso: string) => new Date(iso);
  const asOf = at(bounds.asOf);
  const inStateBefore = (state: string, bound: string) => ({
    [field('state')]: state,
    [field('stateEnteredAt')]: { $lt: at(bound) },
  });
  switch (code) {
    case 'DEADLINE_PASSED':
      return { $or: [{ [field('state')]: 'overdue' }, { [field('deadlineAt')]: { $lte: asOf } }] };
    case 'DEADLINE_NEAR':
      return {
        [field('state')]: { $ne: 'overdue' },
        [field('deadlineAt')]: { $gt: asOf, $lte: at(bounds.deadlineNearUntil) },
      };
    case 'NO_ACTIVITY':
      return {
        [field('state')]: { $nin: NO_ACTIVITY_EXEMPT_STATES },
        [field('lastActivityAt')]: { $lt: at(bounds.noActivityBefore) },
      };
    case 'DECISION_PENDING':
      return inStateBefore('stepAchieved', bounds.decisionPendingBefore);
    case 'ASSESSMENT_DUE':
      return { [field('lastAssessedAt')]: { $lt: at(bounds.assessmentDueBefore) } };
    case 'GROWTH':
      return { [field('growthAt')]: { $lte: asOf } };
    case 'DROPOUT_UNRESOLVED':
      return inStateBefore('droppedOut', bounds.dropoutUnresolvedBefore);
    case 'SUSPENDED_LONG':
      return inStateBefore('suspended', bounds.suspendedLongBefore);
    case 'WAITING_START':
      return inStateBefore('registered', bounds.waitingStartBefore);
    case 'REVIEW_OVERDUE':
      return { [field('state')]: 'reviewDue' };
    case 'RELAPSE':
      // Stabiel's terugval lasts while below the product's trede (decision 008); others N days.
      return {
        $or: [
          { [field('machineId')]: 'stabiel', [field('relapseAt')]: { $lte: asOf } },
          { [field('relapseAt')]: { $gte: at(bounds.relapseSince), $lte: asOf } },
        ],
      };
  }
}
