/** @jest-environment jsdom */
import '../../test/jsdom-polyfills';
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { MemoryRouter } from 'react-router';
import ReportsPage from './ReportsPage';

let role = 'beleid';
jest.mock('../../lib/session', () => ({
  SessionContext: {
    useSelector: () => [
      { id: 't1', name: 'Team Noord' },
      { id: 't2', name: 'Team Zuid' },
    ],
  },
  useUser: () => ({ id: 'u1', orgId: 'o1', username: 'x', displayName: 'X', role, teamIds: [] }),
}));

/** The figures of one report or group, every count derived from `n` so rows differ. */
function figures(n: number) {
  return {
    steps: { clients: n + 1, transitions: n * 2, byPair: [] },
    ladder: { matrix: [] },
    activation: { cases: 4, withTrajectory: n, share: n / 4 },
    trajectories: {
      started: n + 3,
      closedByOutcome: { afgerond: n, uitgevallen: 1 },
      achievedWithinLimit: 0,
      achievedAfterLimit: 0,
      becameOverdue: 0,
      droppedOut: n + 5,
    },
    daysPerStep: {},
    outflow: {
      toPaidWork: n + 7,
      durable: { reached: 0, stillAtFiveOrMore: 0, notStill: 0, notYetKnown: 0 },
    },
    reentry: { closed: 0, reentered: 0, notReentered: 0, notYetKnown: 0 },
    herontdekken: { byYear: [] },
  };
}

/** fetch answering every read of the page, recording the indicator queries. */
function fakeFetch() {
  const indicatorQueries: URLSearchParams[] = [];
  globalThis.fetch = jest.fn(async (input: RequestInfo | URL) => {
    const url = new URL(String(input), 'http://localhost');
    let body: unknown;
    if (url.pathname === '/api/v1/reports/indicators') {
      indicatorQueries.push(url.searchParams);
      const groupBy = url.searchParams.get('groupBy');
      body = {
        ...figures(3),
        period: { from: '2026-01-01', to: '2026-06-30' },
        asOf: '2026-07-01T00:00:00.000Z',
        team: null,
        opdrachtgever: null,
        ...(groupBy && {
          groupBy,
          groups: [
            { id: 'g1', name: 'Team Noord', ...figures(1) },
            { id: 'g2', name: null, ...figures(2) },
          ],
        }),
      };
    } else if (url.pathname === '/api/v1/reports/indicators/monthly') body = { months: [] };
    else if (url.pathname === '/api/v1/reports/billing')
      body = { rows: [], total: { participants: 0, billableDays: 0, minutes: 0, amountCents: 0 } };
    else body = { items: [] };
    return { status: 200, ok: true, json: async () => body } as Response;
  });
  return indicatorQueries;
}

function renderAt(url: string) {
  render(
    <MemoryRouter initialEntries={[url]}>
      <ReportsPage />
    </MemoryRouter>,
  );
}

const rowTexts = (table: HTMLElement) =>
  within(table)
    .getAllByRole('row')
    .map((row) => [...row.querySelectorAll('th, td')].map((cell) => cell.textContent));

afterEach(() => {
  cleanup();
  jest.restoreAllMocks();
});

describe('Rapportages: uitsplitsing', () => {
  it('shows no breakdown and asks for none by default', async () => {
    role = 'beleid';
    const queries = fakeFetch();
    renderAt('/');
    await screen.findByText('Indicatoren');
    expect(queries[0]?.has('groupBy')).toBe(false);
    expect(screen.queryByTestId('breakdown-table')).toBeNull();
  });

  it('asks the API for the breakdown in the URL and shows each group, the total last', async () => {
    role = 'beleid';
    const queries = fakeFetch();
    renderAt('/?uitsplitsing=team');
    const table = await screen.findByRole('table', { name: /per team/ });
    expect(queries[0]?.get('groupBy')).toBe('team');
    expect(rowTexts(table)).toEqual([
      [
        'Team',
        'Stappen omhoog',
        'Deelnemers met een stap',
        'Activering',
        'Trajecten gestart',
        'Trajecten afgesloten',
        'Uitval',
        'Uitstroom naar betaald werk',
      ],
      ['Team Noord', '2', '2', '25,0%', '4', '2', '6', '8'],
      ['Onbekend (account bestaat niet meer)', '4', '3', '50,0%', '5', '3', '7', '9'],
      ['Totaal', '6', '4', '75,0%', '6', '4', '8', '10'],
    ]);
  });

  it('offers per begeleider to a teamleider only, and keeps the choice in the URL', async () => {
    role = 'beleid';
    fakeFetch();
    renderAt('/?uitsplitsing=begeleider');
    const select = (await screen.findByLabelText('Uitsplitsing')) as HTMLSelectElement;
    expect([...select.options].map((option) => option.value)).toEqual([
      '',
      'team',
      'opdrachtgever',
    ]);
    // A beleid URL with a breakdown it may not ask for shows none (the API would answer 403).
    expect(select.value).toBe('');
    cleanup();

    role = 'teamleider';
    const queries = fakeFetch();
    renderAt('/');
    const choice = (await screen.findByLabelText('Uitsplitsing')) as HTMLSelectElement;
    expect([...choice.options].map((option) => option.textContent)).toEqual([
      'Geen',
      'per team',
      'per opdrachtgever',
      'per begeleider',
    ]);
    fireEvent.change(choice, { target: { value: 'begeleider' } });
    await waitFor(() => expect(queries.at(-1)?.get('groupBy')).toBe('begeleider'));
    const table = await screen.findByRole('table', { name: /per begeleider/ });
    expect(within(table).getByRole('columnheader', { name: 'Begeleider' })).toBeTruthy();
  });
});
