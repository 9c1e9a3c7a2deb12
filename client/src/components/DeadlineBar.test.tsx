/** @jest-environment jsdom */
import { cleanup, render, screen } from '@testing-library/react';
import { DeadlineBar } from './DeadlineBar';

afterEach(cleanup);

// A six-month step started 2026-01-31: its last day is 31-07-2026, the deadline instant is
// 00:00 Amsterdam on 1 August (decision 003).
const base = {
  stepStartedAt: '2026-01-30T23:00:00.000Z',
  deadlineAt: '2026-07-31T22:00:00.000Z',
  suspendedDays: 0,
  extensionMonths: 0,
  suspended: false,
};
const fact = (label: string) => screen.getByText(label).nextElementSibling?.textContent;

describe('DeadlineBar', () => {
  it('shows step start, elapsed, last day and days left', () => {
    render(<DeadlineBar {...base} now={new Date('2026-07-21T10:00:00.000Z')} />);
    expect(fact('Start van de stap')).toBe('31-01-2026');
    expect(fact('Uiterste datum')).toBe('31-07-2026');
    expect(fact('Resterend')).toBe('10 dagen');
    expect(screen.getByText('Nog 10 dagen')).toBeTruthy();
    expect(fact('Verstreken')).toBe('171 dagen (94%)');
    expect(fact('Verlenging')).toBe('Geen');
  });

  it('counts the last day itself as still in time ("Vandaag")', () => {
    render(<DeadlineBar {...base} now={new Date('2026-07-31T20:00:00.000Z')} />);
    expect(screen.getByText('Vandaag')).toBeTruthy();
  });

  it('says in words that the deadline has passed (not by colour alone)', () => {
    render(<DeadlineBar {...base} now={new Date('2026-08-03T10:00:00.000Z')} />);
    expect(screen.getAllByText('Termijn verlopen: 3 dagen te laat').length).toBeGreaterThan(0);
  });

  it('shows suspended days and extensions, and a stopped clock while suspended', () => {
    render(
      <DeadlineBar
        {...base}
        suspendedDays={12}
        extensionMonths={2}
        now={new Date('2026-05-01T10:00:00.000Z')}
      />,
    );
    expect(fact('Opgeschort (telt niet mee)')).toBe('12 dagen');
    expect(fact('Verlenging')).toBe('2 maanden');
    cleanup();
    render(
      <DeadlineBar
        {...base}
        deadlineAt={null}
        suspended
        now={new Date('2026-05-01T10:00:00.000Z')}
      />,
    );
    expect(screen.getByText('De klok staat stil zolang het traject is opgeschort.')).toBeTruthy();
  });
});
