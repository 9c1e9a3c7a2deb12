import { DateTime } from 'luxon';
import { TIME_ZONE, addCalendarDays, lastDayBefore, type LocalDate } from './calendar';
import type { MachineId, TrajectoryStateKey } from './types';

/**
 * The deadline forecast (issue 11): which windows run out in which ISO week. Pure, so the server
 * route, its tests and the client agree on one rule for "falls due in week W".
 *
 * - What falls due is the stored `deadlineAt` of the open trajectory's summary — the deadline as
 *   the engine keeps it (summary.ts: none while suspended, because the clock stops; an EXTEND or a
 *   RESUME has already moved it).
 * - A deadline instant is the first moment too late (decision 003), so it falls due on its last
 *   day, `lastDayBefore(deadlineAt)`, and is bucketed by that Amsterdam calendar date.
 * - Weeks are ISO weeks (Monday to Sunday) in Europe/Amsterdam.
 */
export type ForecastKind = 'stepDeadline' | 'review' | 'herontdekkenEnd';
export const FORECAST_KINDS: readonly ForecastKind[] = [
  'stepDeadline',
  'review',
  'herontdekkenEnd',
];

const KIND_OF_MACHINE: Record<MachineId, ForecastKind> = {
  ontwikkeltraject: 'stepDeadline',
  stabiel: 'review',
  herontdekken: 'herontdekkenEnd',
};

/** Ontwikkeltraject: the step's limit; Stabiel: the review date; Herontdekken: its 12 months. */
export function forecastKindOf(machineId: MachineId): ForecastKind {
  return KIND_OF_MACHINE[machineId];
}

export interface ForecastWeek {
  /** ISO week, "2026-W10". */
  week: string;
  /** Monday and Sunday, Amsterdam dates. */
  start: LocalDate;
  end: LocalDate;
}

export type ForecastCounts = Record<ForecastKind, number> & { total: number };

export interface ForecastTrajectory {
  machineId: MachineId;
  state: TrajectoryStateKey;
  deadlineAt: string | null;
}

export interface ForecastBuckets {
  weeks: Array<ForecastWeek & ForecastCounts>;
  /** Already past their last day (or in `overdue`/`reviewDue`) on `from`. */
  overdue: ForecastCounts;
  /** Falling due after the last week shown. */
  later: ForecastCounts;
  /** The clock is stopped: no date falls due until they resume. */
  suspended: number;
}

function emptyCounts(): ForecastCounts {
  return { stepDeadline: 0, review: 0, herontdekkenEnd: 0, total: 0 };
}

function add(counts: ForecastCounts, kind: ForecastKind): void {
  counts[kind] += 1;
  counts.total += 1;
}

function isoDate(date: DateTime): LocalDate {
  return date.toISODate() as LocalDate;
}

/** The ISO week containing an Amsterdam calendar date. */
export function isoWeekOf(date: LocalDate): ForecastWeek {
  const day = DateTime.fromISO(date, { zone: TIME_ZONE });
  const monday = day.startOf('week');
  return {
    week: `${day.weekYear}-W${String(day.weekNumber).padStart(2, '0')}`,
    start: isoDate(monday),
    end: isoDate(monday.plus({ days: 6 })),
  };
}

/** `count` consecutive ISO weeks, the first one containing `from`. */
export function forecastWeeks(from: LocalDate, count: number): ForecastWeek[] {
  const first = isoWeekOf(from).start;
  return Array.from({ length: count }, (_, index) => isoWeekOf(addCalendarDays(first, index * 7)));
}

const PAST_DUE_STATES: ReadonlySet<TrajectoryStateKey> = new Set(['overdue', 'reviewDue']);

/**
 * Buckets the trajectories' deadlines into the weeks from `from` (an Amsterdam date: "today" or a
 * chosen peildatum). A last day before `from` counts as overdue, like DEADLINE_PASSED would.
 */
export function bucketDeadlines(
  trajectories: readonly ForecastTrajectory[],
  from: LocalDate,
  weekCount: number,
): ForecastBuckets {
  const weeks = forecastWeeks(from, weekCount).map((week) => ({ ...week, ...emptyCounts() }));
  const result: ForecastBuckets = {
    weeks,
    overdue: emptyCounts(),
    later: emptyCounts(),
    suspended: 0,
  };
  for (const trajectory of trajectories) {
    const kind = forecastKindOf(trajectory.machineId);
    if (PAST_DUE_STATES.has(trajectory.state)) {
      add(result.overdue, kind);
      continue;
    }
    if (trajectory.state === 'suspended') {
      result.suspended += 1;
      continue;
    }
    if (!trajectory.deadlineAt) continue;
    const lastDay = lastDayBefore(trajectory.deadlineAt);
    if (lastDay < from) {
      add(result.overdue, kind);
      continue;
    }
    const week = weeks.find((candidate) => lastDay >= candidate.start && lastDay <= candidate.end);
    // Days of the first week before `from` are not "due"; they were counted as overdue above.
    if (week) add(week, kind);
    else add(result.later, kind);
  }
  return result;
}
