import { addCalendarDays, addCalendarMonths, type LocalDate } from '../../machines';
import type { IndicatorAccumulator } from './indicators';

/** The longest trend GET /reports/indicators/monthly computes (one accumulator per month). */
export const MAX_TREND_MONTHS = 24;

export interface TrendMonth {
  /** YYYY-MM */
  month: string;
  /** The part of the month inside the period (inclusive Amsterdam dates). */
  from: LocalDate;
  to: LocalDate;
}

/** The calendar months a period touches, each clipped to the period (2026-02-10 … 2026-04-05 → 3). */
export function monthsOfPeriod(from: LocalDate, to: LocalDate): TrendMonth[] {
  const months: TrendMonth[] = [];
  for (let first = `${from.slice(0, 7)}-01`; first <= to; first = addCalendarMonths(first, 1)) {
    const last = addCalendarDays(addCalendarMonths(first, 1), -1);
    months.push({
      month: first.slice(0, 7),
      from: first < from ? from : first,
      to: last > to ? to : last,
    });
  }
  return months;
}

/**
 * One month's row: the period indicators of that month (docs/reporting.md defines each), so the
 * counts of the months add up to the period's; `clientsWithStep` and the caseload do not (a
 * participant may step up in two months; the caseload is a count on the month's last day).
 */
export function trendRow(month: TrendMonth, figures: ReturnType<IndicatorAccumulator['result']>) {
  const stepsDown = figures.ladder.matrix
    .filter((pair) => pair.to < pair.from)
    .reduce((sum, pair) => sum + pair.count, 0);
  return {
    month: month.month,
    from: month.from,
    to: month.to,
    stepsUp: figures.steps.transitions,
    stepsDown,
    clientsWithStep: figures.steps.clients,
    started: figures.trajectories.started,
    closed: Object.values(figures.trajectories.closedByOutcome).reduce((a, b) => a + b, 0),
    achievedWithinLimit: figures.trajectories.achievedWithinLimit,
    achievedAfterLimit: figures.trajectories.achievedAfterLimit,
    becameOverdue: figures.trajectories.becameOverdue,
    droppedOut: figures.trajectories.droppedOut,
    toPaidWork: figures.outflow.toPaidWork,
    caseload: figures.activation.cases,
    withTrajectory: figures.activation.withTrajectory,
    activationShare: figures.activation.share,
  };
}
