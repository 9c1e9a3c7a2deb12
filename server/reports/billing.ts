import { careSpans, daysInCare, localDays, type LocalDay } from './care-days';
import {
  addCalendarDays,
  startOfLocalDay,
  tariffAt,
  type CatalogueCode,
  type LocalDate,
  type TariffPeriod,
  type TrajectoryStateKey,
} from '../../machines';

/**
 * Billing per month (SPEC §3, §4; docs/reporting.md "Billing"): a pure reduction, fed one case at a
 * time from a database cursor, so memory holds one case plus the rows, never the period's cases.
 *
 * - minutes: RECORD_CONTACT minutes dated in the month, unless the trajectory was `droppedOut`
 *   when the contact happened (the entry's fromState);
 * - billable day: a local day of the month on which the trajectory spent some time in a state
 *   other than `registered`, `droppedOut` or `closed`;
 * - tariff: the opdrachtgever's tariff in force at the contact's instant (a day: at its start), so
 *   a change mid-month splits a product into one row per tariff and never rewrites old contacts;
 * - amount: minutes × tariff / 60 in integer cents, rounded half up per row; the total is the
 *   sum of the rows, so the rows always add up to it.
 */

export interface BillingHistoryEntry {
  type: string;
  occurredAt: Date;
  fromState: TrajectoryStateKey | null;
  toState: TrajectoryStateKey;
  payload: Record<string, unknown>;
}

export interface BillingCase {
  caseId: string;
  /** The case's opdrachtgever now. */
  opdrachtgeverId: string;
  /** Moves to another opdrachtgever, oldest first (decision 031); `from` null: the default one. */
  moves?: ReadonlyArray<{ from: string; to: string; at: Date }>;
  trajectories: Array<{ product: CatalogueCode; history: BillingHistoryEntry[] }>;
}

export interface BillingOpdrachtgever {
  id: string;
  name: string;
  gemeentecode: string | null;
  tariffHistory: TariffPeriod[];
  productNames: Record<string, string>;
}

export interface BillingRow {
  opdrachtgeverId: string;
  opdrachtgever: string;
  gemeentecode: string | null;
  product: CatalogueCode;
  productName: string;
  participants: number;
  billableDays: number;
  minutes: number;
  /** minutes / 60, two decimals */
  hours: number;
  tariffCents: number;
  /** euros per hour */
  tariff: number;
  amountCents: number;
  /** euros */
  amount: number;
}

export interface BillingTotals {
  participants: number;
  billableDays: number;
  minutes: number;
  hours: number;
  amountCents: number;
  amount: number;
}

/**
 * Whose bill an instant is on (decision 031): the opdrachtgever the case belonged to then — the
 * first move's `from` before it, each move's `to` from its instant on.
 */
export function opdrachtgeverAt(billingCase: BillingCase, at: number): string {
  const moves = billingCase.moves ?? [];
  let current = moves[0]?.from ?? billingCase.opdrachtgeverId;
  for (const move of moves) if (move.at.getTime() <= at) current = move.to;
  return current;
}

/** integer cents for `minutes` at `tariffCents` per hour, rounded half up, without floating point. */
export function amountInCents(minutes: number, tariffCents: number): number {
  return Math.floor((2 * minutes * tariffCents + 60) / 120);
}

const twoDecimals = (value: number) => Math.round(value * 100) / 100;

export interface Month {
  /** YYYY-MM */
  month: string;
  days: LocalDate[];
  start: Date;
  end: Date;
}

export function monthOf(month: string): Month {
  const first = `${month}-01`;
  const days: LocalDate[] = [];
  for (let day = first; day.startsWith(month); day = addCalendarDays(day, 1)) days.push(day);
  const next = addCalendarDays(days.at(-1)!, 1);
  return {
    month,
    days,
    start: new Date(startOfLocalDay(first)),
    end: new Date(startOfLocalDay(next)),
  };
}

interface RowAccumulator {
  opdrachtgeverId: string;
  product: CatalogueCode;
  tariffCents: number;
  participants: Set<string>;
  days: Set<string>; // `${caseId}|${date}`
  minutes: number;
}

export class BillingAccumulator {
  private readonly rows = new Map<string, RowAccumulator>();
  private readonly days: LocalDay[];

