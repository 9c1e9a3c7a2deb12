import { DateTime, IANAZone } from 'luxon';
import { keptBy } from './kept';

/**
 * All calendar arithmetic of Trede in one place (docs/decisions/003-deadlines-and-time-zone.md).
 *
 * - Every date is read in Europe/Amsterdam: the municipalities are Dutch, so "a step started on
 *   31 January" means the Amsterdam calendar day, whatever the server's own time zone is.
 * - Months are calendar months with end-of-month clamping (SPEC §2.2): luxon clamps
 *   31 Jan + 6 months to 31 Jul and 31 Aug + 6 months to 28/29 Feb.
 * - Instants leave this module as UTC ISO strings ("2026-07-31T22:00:00.000Z"), the form stored
 *   in snapshots and compared by the server's queries.
 */
export const TIME_ZONE = 'Europe/Amsterdam';

/** A local calendar date in Amsterdam, "YYYY-MM-DD". */
export type LocalDate = string;

const MS_PER_DAY = 24 * 60 * 60 * 1000;
const ZONE = IANAZone.create(TIME_ZONE);

/**
 * An ISO date-time with an explicit offset ("Z" or "+02:00") names one instant whatever the zone,
 * so it is read with Date.parse: luxon's zone-aware parser is ~100× slower, and the engine
 * compares instants in every guard.
 */
const ABSOLUTE_ISO =
  /^(\d{4})-(\d{2})-(\d{2})T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}:\d{2})$/i;

/**
 * The same few instants (a trajectory's deadline, its last event, now) are compared in every guard
 * of every event, and the same few dates go through the zone arithmetic below, so answers are
 * kept (kept.ts).
 */
function keptByText<T>(compute: (value: string) => T): (value: string) => T {
  return keptBy((value: string) => value, compute);
}

const byDateAndCount = (date: string, count: number) => `${date}|${count}`;

const absoluteMs = keptByText(parseAbsoluteMs);

function parseAbsoluteMs(value: string): number | null {
  const match = ABSOLUTE_ISO.exec(value);
  if (!match) return null;
  const ms = Date.parse(value);
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  // Date.parse rolls 30 February over into March; a real calendar date survives a round trip.
  const calendarDate = new Date(Date.UTC(year, month - 1, day));
  if (
    Number.isNaN(ms) ||
    calendarDate.getUTCMonth() !== month - 1 ||
    calendarDate.getUTCDate() !== day
  )
    return null;
  return ms;
}

/**
 * Reads an ISO date or date-time. A date alone ("2026-03-01") or a date-time without offset is
 * Amsterdam local time; a date-time with "Z" or an offset is that instant. Null when invalid.
 */
export function parseInstant(value: string): DateTime | null {
  if (typeof value !== 'string' || value.trim() === '') return null;
  const parsed = DateTime.fromISO(value.trim(), { zone: ZONE });
  return parsed.isValid ? parsed : null;
}

/**
 * Every event normalizes its `occurredAt` and `now`, mostly the same few instants: the canonical
 * forms are kept like the parses above (formatting one was 8% of the engine's time, decision 055).
 */
const canonicalInstantKept = keptByText(canonicalInstant);

/** The canonical stored form of an ISO date or date-time; null when invalid. */
export function normalizeInstant(value: string): string | null {
  if (typeof value !== 'string') return null;
  return canonicalInstantKept(value);
}

function canonicalInstant(value: string): string | null {
  const absolute = absoluteMs(value.trim());
  if (absolute !== null) return new Date(absolute).toISOString();
  const parsed = parseInstant(value);
  return parsed ? toIso(parsed) : null;
}

function toIso(value: DateTime): string {
  return value.toUTC().toISO() as string;
}

function mustParse(value: string): DateTime {
  const parsed = parseInstant(value);
  if (!parsed) throw new RangeError(`Not an ISO date: ${value}`);
  return parsed;
}

function mustParseDate(value: LocalDate): DateTime {
  const parsed = DateTime.fromISO(value, { zone: ZONE });
  if (!parsed.isValid) throw new RangeError(`Not an ISO date: ${value}`);
  return parsed.startOf('day');
}

