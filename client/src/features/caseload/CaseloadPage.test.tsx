/** @jest-environment jsdom */
import '../../test/jsdom-polyfills';
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { MemoryRouter } from 'react-router';
import CaseloadPage from './CaseloadPage';

jest.mock('../../lib/session', () => ({
  useUser: () => ({
    id: 'u1',
    orgId: 'o1',
    username: 'b',
    displayName: 'B',
    role: 'begeleider',
    teamIds: ['t1'],
  }),
}));

const opdrachtgevers = [
  { id: 'og-arnhem', name: 'Gemeente Arnhem', gemeentecode: 'GM0202' },
  { id: 'og-renkum', name: 'Gemeente Renkum', gemeentecode: 'GM0274' },
];

/** fetch answering the two reads of the page, recording the case-list queries. */
function fakeFetch() {
  const caseQueries: URLSearchParams[] = [];
  globalThis.fetch = jest.fn(async (input: RequestInfo | URL) => {
    const url = new URL(String(input), 'http://localhost');
    const body =
      url.pathname === '/api/v1/opdrachtgevers'
        ? { items: opdrachtgevers }
        : (caseQueries.push(url.searchParams), { items: [], total: 0, page: 1, pageSize: 25 });
    return { status: 200, ok: true, json: async () => body } as Response;
  });
  return caseQueries;
}

afterEach(() => {
  cleanup();
  jest.restoreAllMocks();
});

describe('Mijn caseload', () => {
  it('filters by opdrachtgever (SPEC §4.1) and keeps the choice in the URL', async () => {
    const caseQueries = fakeFetch();
    render(
      <MemoryRouter initialEntries={['/?opdrachtgever=og-renkum']}>
        <CaseloadPage />
      </MemoryRouter>,
    );
    const select = (await screen.findByLabelText('Gemeente (opdrachtgever)')) as HTMLSelectElement;
    expect([...select.options].map((option) => option.textContent)).toEqual([
      'Alle',
      'Gemeente Arnhem',
      'Gemeente Renkum',
    ]);
    expect(select.value).toBe('og-renkum');
    expect(caseQueries[0]?.get('opdrachtgever')).toBe('og-renkum');
    fireEvent.change(select, { target: { value: 'og-arnhem' } });
    await waitFor(() => expect(caseQueries.at(-1)?.get('opdrachtgever')).toBe('og-arnhem'));
  });
});
