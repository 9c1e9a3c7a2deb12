import { useState, type FormEvent } from 'react';
import { Link, useSearchParams } from 'react-router';
import { PRODUCT_CODES, type ProductCode, type TrajectoryStateKey } from '../../../../machines';
import { Field } from '../../components/Field';
import { FilterSelect, OpdrachtgeverFilter, SIGNAL_OPTIONS } from '../../components/FilterSelect';
import { Pager } from '../../components/Pager';
import { Notice } from '../../components/Notice';
import { SignalBadges } from '../../components/SignalBadges';
import { api, queryString } from '../../lib/api';
import type { CaseListItem, CaseListPage } from '../../lib/api-types';
import { systemClock } from '../../lib/clock';
import { deadlineFacts } from '../../lib/dates';
import { useUser } from '../../lib/session';
import { useApiGet } from '../../lib/use-api';
import { nl, productLabel } from '../../i18n/nl';
import { withFilterChanges } from '../../lib/url-filters';

const PAGE_SIZE = 25;
const STATES = [
  'registered',
  'active',
  'stepAchieved',
  'overdue',
  'reviewDue',
  'suspended',
  'droppedOut',
] as const satisfies readonly TrajectoryStateKey[];

/** The filters live in the URL (bookmarkable, shareable); these are their names there. */
function filtersOf(params: URLSearchParams) {
  return {
    q: params.get('q') ?? '',
    signal: params.get('signaal') ?? '',
    product: params.get('product') ?? '',
    opdrachtgever: params.get('opdrachtgever') ?? '',
    state: params.get('status') ?? '',
    scope: params.get('wie') === 'team' ? 'team' : 'mine',
    sort: params.get('sorteer') === 'client' ? 'client' : 'deadline',
    page: Math.max(1, Number(params.get('pagina')) || 1),
  };
}

function DeadlineCell({ item }: { item: CaseListItem }) {
  const deadlineAt = item.openTrajectory?.deadlineAt;
  if (!deadlineAt) return <span className="muted">{nl.deadline.none}</span>;
  const { daysLeft } = deadlineFacts(deadlineAt, systemClock.now());
  if (daysLeft < 0 || item.openTrajectory?.state === 'overdue')
    return (
      <span className="overdue">
        <span aria-hidden="true">⚠ </span>
        {nl.deadline.overdue(Math.max(0, -daysLeft))}
      </span>
    );
  return <span>{nl.deadline.daysLeft(daysLeft)}</span>;
}

