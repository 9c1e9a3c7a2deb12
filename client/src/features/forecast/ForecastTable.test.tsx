/** @jest-environment jsdom */
import { cleanup, render, screen, within } from '@testing-library/react';
import { bucketDeadlines } from '../../../../machines';
import { ForecastTable } from './ForecastTable';

afterEach(cleanup);

describe('ForecastTable', () => {
  it('shows overdue, one row per ISO week with its dates, and later, with the counts per kind', () => {
    const buckets = bucketDeadlines(
      [
        { machineId: 'ontwikkeltraject', state: 'active', deadlineAt: '2026-06-10T22:00:00.000Z' },
        { machineId: 'stabiel', state: 'active', deadlineAt: '2026-06-11T22:00:00.000Z' },
        { machineId: 'herontdekken', state: 'overdue', deadlineAt: '2026-05-01T22:00:00.000Z' },
        { machineId: 'ontwikkeltraject', state: 'active', deadlineAt: '2026-12-01T23:00:00.000Z' },
      ],
      '2026-06-01',
      3,
    );
    render(<ForecastTable caption="Prognose" buckets={buckets} />);
    const table = screen.getByRole('table', { name: 'Prognose' });
    const rows = within(table).getAllByRole('row').slice(1);
    const cells = rows.map((row) =>
      Array.from(row.querySelectorAll('th, td')).map((cell) => cell.textContent),
    );
    expect(cells).toEqual([
      ['Nu al verlopen', '', '0', '0', '1', '1'],
      ['week 23', '01-06-2026 – 07-06-2026', '0', '0', '0', '0'],
      ['week 24', '08-06-2026 – 14-06-2026', '1', '1', '0', '2'],
      ['week 25', '15-06-2026 – 21-06-2026', '0', '0', '0', '0'],
      ['Later', '', '1', '0', '0', '1'],
    ]);
    expect(
      within(table)
        .getAllByRole('columnheader')
        .map((h) => h.textContent),
    ).toEqual([
      'Week',
      'Periode',
      'Stap loopt af',
      'Herbeoordeling',
      'Einde Herontdekken',
      'Totaal',
    ]);
  });
});
