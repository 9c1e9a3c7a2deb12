import { SIGNAL_CODES, type SignalCode, type SignalThresholds } from '../../machines';

/**
 * SPEC §2.4 as MongoDB filters on the open trajectory's stored summary, one per signal code, each
 * served by an index of case.schema.ts. They mirror the engine's computeSignals (the reference);
 * tests/integration/signals.test.ts proves both give the same (trajectory, code) pairs on
 * randomised data.
 */
export const ALL_SIGNAL_CODES: readonly SignalCode[] = SIGNAL_CODES;

const DAY = 24 * 3600 * 1000;
const field = (name: string) => `openTrajectory.summary.${name}`;

export function signalFilter(
  code: SignalCode,
  asOf: Date,
  thresholds: SignalThresholds,
): Record<string, unknown> {
  const daysBefore = (days: number) => new Date(asOf.getTime() - days * DAY);
  const daysAfter = (days: number) => new Date(asOf.getTime() + days * DAY);
  const inStateSince = (state: string, days: number) => ({
    [field('state')]: state,
    [field('stateEnteredAt')]: { $lte: daysBefore(days) },
  });
  switch (code) {
    case 'DEADLINE_PASSED':
      return { $or: [{ [field('state')]: 'overdue' }, { [field('deadlineAt')]: { $lte: asOf } }] };
    case 'DEADLINE_NEAR':
      return {
        [field('state')]: { $ne: 'overdue' },
        [field('deadlineAt')]: { $gt: asOf, $lte: daysAfter(thresholds.deadlineNearDays) },
      };
    case 'NO_ACTIVITY':
      return {
        [field('state')]: 'active',
        [field('lastActivityAt')]: { $lte: daysBefore(thresholds.noActivityDays) },
      };
    case 'DROPOUT_UNRESOLVED':
      return inStateSince('droppedOut', thresholds.dropoutUnresolvedDays);
    case 'SUSPENDED_LONG':
      return inStateSince('suspended', thresholds.suspendedLongDays);
    case 'WAITING_START':
      return inStateSince('registered', thresholds.waitingStartDays);
    case 'REVIEW_OVERDUE':
      return { [field('state')]: 'reviewDue' };
    case 'RELAPSE':
      return { [field('relapseAt')]: { $gt: daysBefore(thresholds.relapseDays), $lte: asOf } };
  }
}
