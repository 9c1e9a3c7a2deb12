/** @jest-environment jsdom */
import '../../test/jsdom-polyfills';
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { MemoryRouter, Route, Routes } from 'react-router';
import { DEFAULT_SETTINGS } from '../../../../machines';
import type { CaseFile } from '../../lib/api-types';
import { caseFileWith, ontTrajectory } from '../../test/fixtures';
import CaseFilePage from './CaseFilePage';

let role = 'teamleider';
jest.mock('../../lib/session', () => ({
  useUser: () => ({
    id: 'u-tl',
    orgId: 'o1',
    username: 'tl',
    displayName: 'TL',
    role,
    teamIds: ['t-1'],
  }),
}));

const opdrachtgevers = [
  { id: 'o-1', name: 'Gemeente Arnhem', gemeentecode: 'GM0202' },
  { id: 'o-2', name: 'Gemeente Renkum', gemeentecode: 'GM0274' },
  { id: 'o-3', name: 'Gemeente Nijmegen', gemeentecode: 'GM0268' },
];

interface Sent {
  method: string;
  path: string;
  body: unknown;
}

/** fetch serving the case file (`files` in order of loading) and answering a PATCH with `patch`. */
function fakeFetch(files: CaseFile[], patch: { status: number; body: unknown }) {
  const sent: Sent[] = [];
  let loads = 0;
  globalThis.fetch = jest.fn(async (input: RequestInfo | URL, init?: RequestInit) => {
    const url = new URL(String(input), 'http://localhost');
    const method = init?.method ?? 'GET';
    let answer: { status: number; body: unknown } = { status: 200, body: {} };
    if (method === 'PATCH') {
      sent.push({ method, path: url.pathname, body: JSON.parse(String(init?.body)) });
      answer = patch;
    } else if (url.pathname === '/api/v1/cases/case-1')
      answer = { status: 200, body: files[Math.min(loads++, files.length - 1)] };
    else if (url.pathname === '/api/v1/settings')
      answer = { status: 200, body: { settings: DEFAULT_SETTINGS } };
    else if (url.pathname === '/api/v1/opdrachtgevers')
      answer = { status: 200, body: { items: opdrachtgevers } };
    return {
      status: answer.status,
      ok: answer.status < 300,
      statusText: '',
      json: async () => answer.body,
    } as Response;
  });
  return sent;
}

function renderPage() {
  render(
    <MemoryRouter initialEntries={['/cases/case-1']}>
      <Routes>
        <Route path="/cases/:id" element={<CaseFilePage />} />
      </Routes>
    </MemoryRouter>,
  );
}

const file = caseFileWith(ontTrajectory());

async function moveTo(name: string) {
  fireEvent.click(await screen.findByRole('button', { name: 'Opdrachtgever wijzigen' }));
  const select = (await screen.findByLabelText('Nieuwe opdrachtgever')) as HTMLSelectElement;
  fireEvent.change(select, { target: { value: opdrachtgevers.find((o) => o.name === name)!.id } });
  fireEvent.click(screen.getByRole('button', { name: 'Opslaan' }));
  return select;
}

afterEach(() => {
  cleanup();
  jest.restoreAllMocks();
});

describe('Opdrachtgever wijzigen (PATCH /cases/:id)', () => {
  it('offers the other opdrachtgevers and sends the choice with the case file version', async () => {
    role = 'teamleider';
    const moved = { ...file, opdrachtgeverId: 'o-2', version: file.version + 1 };
    const sent = fakeFetch([file, moved], { status: 200, body: moved });
    renderPage();
    fireEvent.click(await screen.findByRole('button', { name: 'Opdrachtgever wijzigen' }));
    expect(await screen.findByText('Huidige opdrachtgever: Gemeente Arnhem.')).toBeTruthy();
    const select = screen.getByLabelText('Nieuwe opdrachtgever') as HTMLSelectElement;
    expect([...select.options].map((option) => option.textContent)).toEqual([
      'Kies…',
      'Gemeente Renkum',
      'Gemeente Nijmegen',
    ]);
    // Nothing chosen: a message on the field, nothing sent.
    fireEvent.click(screen.getByRole('button', { name: 'Opslaan' }));
    expect(screen.getByText('Kies de nieuwe opdrachtgever.')).toBeTruthy();
    expect(sent).toEqual([]);
    fireEvent.change(select, { target: { value: 'o-2' } });
    fireEvent.click(screen.getByRole('button', { name: 'Opslaan' }));
    await screen.findByText('Opgeslagen.', { exact: false });
    expect(sent).toEqual([
      {
        method: 'PATCH',
        path: '/api/v1/cases/case-1',
        body: { opdrachtgeverId: 'o-2', expectedVersion: file.version },
      },
    ]);
    expect(screen.queryByLabelText('Nieuwe opdrachtgever')).toBeNull();
  });

  it('explains a 422 PRODUCT_NOT_OFFERED', async () => {
    role = 'teamleider';
    fakeFetch([file], {
      status: 422,
      body: { error: { code: 'PRODUCT_NOT_OFFERED', message: 'not offered' } },
    });
    renderPage();
    await moveTo('Gemeente Nijmegen');
    expect(
      await screen.findByText(/biedt het product van het lopende traject niet aan/),
    ).toBeTruthy();
  });

  it('on a 409 reloads and keeps the form, now with the new version', async () => {
    role = 'teamleider';
    const newer = { ...file, version: file.version + 3 };
    const sent = fakeFetch([file, newer], {
      status: 409,
      body: { error: { code: 'VERSION_CONFLICT', message: 'stale' } },
    });
    renderPage();
    const select = await moveTo('Gemeente Renkum');
    expect(
      await screen.findByText(/Iemand anders heeft deze zaak intussen gewijzigd/),
    ).toBeTruthy();
    fireEvent.change(select, { target: { value: 'o-2' } });
    fireEvent.click(screen.getByRole('button', { name: 'Opslaan' }));
    await waitFor(() => expect(sent).toHaveLength(2));
    expect(sent[1]?.body).toEqual({ opdrachtgeverId: 'o-2', expectedVersion: newer.version });
  });

  it('is not offered to a begeleider', async () => {
    role = 'begeleider';
    fakeFetch([file], { status: 403, body: {} });
    renderPage();
    await screen.findByRole('heading', { level: 1, name: file.displayName });
    expect(screen.queryByRole('button', { name: 'Opdrachtgever wijzigen' })).toBeNull();
  });
});
