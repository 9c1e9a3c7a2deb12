import { deadlineFacts, formatDate, occurredAtFor, parseDutchDate, todayDutch } from './dates';

describe('dates as a Dutch municipality reads them', () => {
  it('shows instants as dd-mm-jjjj in Amsterdam, whatever the UTC date', () => {
    expect(formatDate('2026-03-28T23:30:00.000Z')).toBe('29-03-2026'); // 00:30 in Amsterdam (CET)
    expect(formatDate('2026-07-31T22:00:00.000Z')).toBe('01-08-2026'); // midnight CEST
    expect(formatDate(null)).toBe('');
    expect(todayDutch(new Date('2026-12-31T23:30:00.000Z'))).toBe('01-01-2027');
  });

  it('reads typed dd-mm-jjjj dates and refuses dates that do not exist', () => {
    expect(parseDutchDate('01-06-2026')).toBe('2026-06-01');
    expect(parseDutchDate(' 1-6-2026 ')).toBe('2026-06-01');
    expect(parseDutchDate('29-02-2028')).toBe('2028-02-29');
    expect(parseDutchDate('29-02-2026')).toBeNull();
    expect(parseDutchDate('31-04-2026')).toBeNull();
    expect(parseDutchDate('2026-06-01')).toBeNull();
    expect(parseDutchDate('')).toBeNull();
  });

  it('sends today as the moment of recording and an earlier day as that date', () => {
    const now = new Date('2026-06-10T10:00:00.000Z');
    expect(occurredAtFor('2026-06-10', now)).toBe(now.toISOString());
    expect(occurredAtFor('2026-06-01', now)).toBe('2026-06-01');
  });

  it('counts days to the last day of a window, which itself is still in time (decision 003)', () => {
    const deadlineAt = '2026-07-31T22:00:00.000Z'; // last day 31-07-2026
    expect(deadlineFacts(deadlineAt, new Date('2026-07-30T10:00:00.000Z'))).toEqual({
      lastDay: '2026-07-31',
      daysLeft: 1,
    });
    expect(deadlineFacts(deadlineAt, new Date('2026-07-31T21:59:00.000Z')).daysLeft).toBe(0);
    expect(deadlineFacts(deadlineAt, new Date('2026-07-31T22:00:00.000Z')).daysLeft).toBe(-1);
  });
});
