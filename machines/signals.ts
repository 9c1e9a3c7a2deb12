import {
  addCalendarDays,
  addCalendarMonths,
  instantMs,
  localDateOf,
  startOfLocalDay,
  type LocalDate,
} from './calendar';
import { keptBy } from './kept';
import type { SignalCode, SignalThresholds, TrajectoryStateKey, TrajectorySummary } from './types';

/**
 * The signals of SPEC §2.4 ("what stalled means") as of a peildatum `asOf`, from the stored
 * summary only. This is the reference the server's indexed queries must equal: both use the
 * bounds of `signalBounds`, so each condition is an equality on `state` and/or one range on one
 * date field.
 *
 * "More than N days" counts calendar days in Europe/Amsterdam and starts on day N + 1 (SPEC §2.4,
 * decision 007): entered on 1 March, WAITING_START (28) shows from 30 March 00:00, whatever the
 * daylight-saving changes in between. As a bound: the date field lies before 00:00 Amsterdam on
 * the peildatum's date − N.
 *
 * | code               | condition on the summary                                                |
 * | ------------------ | ----------------------------------------------------------------------- |
 * | DEADLINE_PASSED    | state = 'overdue'  OR  deadlineAt ≤ asOf                                |
 * | DEADLINE_NEAR      | state ≠ 'overdue'  AND  asOf < deadlineAt ≤ deadlineNearUntil           |
 * | NO_ACTIVITY        | state ∉ {suspended, droppedOut} AND lastActivityAt < noActivityBefore   |
 * | DECISION_PENDING   | state = 'stepAchieved' AND stateEnteredAt < decisionPendingBefore       |
 * | ASSESSMENT_DUE     | lastAssessedAt < assessmentDueBefore (N calendar months)                |
 * | GROWTH             | growthAt ≤ asOf (Stabiel only sets it)                                  |
 * | DROPOUT_UNRESOLVED | state = 'droppedOut' AND stateEnteredAt < dropoutUnresolvedBefore       |
 * | SUSPENDED_LONG     | state = 'suspended'  AND stateEnteredAt < suspendedLongBefore           |
 * | WAITING_START      | state = 'registered' AND stateEnteredAt < waitingStartBefore            |
 * | REVIEW_OVERDUE     | state = 'reviewDue'                                                     |
 * | RELAPSE            | relapseAt ≤ asOf AND (machineId = 'stabiel' OR relapseAt ≥ relapseSince) |
 *
 * RELAPSE for Stabiel lasts while the participant stays below the product's trede (the engine
 * clears relapseAt when they are back), so it has no N-day window (decision 008).
 * A closed trajectory has no signals (every row implies state ≠ 'closed'; the server gets this
 * for free by querying open trajectories only). The engine stores `deadlineAt` as null in
 * `registered`, `stepAchieved`, `suspended` and `closed` (summary.ts), and a null never matches a
 * range (MongoDB: `{deadlineAt: {$lte: asOf}}` skips nulls).
 */
/** Every signal code of SPEC §2.4, in the order the API lists them. */
export const SIGNAL_CODES = [
  'DEADLINE_PASSED',
  'DEADLINE_NEAR',
  'NO_ACTIVITY',
  'DECISION_PENDING',
  'ASSESSMENT_DUE',
  'GROWTH',
  'DROPOUT_UNRESOLVED',
  'SUSPENDED_LONG',
  'WAITING_START',
  'REVIEW_OVERDUE',
  'RELAPSE',
] as const satisfies readonly SignalCode[];

/** States in which no contact is expected, so NO_ACTIVITY does not apply (SPEC §2.4). */
export const NO_ACTIVITY_EXEMPT_STATES: readonly TrajectoryStateKey[] = ['suspended', 'droppedOut'];

/** The instants (UTC ISO) the signal conditions compare with, for one peildatum. */
export interface SignalBounds {
  asOf: string;
  deadlineNearUntil: string;
  noActivityBefore: string;
  decisionPendingBefore: string;
  assessmentDueBefore: string;
  dropoutUnresolvedBefore: string;
  suspendedLongBefore: string;
  waitingStartBefore: string;
  relapseSince: string;
}

/**
 * Apart from `asOf` itself the bounds depend only on the peildatum's Amsterdam date and the
 * thresholds, and a dashboard asks for them once per summary with the same peildatum: they are
 * computed once per date and thresholds (luxon's zone arithmetic was most of computeSignals).
 */
