import {
  addCalendarDays,
  startOfLocalDay,
  type LocalDate,
  type TrajectoryStateKey,
} from '../../machines';

/**
 * "In care" time of a trajectory (docs/reporting.md): the spans in which it was in a state other
 * than `registered` (not started), `droppedOut` (no billing, SPEC §2.3) or `closed`. A local day
 * counts when some part of it lies in such a span. Billing's billable days and Herontdekken's
 * support days are both these days.
 */
const NOT_IN_CARE: ReadonlySet<TrajectoryStateKey> = new Set([
  'registered',
  'droppedOut',
  'closed',
]);

export interface StateEntry {
  occurredAt: Date;
  toState: TrajectoryStateKey;
}

/** [from, to) in ms; an open trajectory's last span ends at `until` (what the report knows). */
export function careSpans(history: readonly StateEntry[], until: Date): Array<[number, number]> {
  const spans: Array<[number, number]> = [];
  let openSince: number | null = null;
  let boundary = -Infinity;
  const limit = until.getTime();
  for (const entry of history) {
    // Entries are in the order applied; a derived entry is never earlier than the one before.
    const at = Math.max(entry.occurredAt.getTime(), boundary);
    if (at > limit) break;
    boundary = at;
    if (openSince !== null && at > openSince) spans.push([openSince, at]);
    openSince = NOT_IN_CARE.has(entry.toState) ? null : at;
  }
  if (openSince !== null && limit > openSince) spans.push([openSince, limit]);
  return spans;
}

export interface LocalDay {
  date: LocalDate;
  start: number;
  end: number;
}

/** The local days from `first` to `last` inclusive, with their instants (DST-aware). */
export function localDays(first: LocalDate, last: LocalDate): LocalDay[] {
  const days: LocalDay[] = [];
  for (let date = first; date <= last; date = addCalendarDays(date, 1)) {
    days.push({
      date,
      start: Date.parse(startOfLocalDay(date)),
      end: Date.parse(startOfLocalDay(addCalendarDays(date, 1))),
    });
  }
  return days;
}

export function daysInCare(
  spans: ReadonlyArray<[number, number]>,
  days: readonly LocalDay[],
): LocalDay[] {
  return days.filter((day) => spans.some(([from, to]) => from < day.end && to > day.start));
}
