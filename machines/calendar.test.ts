import {
  periodEndAfter,
  addCalendarMonths,
  calendarDaysBetween,
  extendDeadline,
  localDateOf,
  normalizeInstant,
  shiftDeadline,
  windowDeadline,
} from './calendar';

describe('calendar (Europe/Amsterdam, decision 003)', () => {
  it('reads a date alone as the start of that day in Amsterdam', () => {
    expect(normalizeInstant('2026-03-01')).toBe('2026-02-28T23:00:00.000Z'); // CET, UTC+1
    expect(normalizeInstant('2026-07-01')).toBe('2026-06-30T22:00:00.000Z'); // CEST, UTC+2
  });

  it('keeps an instant with an offset and reads a local date-time as Amsterdam time', () => {
    expect(normalizeInstant('2026-03-01T09:30:00Z')).toBe('2026-03-01T09:30:00.000Z');
    expect(normalizeInstant('2026-03-01T09:30:00')).toBe('2026-03-01T08:30:00.000Z');
  });

  it('refuses what is not an ISO date', () => {
    expect(normalizeInstant('1 maart 2026')).toBeNull();
    expect(normalizeInstant('2026-02-30')).toBeNull();
    expect(normalizeInstant('')).toBeNull();
  });

  it('takes the Amsterdam calendar date of an instant, not the UTC one', () => {
    expect(localDateOf('2026-06-30T22:30:00.000Z')).toBe('2026-07-01');
  });

  it.each([
    ['2026-01-31', 6, '2026-07-31'],
    ['2025-08-31', 6, '2026-02-28'],
    ['2027-08-31', 6, '2028-02-29'],
    ['2026-03-31', 1, '2026-04-30'],
    ['2026-04-01', 6, '2026-10-01'],
  ])('%s + %i calendar months = %s (clamped to the month end)', (date, months, expected) => {
    expect(addCalendarMonths(date, months)).toBe(expected);
  });

  it('counts whole calendar days across a change to summer time', () => {
    // 29 March 2026 has 23 hours in Amsterdam; it is still one calendar day.
    expect(calendarDaysBetween('2026-03-28T12:00:00+01:00', '2026-03-30T08:00:00+02:00')).toBe(2);
    expect(calendarDaysBetween('2026-03-28T23:59:00+01:00', '2026-03-28T00:01:00+01:00')).toBe(0);
  });

  it('puts a window deadline at 00:00 Amsterdam after the last day', () => {
    expect(windowDeadline('2026-04-01T10:00:00+02:00', 6)).toBe('2026-10-01T22:00:00.000Z');
    // The last day, 2026-11-01, is after the change to winter time: midnight is 23:00 UTC.
    expect(windowDeadline('2026-05-01T10:00:00+02:00', 6)).toBe('2026-11-01T23:00:00.000Z');
  });

  it('extends by months from the last day and shifts by whole days', () => {
    const deadline = windowDeadline('2026-01-31T10:00:00+01:00', 6); // last day 31 July
    expect(extendDeadline(deadline, 1)).toBe(windowDeadline('2026-01-31T10:00:00+01:00', 7)); // 31 August
    expect(extendDeadline(windowDeadline('2026-03-31', 6), 2)).toBe('2026-11-30T23:00:00.000Z'); // 30 Sep → 30 Nov
    expect(shiftDeadline('2026-10-01T22:00:00.000Z', 30)).toBe('2026-10-31T23:00:00.000Z');
  });
});

describe('rule 10 (SPEC §4): report periods are inclusive local dates', () => {
  it('a period ending on 31 December includes all of 31 December, Amsterdam time', () => {
    const end = periodEndAfter('2025-12-31');
    expect(Date.parse('2025-12-31T23:59:59+01:00')).toBeLessThan(Date.parse(end));
    expect(end).toBe('2025-12-31T23:00:00.000Z'); // 1 January 00:00 CET
  });
  it('also across a daylight-saving change (the day is 23 hours long)', () => {
    expect(periodEndAfter('2026-03-29')).toBe('2026-03-29T22:00:00.000Z');
  });
});