  constructor(
    private readonly month: Month,
    private readonly opdrachtgevers: ReadonlyMap<string, BillingOpdrachtgever>,
    /** What the report knows up to (now): an open trajectory is billable until then, not beyond. */
    private readonly until: Date,
    /** Rows of this opdrachtgever only (the `opdrachtgever` filter); a moved case has two. */
    private readonly onlyOpdrachtgeverId: string | null = null,
  ) {
    this.days = localDays(month.days[0]!, month.days.at(-1)!);
  }

  private row(opdrachtgeverId: string, product: CatalogueCode, at: Date): RowAccumulator | null {
    if (this.onlyOpdrachtgeverId && opdrachtgeverId !== this.onlyOpdrachtgeverId) return null;
    const history = this.opdrachtgevers.get(opdrachtgeverId)?.tariffHistory ?? [];
    const tariffCents = tariffAt(history, product, at.toISOString()) ?? 0;
    const key = `${opdrachtgeverId}|${product}|${tariffCents}`;
    let row = this.rows.get(key);
    if (!row) {
      row = {
        opdrachtgeverId,
        product,
        tariffCents,
        participants: new Set(),
        days: new Set(),
        minutes: 0,
      };
      this.rows.set(key, row);
    }
    return row;
  }

  add(billingCase: BillingCase): void {
    const { caseId } = billingCase;
    const monthStart = this.month.start.getTime();
    const monthEnd = this.month.end.getTime();
    for (const trajectory of billingCase.trajectories) {
      for (const entry of trajectory.history) {
        const contactAt = entry.occurredAt.getTime();
        if (
          entry.type === 'RECORD_CONTACT' &&
          entry.fromState !== 'droppedOut' &&
          contactAt >= monthStart &&
          contactAt < monthEnd &&
          contactAt <= this.until.getTime()
        ) {
          const minutes = entry.payload.minutes;
          const row = this.row(
            opdrachtgeverAt(billingCase, contactAt),
            trajectory.product,
            entry.occurredAt,
          );
          if (!row) continue;
          row.participants.add(caseId);
          if (typeof minutes === 'number' && Number.isInteger(minutes) && minutes > 0)
            row.minutes += minutes;
        }
      }
      for (const day of daysInCare(careSpans(trajectory.history, this.until), this.days)) {
        // A day, like its tariff, goes to whoever the case belonged to at its 00:00.
        const row = this.row(
          opdrachtgeverAt(billingCase, day.start),
          trajectory.product,
          new Date(day.start),
        );
        if (!row) continue;
        row.participants.add(caseId);
        row.days.add(`${caseId}|${day.date}`);
      }
    }
  }

  /** Rows by opdrachtgever name, product code, tariff; the total is the sum of the rows. */
  result(productOrder: (code: CatalogueCode) => number): {
    rows: BillingRow[];
    total: BillingTotals;
  } {
    const rows = [...this.rows.values()].map((row): BillingRow => {
      const opdrachtgever = this.opdrachtgevers.get(row.opdrachtgeverId);
      const amountCents = amountInCents(row.minutes, row.tariffCents);
      return {
        opdrachtgeverId: row.opdrachtgeverId,
        opdrachtgever: opdrachtgever?.name ?? '',
        gemeentecode: opdrachtgever?.gemeentecode ?? null,
        product: row.product,
        productName: opdrachtgever?.productNames[row.product] ?? row.product,
        participants: row.participants.size,
        billableDays: row.days.size,
        minutes: row.minutes,
        hours: twoDecimals(row.minutes / 60),
        tariffCents: row.tariffCents,
        tariff: row.tariffCents / 100,
        amountCents,
        amount: amountCents / 100,
      };
    });
    rows.sort(
      (a, b) =>
        a.opdrachtgever.localeCompare(b.opdrachtgever, 'nl') ||
        productOrder(a.product) - productOrder(b.product) ||
        a.product.localeCompare(b.product) ||
        a.tariffCents - b.tariffCents,
    );
    const participants = new Set<string>();
    for (const row of this.rows.values()) for (const id of row.participants) participants.add(id);
    const minutes = rows.reduce((sum, row) => sum + row.minutes, 0);
    const amountCents = rows.reduce((sum, row) => sum + row.amountCents, 0);
    return {
      rows,
      total: {
        participants: participants.size,
        billableDays: rows.reduce((sum, row) => sum + row.billableDays, 0),
        minutes,
        hours: twoDecimals(minutes / 60),
        amountCents,
        amount: amountCents / 100,
      },
    };
  }
}
