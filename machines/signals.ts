import { instantMs, plusDays } from './calendar';
import type { SignalCode, SignalThresholds, TrajectorySummary } from './types';

/**
 * The signals of SPEC §2.4 ("what stalled means") as of a peildatum `asOf`, from the stored
 * summary only. This is the reference the server's indexed queries must equal. Every condition
 * is an equality on `state` and/or one range on one date field, with N-day bounds computed from
 * `asOf` as plain 24-hour days (asOf ± N × 86 400 000 ms):
 *
 * | code               | condition on the summary                                              |
 * | ------------------ | --------------------------------------------------------------------- |
 * | DEADLINE_PASSED    | state = 'overdue'  OR  deadlineAt ≤ asOf                              |
 * | DEADLINE_NEAR      | state ≠ 'overdue'  AND  asOf < deadlineAt ≤ asOf + deadlineNearDays   |
 * | NO_ACTIVITY        | state = 'active'   AND  lastActivityAt ≤ asOf − noActivityDays        |
 * | DROPOUT_UNRESOLVED | state = 'droppedOut' AND stateEnteredAt ≤ asOf − dropoutUnresolvedDays |
 * | SUSPENDED_LONG     | state = 'suspended'  AND stateEnteredAt ≤ asOf − suspendedLongDays    |
 * | WAITING_START      | state = 'registered' AND stateEnteredAt ≤ asOf − waitingStartDays     |
 * | REVIEW_OVERDUE     | state = 'reviewDue'                                                   |
 * | RELAPSE            | asOf − relapseDays < relapseAt ≤ asOf                                 |
 *
 * A closed trajectory has no signals (every row implies state ≠ 'closed'; the server gets this
 * for free by querying open trajectories only). No other state test is needed for "not
 * suspended": the engine stores `deadlineAt` as null in `registered`, `stepAchieved`,
 * `suspended` and `closed` (summary.ts), and a null never matches a range
 * (MongoDB: `{deadlineAt: {$lte: asOf}}` skips nulls).
 */
/** Every signal code of SPEC §2.4, in the order the API lists them. */
export const SIGNAL_CODES = [
  'DEADLINE_PASSED',
  'DEADLINE_NEAR',
  'NO_ACTIVITY',
  'DROPOUT_UNRESOLVED',
  'SUSPENDED_LONG',
  'WAITING_START',
  'REVIEW_OVERDUE',
  'RELAPSE',
] as const satisfies readonly SignalCode[];

export function computeSignals(
  summary: TrajectorySummary,
  asOf: string,
  thresholds: SignalThresholds,
): SignalCode[] {
  if (summary.state === 'closed') return [];
  const now = instantMs(asOf);
  const ms = (value: string | null) => (value === null ? null : instantMs(value));
  const daysBefore = (days: number) => instantMs(plusDays(asOf, -days));
  const daysAfter = (days: number) => instantMs(plusDays(asOf, days));
  const deadline = ms(summary.deadlineAt);
  const relapse = ms(summary.relapseAt);
  const entered = instantMs(summary.stateEnteredAt);
  const inStateFor = (state: TrajectorySummary['state'], days: number) =>
    summary.state === state && entered <= daysBefore(days);

  const signals: SignalCode[] = [];
  if (summary.state === 'overdue' || (deadline !== null && deadline <= now))
    signals.push('DEADLINE_PASSED');
  if (
    summary.state !== 'overdue' &&
    deadline !== null &&
    deadline > now &&
    deadline <= daysAfter(thresholds.deadlineNearDays)
  ) {
    signals.push('DEADLINE_NEAR');
  }
  if (
    summary.state === 'active' &&
    instantMs(summary.lastActivityAt) <= daysBefore(thresholds.noActivityDays)
  ) {
    signals.push('NO_ACTIVITY');
  }
  if (inStateFor('droppedOut', thresholds.dropoutUnresolvedDays))
    signals.push('DROPOUT_UNRESOLVED');
  if (inStateFor('suspended', thresholds.suspendedLongDays)) signals.push('SUSPENDED_LONG');
  if (inStateFor('registered', thresholds.waitingStartDays)) signals.push('WAITING_START');
  if (summary.state === 'reviewDue') signals.push('REVIEW_OVERDUE');
  if (relapse !== null && relapse > daysBefore(thresholds.relapseDays) && relapse <= now)
    signals.push('RELAPSE');
  return signals;
}
