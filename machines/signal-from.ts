import { instantMs } from './calendar';
import { NO_ACTIVITY_EXEMPT_STATES, signalBounds } from './signals';
import type { SignalThresholds, TrajectorySummary } from './types';

/**
 * A trajectory's `signalFrom` (decision 044): one instant per stored summary such that the
 * summary can carry a signal at a peildatum `asOf`, under any thresholds, only when
 * `signalFrom ≤ signalFromBound(asOf, thresholds)`. The dashboard asks the database for that
 * range, so it reads only the summaries that can be signalled instead of every open one.
 *
 * Each signal rule of computeSignals (signals.ts) is "a date field of the summary lies before
 * (or at) a bound B(asOf, thresholds)", some only in one state. A rule's term is that field minus
 * a fixed offset K; signalFrom is the smallest term of the rules whose state condition holds, and
 * the bound is the largest B − K over the rules. If a rule signals, field ≤ B, so
 * signalFrom ≤ field − K ≤ B − K ≤ signalFromBound. The offsets are fixed (the default
 * thresholds as durations) rather than the organisation's: a threshold change then changes no
 * stored summary, only how far the bound reaches — with the default thresholds it lies within a
 * day of `asOf`; a smaller threshold moves it later (more summaries read, never fewer than
 * needed). Rules that hold in a state whatever the dates (overdue, reviewDue) have the earliest
 * instant there is.
 */
const DAY_MS = 86_400_000;

/** The offsets K per rule, in ms. Any constants are correct; these keep the bound near asOf. */
const OFFSET_MS = {
  deadlinePassed: 0,
  deadlineNear: 28 * DAY_MS,
  noActivity: -42 * DAY_MS,
  decisionPending: -14 * DAY_MS,
  assessmentDue: -183 * DAY_MS,
  growth: 0,
  dropoutUnresolved: -28 * DAY_MS,
  suspendedLong: -90 * DAY_MS,
  waitingStart: -28 * DAY_MS,
  relapse: 0,
} as const;

/** The earliest instant a JavaScript Date can hold: "signalled whatever the peildatum". */
export const ALWAYS_SIGNALLED_MS = -8_640_000_000_000_000;

/** Pure: the summary's signalFrom in ms since the epoch; null when it can never be signalled. */
export function signalFromOf(summary: TrajectorySummary): number | null {
  const { state } = summary;
  if (state === 'closed') return null;
  if (state === 'overdue' || state === 'reviewDue') return ALWAYS_SIGNALLED_MS;
  const terms: number[] = [];
  const term = (value: string | null, offset: number) => {
    if (value !== null) terms.push(instantMs(value) - offset);
  };
  term(summary.deadlineAt, OFFSET_MS.deadlinePassed);
  term(summary.deadlineAt, OFFSET_MS.deadlineNear);
  if (!NO_ACTIVITY_EXEMPT_STATES.includes(state))
    term(summary.lastActivityAt, OFFSET_MS.noActivity);
  if (state === 'stepAchieved') term(summary.stateEnteredAt, OFFSET_MS.decisionPending);
  term(summary.lastAssessedAt, OFFSET_MS.assessmentDue);
  term(summary.growthAt, OFFSET_MS.growth);
  if (state === 'droppedOut') term(summary.stateEnteredAt, OFFSET_MS.dropoutUnresolved);
  if (state === 'suspended') term(summary.stateEnteredAt, OFFSET_MS.suspendedLong);
  if (state === 'registered') term(summary.stateEnteredAt, OFFSET_MS.waitingStart);
  term(summary.relapseAt, OFFSET_MS.relapse);
  return terms.length ? Math.min(...terms) : null;
}

/** Pure: the largest signalFrom (ms) a summary signalled at `asOf` under `thresholds` can have. */
export function signalFromBound(asOf: string, thresholds: SignalThresholds): number {
  const bounds = signalBounds(asOf, thresholds);
  const now = instantMs(bounds.asOf);
  return Math.max(
    now - OFFSET_MS.deadlinePassed,
    instantMs(bounds.deadlineNearUntil) - OFFSET_MS.deadlineNear,
    instantMs(bounds.noActivityBefore) - OFFSET_MS.noActivity,
    instantMs(bounds.decisionPendingBefore) - OFFSET_MS.decisionPending,
    instantMs(bounds.assessmentDueBefore) - OFFSET_MS.assessmentDue,
    now - OFFSET_MS.growth,
    instantMs(bounds.dropoutUnresolvedBefore) - OFFSET_MS.dropoutUnresolved,
    instantMs(bounds.suspendedLongBefore) - OFFSET_MS.suspendedLong,
    instantMs(bounds.waitingStartBefore) - OFFSET_MS.waitingStart,
    now - OFFSET_MS.relapse,
  );
}
