import {
  addCalendarDays,
  addCalendarMonths,
  calendarDaysBetween,
  CLOSE_OUTCOMES,
  localDateOf,
  startOfLocalDay,
  type CatalogueCode,
  type LocalDate,
} from '../../machines';
import { careSpans, daysInCare, localDays } from './care-days';
import type { ReportCase, ReportTrajectory } from './report-cases.repository';

/**
 * The indicators of SPEC §4 as a pure reduction over one case at a time (docs/reporting.md defines
 * every figure). Periods are inclusive Amsterdam dates; `asOf` is the instant the report knows up
 * to: entries after it are ignored, and a figure that needs a later date is "not yet known".
 */
export interface IndicatorPeriod {
  from: LocalDate;
  to: LocalDate;
  /** What the report knows up to (an instant). */
  asOf: Date;
}

interface Pair {
  from: number;
  to: number;
  count: number;
}

const ms = (date: LocalDate) => Date.parse(startOfLocalDay(date));
const endOfDay = (date: LocalDate) => ms(addCalendarDays(date, 1));

function median(values: number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

const ratio = (numerator: number, denominator: number) =>
  denominator === 0 ? null : Math.round((numerator / denominator) * 10000) / 10000;

export class IndicatorAccumulator {
  private readonly start: number;
  private readonly end: number; // exclusive: 00:00 after `to`, or asOf if earlier
  private readonly asOf: number;
  private readonly matrix = new Map<string, Pair>();
  private readonly stepClients = new Set<string>();
  private activationCases = 0;
  private activationWith = 0;
  private started = 0;
  private readonly closedByOutcome: Record<string, number> = Object.fromEntries(
    [...CLOSE_OUTCOMES, 'concluded'].map((outcome) => [outcome, 0]),
  );
  private achievedWithinLimit = 0;
  private achievedAfterLimit = 0;
  private becameOverdue = 0;
  private droppedOut = 0;
  private readonly stepDays = new Map<CatalogueCode, number[]>();
  private toPaidWork = 0;
  private readonly durable = { reached: 0, stillAtFiveOrMore: 0, notStill: 0, notYetKnown: 0 };
  private readonly reentry = { closed: 0, reentered: 0, notReentered: 0, notYetKnown: 0 };
  private readonly years: Array<{
    year: number;
    start: number;
    end: number;
    participants: Set<string>;
    supportDays: number;
    concluded: number;
    zelfstandig: number;
    days: ReturnType<typeof localDays>;
  }>;

  constructor(
    private readonly period: IndicatorPeriod,
    private readonly products: readonly CatalogueCode[],
  ) {
    this.asOf = period.asOf.getTime();
    this.start = ms(period.from);
    this.end = Math.min(endOfDay(period.to), this.asOf);
    for (const code of products) this.stepDays.set(code, []);
    this.years = [];
    for (
      let year = Number(period.from.slice(0, 4));
      year <= Number(period.to.slice(0, 4));
      year++
    ) {
      const first = `${year}-01-01` > period.from ? `${year}-01-01` : period.from;
      const last = `${year}-12-31` < period.to ? `${year}-12-31` : period.to;
      const days = localDays(first, last).filter((day) => day.start < this.end);
      this.years.push({
        year,
        start: ms(first),
        end: Math.min(endOfDay(last), this.end),
        participants: new Set(),
        supportDays: 0,
        concluded: 0,
        zelfstandig: 0,
        days,
      });
    }
  }

  private inPeriod(at: Date): boolean {
    const time = at.getTime();
    return time >= this.start && time < this.end;
  }

  add(record: ReportCase): void {
    const ladder = record.ladder
      .filter((entry) => entry.at.getTime() <= this.asOf)
      .sort((a, b) => a.at.getTime() - b.at.getTime());
    this.addLadder(record.caseId, ladder);
    const trajectories = record.trajectories
      .filter((trajectory) => trajectory.summary.registeredAt.getTime() <= this.asOf)
      .map((trajectory) => ({
        ...trajectory,
        history: trajectory.history.filter((entry) => entry.occurredAt.getTime() <= this.asOf),
        closedAt:
          trajectory.closedAt && trajectory.closedAt.getTime() <= this.asOf
            ? trajectory.closedAt
            : null,
      }))
      .sort((a, b) => a.summary.registeredAt.getTime() - b.summary.registeredAt.getTime());
    this.addActivation(ladder[0]?.at ?? null, trajectories);
    trajectories.forEach((trajectory, index) => {
      this.addTrajectory(record.caseId, trajectory);
      this.addReentry(trajectory, trajectories[index + 1] ?? null);
    });
  }

  private addLadder(caseId: string, ladder: ReportCase['ladder']): void {
    let firstPaidWork: Date | null = null;
    for (const entry of ladder) {
      if (entry.from === null || !this.inPeriod(entry.at)) continue;
      const key = `${entry.from}-${entry.to}`;
      const pair = this.matrix.get(key) ?? { from: entry.from, to: entry.to, count: 0 };
      pair.count += 1;
      this.matrix.set(key, pair);
      if (entry.to > entry.from) this.stepClients.add(caseId);
      if (entry.from < 5 && entry.to >= 5) {
        this.toPaidWork += 1;
        firstPaidWork ??= entry.at;
      }
    }
    if (!firstPaidWork) return;
    // Duurzame uitstroom (SPEC §4): still at ≥ 5 on d + 12 months, known once that day has passed.
    this.durable.reached += 1;
    const checkDay = addCalendarMonths(localDateOf(firstPaidWork.toISOString()), 12);
    const known = endOfDay(checkDay) <= this.asOf;
    if (!known) {
      this.durable.notYetKnown += 1;
      return;
    }
    const onCheckDay = ladder.filter((entry) => entry.at.getTime() < endOfDay(checkDay)).at(-1);
    if (onCheckDay && onCheckDay.to >= 5) this.durable.stillAtFiveOrMore += 1;
    else this.durable.notStill += 1;
  }

  /** On `to` (or asOf if earlier): a case in the caseload, and whether a trajectory is open. */
  private addActivation(intakeAt: Date | null, trajectories: ReportTrajectory[]): void {
    const at = this.end;
    if (!intakeAt || intakeAt.getTime() >= at) return;
    const latest = trajectories.filter((t) => t.summary.registeredAt.getTime() < at).at(-1);
    if (!latest) {
      this.activationCases += 1;
      return;
    }
    const open = latest.closedAt === null || latest.closedAt.getTime() >= at;
    if (!open) return; // every trajectory of the case has ended: not in the caseload
    this.activationCases += 1;
    this.activationWith += 1;
  }

  private addTrajectory(caseId: string, trajectory: ReportTrajectory): void {
    let stepStart: Date | null = null;
    let suspendedAt: Date | null = null;
    let suspendedDays = 0;
    const isHer =
      trajectory.history.some((entry) => entry.type === 'CONCLUDE') || trajectory.product === 'HER';
    for (const entry of trajectory.history) {
      const inPeriod = this.inPeriod(entry.occurredAt);
      if (entry.type === 'START' || entry.type === 'NEXT_STEP') {
        stepStart = entry.occurredAt;
        suspendedDays = 0;
      }
      if (entry.type === 'SUSPEND') suspendedAt = entry.occurredAt;
      if (entry.type === 'RESUME' && suspendedAt) {
        suspendedDays += calendarDaysBetween(
          suspendedAt.toISOString(),
          entry.occurredAt.toISOString(),
        );
        suspendedAt = null;
      }
      if (!inPeriod) continue;
      if (entry.type === 'START') this.started += 1;
      if (entry.type === 'DROP_OUT') this.droppedOut += 1;
      if (entry.type === 'DEADLINE_PASSED' && entry.toState === 'overdue') this.becameOverdue += 1;
      if (entry.toState === 'closed' && entry.fromState !== 'closed') {
        const outcome =
          entry.type === 'CONCLUDE'
            ? 'concluded'
            : typeof entry.payload.outcome === 'string'
              ? entry.payload.outcome
              : 'other';
        this.closedByOutcome[outcome] = (this.closedByOutcome[outcome] ?? 0) + 1;
      }
      const achieved = entry.toState === 'stepAchieved' && entry.fromState !== 'stepAchieved';
      if (achieved) {
        if (entry.flags.includes('achievedAfterDeadline')) this.achievedAfterLimit += 1;
        else this.achievedWithinLimit += 1;
      }
      if ((achieved || (isHer && entry.type === 'CONCLUDE')) && stepStart) {
        const days =
          calendarDaysBetween(stepStart.toISOString(), entry.occurredAt.toISOString()) -
          suspendedDays;
        const list = this.stepDays.get(trajectory.product) ?? [];
        list.push(days);
        this.stepDays.set(trajectory.product, list);
      }
    }
    if (isHer) this.addHerontdekken(caseId, trajectory);
  }

  private addHerontdekken(caseId: string, trajectory: ReportTrajectory): void {
    const spans = careSpans(trajectory.history, new Date(this.end));
    for (const year of this.years) {
      const days = daysInCare(spans, year.days).length;
      if (days > 0) year.participants.add(caseId);
      year.supportDays += days;
      for (const entry of trajectory.history) {
        const at = entry.occurredAt.getTime();
        if (entry.type !== 'CONCLUDE' || at < year.start || at >= year.end) continue;
        year.concluded += 1;
        if (entry.payload.route === 'zelfstandig') year.zelfstandig += 1;
      }
    }
  }

  /** SPEC §4 re-entry: a close in the period, then a new trajectory within 6 months. */
  private addReentry(trajectory: ReportTrajectory, next: ReportTrajectory | null): void {
    if (!trajectory.closedAt || !this.inPeriod(trajectory.closedAt)) return;
    if (trajectory.followUpTrajectoryId) return; // a Herontdekken conclusion's follow-up is no re-entry
    this.reentry.closed += 1;
    const windowEnd = endOfDay(
      addCalendarMonths(localDateOf(trajectory.closedAt.toISOString()), 6),
    );
    const nextAt = next?.summary.registeredAt.getTime() ?? null;
    if (nextAt !== null && nextAt < windowEnd) this.reentry.reentered += 1;
    else if (windowEnd > this.asOf) this.reentry.notYetKnown += 1;
    else this.reentry.notReentered += 1;
  }

  result() {
    const matrix = [...this.matrix.values()].sort((a, b) => a.from - b.from || a.to - b.to);
    const byPair = matrix.filter((pair) => pair.to > pair.from);
    const daysPerStep = Object.fromEntries(
      [...this.stepDays.entries()].map(([code, values]) => [
        code,
        {
          steps: values.length,
          mean: values.length
            ? Math.round((values.reduce((a, b) => a + b, 0) / values.length) * 10) / 10
            : null,
          median: median(values),
        },
      ]),
    );
    return {
      steps: {
        clients: this.stepClients.size,
        transitions: byPair.reduce((sum, pair) => sum + pair.count, 0),
        byPair,
      },
      ladder: { matrix },
      activation: {
        cases: this.activationCases,
        withTrajectory: this.activationWith,
        share: ratio(this.activationWith, this.activationCases),
      },
      trajectories: {
        started: this.started,
        closedByOutcome: this.closedByOutcome,
        achievedWithinLimit: this.achievedWithinLimit,
        achievedAfterLimit: this.achievedAfterLimit,
        becameOverdue: this.becameOverdue,
        droppedOut: this.droppedOut,
      },
      daysPerStep,
      outflow: { toPaidWork: this.toPaidWork, durable: { ...this.durable } },
      reentry: { ...this.reentry },
      herontdekken: {
        byYear: this.years.map((year) => ({
          year: year.year,
          participants: year.participants.size,
          supportDays: year.supportDays,
          concluded: year.concluded,
          zelfstandig: year.zelfstandig,
          zelfstandigShare: ratio(year.zelfstandig, year.concluded),
        })),
      },
    };
  }
}
