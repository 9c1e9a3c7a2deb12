import { bucketDeadlines, isoWeekOf } from './forecast';

describe('forecast weeks (ISO, Monday start, Amsterdam)', () => {
  it('names the ISO week and its Monday–Sunday, across a year end', () => {
    expect(isoWeekOf('2026-12-31')).toEqual({
      week: '2026-W53',
      start: '2026-12-28',
      end: '2027-01-03',
    });
    expect(isoWeekOf('2027-01-03').week).toBe('2026-W53');
    expect(isoWeekOf('2027-01-04').week).toBe('2027-W01');
  });

  it('buckets by the last day: a deadline at 00:00 Monday falls due on the Sunday before', () => {
    // Deadline instant Monday 06-07-2026 00:00 Amsterdam (22:00Z the day before): last day Sunday.
    const buckets = bucketDeadlines(
      [{ machineId: 'ontwikkeltraject', state: 'active', deadlineAt: '2026-07-05T22:00:00.000Z' }],
      '2026-06-29',
      2,
    );
    expect(buckets.weeks.map((week) => [week.week, week.stepDeadline])).toEqual([
      ['2026-W27', 1],
      ['2026-W28', 0],
    ]);
  });

  it('counts overdue and reviewDue states as overdue whatever the date, and suspended apart', () => {
    const buckets = bucketDeadlines(
      [
        { machineId: 'stabiel', state: 'reviewDue', deadlineAt: '2026-07-05T22:00:00.000Z' },
        { machineId: 'ontwikkeltraject', state: 'suspended', deadlineAt: null },
        { machineId: 'herontdekken', state: 'stepAchieved', deadlineAt: null },
      ],
      '2026-06-29',
      1,
    );
    expect(buckets.overdue).toEqual({ stepDeadline: 0, review: 1, herontdekkenEnd: 0, total: 1 });
    expect(buckets.suspended).toBe(1);
    expect(buckets.weeks[0]!.total).toBe(0);
  });
});