/** Milliseconds since the epoch; instants compare by this, never by string. */
export function instantMs(value: string): number {
  return absoluteMs(value) ?? mustParse(value).toMillis();
}

export function isBefore(a: string, b: string): boolean {
  return instantMs(a) < instantMs(b);
}

export function isAtOrAfter(a: string, b: string): boolean {
  return instantMs(a) >= instantMs(b);
}

/** The later of two instants. */
export function latest(a: string, b: string): string {
  return isBefore(a, b) ? b : a;
}

/**
 * The Amsterdam calendar date an instant falls on. Luxon's zone arithmetic (Intl formatToParts per
 * call) was ~10% of an event's CPU through the signal bounds, so this and the date functions below
 * keep their answers.
 */
export const localDateOf: (value: string) => LocalDate = keptByText(computeLocalDateOf);

function computeLocalDateOf(value: string): LocalDate {
  const absolute = absoluteMs(value);
  const instant =
    absolute === null ? mustParse(value) : DateTime.fromMillis(absolute, { zone: ZONE });
  return instant.setZone(ZONE).toISODate() as LocalDate;
}

/** 00:00 Amsterdam time on that date, as a UTC instant (DST-aware: 22:00Z or 23:00Z the day before). */
export const startOfLocalDay: (date: LocalDate) => string = keptByText((date) =>
  toIso(mustParseDate(date)),
);

/** Calendar months with end-of-month clamping: 2026-01-31 + 6 = 2026-07-31; 2025-08-31 + 6 = 2026-02-28. */
export const addCalendarMonths: (date: LocalDate, months: number) => LocalDate = keptBy(
  byDateAndCount,
  (date, months) => mustParseDate(date).plus({ months }).toISODate() as LocalDate,
);

export const addCalendarDays: (date: LocalDate, days: number) => LocalDate = keptBy(
  byDateAndCount,
  (date, days) => mustParseDate(date).plus({ days }).toISODate() as LocalDate,
);

/** Whole Amsterdam calendar days from the date of `from` to the date of `to` (0 on the same day). */
export function calendarDaysBetween(from: string, to: string): number {
  const start = mustParseDate(localDateOf(from));
  const end = mustParseDate(localDateOf(to));
  return Math.round(end.diff(start, 'days').days);
}

/**
 * The deadline convention (decision 003): a window of N months that starts on local date D
 * includes its last day D + N months (clamped), so the deadline instant — the first moment that
 * is too late — is 00:00 Amsterdam on the day after that last day.
 */
export function windowDeadline(startedAt: string, months: number): string {
  const lastDay = addCalendarMonths(localDateOf(startedAt), months);
  return startOfLocalDay(addCalendarDays(lastDay, 1));
}

/** The last day still inside a window whose deadline instant is `deadlineAt`. */
export function lastDayBefore(deadlineAt: string): LocalDate {
  return addCalendarDays(localDateOf(deadlineAt), -1);
}

/** EXTEND (SPEC §2.3): the last day moves by whole calendar months, clamped like any window. */
export function extendDeadline(deadlineAt: string, months: number): string {
  const lastDay = addCalendarMonths(lastDayBefore(deadlineAt), months);
  return startOfLocalDay(addCalendarDays(lastDay, 1));
}

/** RESUME after a suspension (SPEC §2.3): the deadline moves by whole calendar days. */
export function shiftDeadline(deadlineAt: string, days: number): string {
  return startOfLocalDay(addCalendarDays(localDateOf(deadlineAt), days));
}

/**
 * `days` × 24 hours before or after an instant. Signal windows (SPEC §2.4) use plain 24-hour days
 * so that the server can express them as one range on an indexed date field.
 */
export function plusDays(value: string, days: number): string {
  return new Date(instantMs(value) + days * MS_PER_DAY).toISOString();
}

/**
 * SPEC §4: report periods are inclusive local dates. The exclusive end of a period whose last day
 * is `lastDay`: 00:00 Amsterdam on the day after (so `to=2025-12-31` includes 31 December).
 */
export function periodEndAfter(lastDay: LocalDate): string {
  return startOfLocalDay(addCalendarDays(lastDay, 1));
}