export default function CaseloadPage() {
  const user = useUser();
  const [params, setParams] = useSearchParams();
  const filters = filtersOf(params);
  const [search, setSearch] = useState(filters.q);
  const query = queryString({
    q: filters.q,
    signal: filters.signal,
    product: filters.product,
    opdrachtgever: filters.opdrachtgever,
    state: filters.state,
    begeleider: filters.scope === 'mine' ? user.id : undefined,
    sort: filters.sort === 'client' ? 'clientNumber' : 'deadline',
    page: filters.page,
    pageSize: PAGE_SIZE,
  });
  const loaded = useApiGet(query, (signal) => api<CaseListPage>(`/cases${query}`, { signal }));

  /** Changing a filter starts at page 1 again. */
  function update(changes: Record<string, string>) {
    setParams(withFilterChanges(params, changes, 'pagina'));
  }

  function submitSearch(event: FormEvent) {
    event.preventDefault();
    update({ q: search.trim() });
  }

  const pages =
    loaded.status === 'ready' ? Math.max(1, Math.ceil(loaded.data.total / PAGE_SIZE)) : 1;
  return (
    <>
      <h1>{filters.scope === 'team' ? nl.caseload.teamTitle : nl.caseload.title}</h1>
      <form className="search" role="search" onSubmit={submitSearch}>
        <Field label={nl.caseload.search}>
          {(control) => (
            <input
              {...control}
              type="search"
              name="q"
              value={search}
              onChange={(event) => setSearch(event.target.value)}
            />
          )}
        </Field>
        <button type="submit" className="button">
          {nl.caseload.searchButton}
        </button>
      </form>
      <fieldset className="filters">
        <legend className="visually-hidden">{nl.caseload.filters}</legend>
        <FilterSelect
          label={nl.caseload.scope}
          value={filters.scope}
          anyLabel={null}
          options={[
            { value: 'mine', label: nl.caseload.scopeMine },
            { value: 'team', label: nl.caseload.scopeTeam },
          ]}
          onChange={(value) => update({ wie: value === 'team' ? 'team' : '' })}
        />
        <FilterSelect
          label={nl.caseload.signal}
          value={filters.signal}
          options={SIGNAL_OPTIONS}
          onChange={(value) => update({ signaal: value })}
        />
        <FilterSelect
          label={nl.caseload.product}
          value={filters.product}
          options={PRODUCT_CODES.map((code: ProductCode) => ({
            value: code,
            label: nl.products[code],
          }))}
          onChange={(value) => update({ product: value })}
        />
        <OpdrachtgeverFilter
          value={filters.opdrachtgever}
          onChange={(value) => update({ opdrachtgever: value })}
        />
        <FilterSelect
          label={nl.caseload.state}
          value={filters.state}
          options={[
            ...STATES.map((state) => ({ value: state, label: nl.states[state] })),
            { value: 'none', label: nl.noTrajectory },
          ]}
          onChange={(value) => update({ status: value })}
        />
        <FilterSelect
          label={nl.caseload.sort}
          value={filters.sort}
          anyLabel={null}
          options={[
            { value: 'deadline', label: nl.caseload.sortDeadline },
            { value: 'client', label: nl.caseload.sortClient },
          ]}
          onChange={(value) => update({ sorteer: value === 'client' ? 'client' : '' })}
        />
      </fieldset>
      {loaded.status === 'loading' && <p role="status">{nl.loading}</p>}
      {loaded.status === 'failed' && <Notice kind="error">{nl.genericError}</Notice>}
      {loaded.status === 'ready' && (
        <>
          <p role="status">{nl.caseload.total(loaded.data.total)}</p>
          {loaded.data.items.length === 0 ? (
            <p>{nl.caseload.empty}</p>
          ) : (
            <div className="table-scroll">
              <table>
                <caption className="visually-hidden">{nl.caseload.caption}</caption>
                <thead>
                  <tr>
                    <th scope="col">{nl.caseload.columns.client}</th>
                    <th scope="col">{nl.caseload.columns.trede}</th>
                    <th scope="col">{nl.caseload.columns.product}</th>
                    <th scope="col">{nl.caseload.columns.state}</th>
                    <th scope="col">{nl.caseload.columns.deadline}</th>
                    <th scope="col">{nl.caseload.columns.signals}</th>
                  </tr>
                </thead>
                <tbody>
                  {loaded.data.items.map((item) => (
                    <tr key={item.id}>
                      <td>
                        <Link to={`/zaken/${item.id}`}>{item.displayName}</Link>
                        <br />
                        <span className="muted">{item.clientNumber}</span>
                      </td>
                      <td>{item.currentTrede}</td>
                      <td>
                        {item.openTrajectory ? productLabel(item.openTrajectory.product) : '—'}
                      </td>
                      <td>
                        {item.openTrajectory
                          ? nl.states[item.openTrajectory.state as TrajectoryStateKey]
                          : nl.noTrajectory}
                      </td>
                      <td>
                        <DeadlineCell item={item} />
                      </td>
                      <td>
                        <SignalBadges signals={item.openTrajectory?.signals ?? []} />
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
          <Pager
            page={filters.page}
            pages={pages}
            onPage={(page) => update({ pagina: String(page) })}
          />
        </>
      )}
    </>
  );
}
