import { monthsOfPeriod } from './monthly-indicators';

describe('monthsOfPeriod', () => {
  it('clips the first and last month to the period', () => {
    expect(monthsOfPeriod('2026-02-10', '2026-04-05')).toEqual([
      { month: '2026-02', from: '2026-02-10', to: '2026-02-28' },
      { month: '2026-03', from: '2026-03-01', to: '2026-03-31' },
      { month: '2026-04', from: '2026-04-01', to: '2026-04-05' },
    ]);
  });

  it('crosses a year end and knows a leap February', () => {
    expect(monthsOfPeriod('2027-12-31', '2028-02-29').map((m) => [m.month, m.from, m.to])).toEqual([
      ['2027-12', '2027-12-31', '2027-12-31'],
      ['2028-01', '2028-01-01', '2028-01-31'],
      ['2028-02', '2028-02-01', '2028-02-29'],
    ]);
  });

  it('gives one month for a single day and 24 for two calendar years', () => {
    expect(monthsOfPeriod('2026-05-31', '2026-05-31')).toEqual([
      { month: '2026-05', from: '2026-05-31', to: '2026-05-31' },
    ]);
    expect(monthsOfPeriod('2025-01-01', '2026-12-31')).toHaveLength(24);
  });
});
