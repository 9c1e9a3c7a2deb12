/**
 * Dates as a Dutch municipality reads them: dd-mm-jjjj in Europe/Amsterdam, whatever the
 * browser's own zone. Calendar-day arithmetic comes from the shared machines/ calendar.
 */
import { calendarDaysBetween, lastDayBefore, startOfLocalDay, TIME_ZONE } from '../../../machines';

const dayMonthYear = new Intl.DateTimeFormat('nl-NL', {
  timeZone: TIME_ZONE,
  day: '2-digit',
  month: '2-digit',
  year: 'numeric',
});

/** 2026-03-01T09:30:00Z → 01-03-2026 (the Amsterdam calendar date). */
export function formatDate(iso: string | null | undefined): string {
  if (!iso) return '';
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return '';
  const parts = Object.fromEntries(dayMonthYear.formatToParts(date).map((p) => [p.type, p.value]));
  return `${parts.day}-${parts.month}-${parts.year}`;
}

/** The Amsterdam calendar date of an instant as YYYY-MM-DD (the value of a date input). */
export function localIsoDate(instant: Date): string {
  const parts = Object.fromEntries(
    dayMonthYear.formatToParts(instant).map((p) => [p.type, p.value]),
  );
  return `${parts.year}-${parts.month}-${parts.day}`;
}

/** Whole Amsterdam calendar days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: string | Date, to: string | Date): number {
  const a = typeof from === 'string' ? from : from.toISOString();
  const b = typeof to === 'string' ? to : to.toISOString();
  return calendarDaysBetween(a, b);
}

/**
 * The instant to send for a date chosen in a form: today → now (the moment it is recorded);
 * an earlier day → that day (the server reads YYYY-MM-DD as 00:00 Amsterdam).
 */
export function occurredAtFor(dateValue: string, now: Date): string {
  return dateValue === localIsoDate(now) ? now.toISOString() : dateValue;
}

/** YYYY-MM-DD → dd-mm-jjjj without any time-zone step (it already is a local date). */
export function formatLocalDate(date: string): string {
  const [year, month, day] = date.split('-');
  return `${day}-${month}-${year}`;
}

/**
 * A deadline instant is the first moment that is too late (decision 003); people read the last
 * day that still counts. Days left: 0 on that last day, negative once it has passed.
 */
export function deadlineFacts(
  deadlineAt: string,
  now: Date,
): { lastDay: string; daysLeft: number } {
  const lastDay = lastDayBefore(deadlineAt);
  return { lastDay, daysLeft: calendarDaysBetween(now.toISOString(), startOfLocalDay(lastDay)) };
}

/**
 * dd-mm-jjjj as typed by a person (1-6-2026 too) → YYYY-MM-DD, or null when it is no real date.
 * Forms use text fields in this format rather than the browser's date picker, whose format
 * follows the browser's language instead of the municipality's.
 */
export function parseDutchDate(text: string): string | null {
  const match = /^(\d{1,2})-(\d{1,2})-(\d{4})$/.exec(text.trim());
  if (!match) return null;
  const [day, month, year] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  if (
    date.getUTCFullYear() !== year ||
    date.getUTCMonth() !== month - 1 ||
    date.getUTCDate() !== day
  )
    return null;
  return `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** Today in Amsterdam as dd-mm-jjjj (a form's default date). */
export function todayDutch(now: Date): string {
  return formatLocalDate(localIsoDate(now));
}