const boundsOfDayKept = keptBy(
  (day: LocalDate, thresholds: SignalThresholds) => `${day}|${thresholdsKey(thresholds)}`,
  boundsOfDay,
);

export function signalBounds(asOf: string, thresholds: SignalThresholds): SignalBounds {
  return {
    asOf: new Date(instantMs(asOf)).toISOString(),
    ...boundsOfDayKept(localDateOf(asOf), thresholds),
  };
}

function thresholdsKey(thresholds: SignalThresholds): string {
  return (Object.keys(thresholds) as Array<keyof SignalThresholds>)
    .sort()
    .map((name) => `${name}=${thresholds[name]}`)
    .join(',');
}

function boundsOfDay(day: LocalDate, thresholds: SignalThresholds): Omit<SignalBounds, 'asOf'> {
  const dayStart = (days: number) => startOfLocalDay(addCalendarDays(day, days));
  /** "More than N days": before 00:00 on the peildatum's date − N, i.e. from day N + 1 on. */
  const moreThanDays = (days: number) => dayStart(-days);
  return {
    deadlineNearUntil: dayStart(thresholds.deadlineNearDays),
    noActivityBefore: moreThanDays(thresholds.noActivityDays),
    decisionPendingBefore: moreThanDays(thresholds.decisionPendingDays),
    assessmentDueBefore: startOfLocalDay(addCalendarMonths(day, -thresholds.assessmentDueMonths)),
    dropoutUnresolvedBefore: moreThanDays(thresholds.dropoutUnresolvedDays),
    suspendedLongBefore: moreThanDays(thresholds.suspendedLongDays),
    waitingStartBefore: moreThanDays(thresholds.waitingStartDays),
    // "Within N days": on the day of the relapse up to and including day N.
    relapseSince: dayStart(-thresholds.relapseDays),
  };
}

export function computeSignals(
  summary: TrajectorySummary,
  asOf: string,
  thresholds: SignalThresholds,
): SignalCode[] {
  return signalsWithin(summary, signalBounds(asOf, thresholds));
}

/**
 * computeSignals with the bounds of its peildatum given: a dashboard labels ~100 summaries with
 * one peildatum, and finding the memoised bounds (the Amsterdam date, a key of the thresholds, a
 * copy) was most of the time left per summary (decision 057).
 */
export function signalsWithin(summary: TrajectorySummary, bounds: SignalBounds): SignalCode[] {
  if (summary.state === 'closed') return [];
  const now = instantMs(bounds.asOf);
  const ms = (value: string | null) => (value === null ? null : instantMs(value));
  const before = (value: string, bound: string) => instantMs(value) < instantMs(bound);
  const deadline = ms(summary.deadlineAt);
  const relapse = ms(summary.relapseAt);
  const growth = ms(summary.growthAt);
  const inStateBefore = (state: TrajectoryStateKey, bound: string) =>
    summary.state === state && before(summary.stateEnteredAt, bound);

  const signals: SignalCode[] = [];
  if (summary.state === 'overdue' || (deadline !== null && deadline <= now))
    signals.push('DEADLINE_PASSED');
  if (
    summary.state !== 'overdue' &&
    deadline !== null &&
    deadline > now &&
    deadline <= instantMs(bounds.deadlineNearUntil)
  ) {
    signals.push('DEADLINE_NEAR');
  }
  if (
    !NO_ACTIVITY_EXEMPT_STATES.includes(summary.state) &&
    before(summary.lastActivityAt, bounds.noActivityBefore)
  ) {
    signals.push('NO_ACTIVITY');
  }
  if (inStateBefore('stepAchieved', bounds.decisionPendingBefore)) signals.push('DECISION_PENDING');
  if (before(summary.lastAssessedAt, bounds.assessmentDueBefore)) signals.push('ASSESSMENT_DUE');
  if (growth !== null && growth <= now) signals.push('GROWTH');
  if (inStateBefore('droppedOut', bounds.dropoutUnresolvedBefore))
    signals.push('DROPOUT_UNRESOLVED');
  if (inStateBefore('suspended', bounds.suspendedLongBefore)) signals.push('SUSPENDED_LONG');
  if (inStateBefore('registered', bounds.waitingStartBefore)) signals.push('WAITING_START');
  if (summary.state === 'reviewDue') signals.push('REVIEW_OVERDUE');
  if (
    relapse !== null &&
    relapse <= now &&
    (summary.machineId === 'stabiel' || relapse >= instantMs(bounds.relapseSince))
  )
    signals.push('RELAPSE');
  return signals;
}
