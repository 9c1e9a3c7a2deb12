import { useState, type FormEvent } from 'react';
import { Link, useSearchParams } from 'react-router';
import {
  SIGNAL_CODES,
  startOfLocalDay,
  type ProductCode,
  type SignalCode,
  type TrajectoryStateKey,
} from '../../../../machines';
import { Field } from '../../components/Field';
import { FilterSelect, OpdrachtgeverFilter, SIGNAL_OPTIONS } from '../../components/FilterSelect';
import { Notice } from '../../components/Notice';
import { SignalBadges } from '../../components/SignalBadges';
import { api, queryString } from '../../lib/api';
import type { Caseload, SignalItem, SignalsView } from '../../lib/api-types';
import { systemClock } from '../../lib/clock';
import { downloadText, toDutchCsv } from '../../lib/csv';
import {
  deadlineFacts,
  formatDate,
  formatLocalDate,
  localIsoDate,
  parseDutchDate,
} from '../../lib/dates';
import { SessionContext, useUser } from '../../lib/session';
import { useApiGet } from '../../lib/use-api';
import { nl } from '../../i18n/nl';
import { groupByBegeleider, groupBySignal, isOverdue, type Group } from './overview-rules';
import { runPerItem, sendOnLatestVersion, type ItemResult } from './trajectory-actions';
import { withFilterChanges } from '../../lib/url-filters';

const t = nl.teamOverview;

/** The filters live in the URL (bookmarkable); these are their Dutch names there. */
function filtersOf(params: URLSearchParams) {
  const peildatum = params.get('peildatum') ?? '';
  return {
    asOf: /^\d{4}-\d{2}-\d{2}$/.test(peildatum) ? peildatum : '',
    team: params.get('team') ?? '',
    begeleider: params.get('begeleider') ?? '',
    opdrachtgever: params.get('opdrachtgever') ?? '',
    signal: params.get('signaal') ?? '',
    groupBy: params.get('groeperen') === 'begeleider' ? 'begeleider' : 'signaal',
  };
}

function DeadlineText({ item, asOf }: { item: SignalItem; asOf: Date }) {
  if (!item.deadlineAt) return <span className="muted">{nl.deadline.none}</span>;
  const { daysLeft, lastDay } = deadlineFacts(item.deadlineAt, asOf);
  return (
    <>
      {isOverdue(item, asOf) ? (
        <span className="overdue">
          <span aria-hidden="true">⚠ </span>
          {nl.deadline.overdue(Math.max(0, -daysLeft))}
        </span>
      ) : (
        <span>{nl.deadline.daysLeft(daysLeft)}</span>
      )}
      <br />
      <span className="muted">{formatLocalDate(lastDay)}</span>
    </>
  );
}

export default function TeamOverviewPage() {
  const user = useUser();
  const teams = SessionContext.useSelector((snapshot) => snapshot.context.teams);
  const [params, setParams] = useSearchParams();
  const filters = filtersOf(params);
  const now = systemClock.now();
  const today = localIsoDate(now);
  // Today is "now" (the stored state); another day is 00:00 Amsterdam of that day (SPEC §2.4).
  const asOf =
    filters.asOf && filters.asOf !== today ? new Date(startOfLocalDay(filters.asOf)) : now;
  const [reload, setReload] = useState(0);
  const signalsQuery = queryString({
    asOf: filters.asOf && filters.asOf !== today ? filters.asOf : undefined,
    team: filters.team,
    begeleider: filters.begeleider,
    opdrachtgever: filters.opdrachtgever,
  });
  const signals = useApiGet(`${signalsQuery}#${reload}`, (signal) =>
    api<SignalsView>(`/signals${signalsQuery}`, { signal }),
  );
  const caseloadQuery = queryString({ team: filters.team, opdrachtgever: filters.opdrachtgever });
  const caseloads = useApiGet(`${caseloadQuery}#${reload}`, (signal) =>
    api<{ items: Caseload[] }>(`/caseloads${caseloadQuery}`, { signal }),
  );
  const [dateText, setDateText] = useState(filters.asOf ? formatLocalDate(filters.asOf) : '');
  const [dateError, setDateError] = useState<string>();
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());
  const [target, setTarget] = useState('');
  const [extending, setExtending] = useState<string | null>(null);
  const [results, setResults] = useState<ItemResult[] | null>(null);
  const [busy, setBusy] = useState(false);
  const canAct = user.role === 'teamleider';
  /** EXTEND: an Ontwikkeltraject step past its limit (the server derives `overdue` first), today. */
  const canExtend = (item: SignalItem) =>
    asOf === now && item.product === 'ONT' && isOverdue(item, now);

  function update(changes: Record<string, string>) {
    setParams(withFilterChanges(params, changes));
    setSelected(new Set());
  }

  function applyDate(event: FormEvent) {
    event.preventDefault();
    if (dateText.trim() === '') {
      setDateError(undefined);
      update({ peildatum: '' });
      return;
    }
    const parsed = parseDutchDate(dateText);
    if (!parsed) {
      setDateError(t.dateInvalid);
      return;
    }
    setDateError(undefined);
    update({ peildatum: parsed === today ? '' : parsed });
  }

  const people = caseloads.status === 'ready' ? caseloads.data.items : [];
  const nameOf = (id: string) => people.find((row) => row.begeleiderId === id)?.displayName ?? id;
  const items =
    signals.status === 'ready'
      ? signals.data.items.filter(
          (item) => !filters.signal || item.signals.includes(filters.signal as SignalCode),
        )
      : [];
  const groups: Group[] =
    filters.groupBy === 'begeleider'
      ? groupByBegeleider(items, asOf, nameOf)
      : groupBySignal(items, asOf).filter(
          (group) => !filters.signal || group.key === filters.signal,
        );
  const groupTitle = (group: Group) =>
    filters.groupBy === 'begeleider' ? nameOf(group.key) : nl.signals[group.key as SignalCode];
  const selectedItems = [
    ...new Map(
      items
        .filter((item) => selected.has(item.trajectoryId))
        .map((item) => [item.trajectoryId, item]),
    ).values(),
  ];
  const targets = [...new Map(people.map((row) => [row.begeleiderId, row])).values()];

  async function act(run: () => Promise<ItemResult[]>) {
    setBusy(true);
    setResults(null);
    const outcome = await run();
    setResults(outcome);
    setBusy(false);
    setSelected(new Set());
    setExtending(null);
    setReload((value) => value + 1);
  }

  function reassignSelected(event: FormEvent) {
    event.preventDefault();
    if (!target || selectedItems.length === 0) return;
    void act(() =>
      runPerItem(selectedItems, (trajectoryId) =>
        sendOnLatestVersion(trajectoryId, {
          type: 'REASSIGN',
          begeleiderId: target,
          occurredAt: systemClock.now().toISOString(),
        }),
      ),
    );
  }

  function downloadCsv() {
    const header = t.csvColumns;
    const rows = groups.flatMap((group) =>
      group.items.map((item) => [
        groupTitle(group),
        item.clientNumber,
        item.displayName,
        nameOf(item.begeleiderId),
        nl.products[item.product as ProductCode] ?? item.product,
        nl.states[item.state as TrajectoryStateKey] ?? item.state,
        item.deadlineAt ? formatLocalDate(deadlineFacts(item.deadlineAt, asOf).lastDay) : '',
        isOverdue(item, asOf) ? t.yes : t.no,
        item.signals.map((code) => nl.signals[code]).join(', '),
      ]),
    );
    downloadText(`teamoverzicht-${localIsoDate(asOf)}.csv`, toDutchCsv([header, ...rows]));
  }

  return (
    <>
      <h1>{t.title}</h1>
      <form className="search" onSubmit={applyDate} aria-label={t.peildatumForm}>
        <Field label={t.peildatum} hint={t.peildatumHint} error={dateError}>
          {(control) => (
            <input
              {...control}
              name="peildatum"
              inputMode="numeric"
              value={dateText}
              placeholder="dd-mm-jjjj"
              onChange={(event) => setDateText(event.target.value)}
            />
          )}
        </Field>
        <button type="submit" className="button">
          {t.apply}
        </button>
        <button
          type="button"
          className="button button--secondary"
          onClick={() => {
            setDateText('');
            update({ peildatum: '' });
          }}
        >
          {t.today}
        </button>
      </form>
      <p>
        {asOf === now
          ? t.asOfToday
          : asOf < now
            ? t.asOfPast(formatLocalDate(filters.asOf))
            : t.asOfFuture(formatLocalDate(filters.asOf))}
      </p>
      <fieldset className="filters">
        <legend className="visually-hidden">{nl.caseload.filters}</legend>
        {teams.length > 1 && (
          <FilterSelect
            label={t.team}
            value={filters.team}
            anyLabel={t.allTeams}
            options={teams.map((team) => ({ value: team.id, label: team.name }))}
            onChange={(value) => update({ team: value, begeleider: '' })}
          />
        )}
        <FilterSelect
          label={t.begeleider}
          value={filters.begeleider}
          options={targets.map((row) => ({ value: row.begeleiderId, label: row.displayName }))}
          onChange={(value) => update({ begeleider: value })}
        />
        <OpdrachtgeverFilter
          value={filters.opdrachtgever}
          onChange={(value) => update({ opdrachtgever: value })}
        />
        <FilterSelect
          label={nl.caseload.signal}
          value={filters.signal}
          options={SIGNAL_OPTIONS}
          onChange={(value) => update({ signaal: value })}
        />
        <FilterSelect
          label={t.groupBy}
          value={filters.groupBy}
          anyLabel={null}
          options={[
            { value: 'signaal', label: t.groupBySignal },
            { value: 'begeleider', label: t.groupByBegeleider },
          ]}
          onChange={(value) => update({ groeperen: value === 'begeleider' ? 'begeleider' : '' })}
        />
      </fieldset>

      {(signals.status === 'loading' || caseloads.status === 'loading') && (
        <p role="status">{nl.loading}</p>
      )}
      {(signals.status === 'failed' || caseloads.status === 'failed') && (
        <Notice kind="error">{nl.genericError}</Notice>
      )}

      {signals.status === 'ready' && (
        <section aria-labelledby="per-signaal">
          <h2 id="per-signaal">{t.countsTitle}</h2>
          <ul className="tiles">
            {SIGNAL_CODES.map((code) => (
              <li key={code} className="tile">
                <span className="tile__number">{signals.data.counts[code] ?? 0}</span>
                <span className="tile__label">{nl.signals[code]}</span>
              </li>
            ))}
          </ul>
        </section>
      )}

      {caseloads.status === 'ready' && (
        <section aria-labelledby="caseload">
          <h2 id="caseload">{t.caseloadTitle}</h2>
          <p className="muted">{t.caseloadNote}</p>
          <div className="table-scroll">
            <table>
              <thead>
                <tr>
                  <th scope="col">{t.begeleider}</th>
                  {teams.length > 1 && <th scope="col">{t.team}</th>}
                  <th scope="col">{t.open}</th>
                  <th scope="col">{t.overdue}</th>
                  <th scope="col">{t.waiting}</th>
                </tr>
              </thead>
              <tbody>
                {caseloads.data.items.map((row) => (
                  <tr key={`${row.teamId}/${row.begeleiderId}`}>
                    <th scope="row">{row.displayName}</th>
                    {teams.length > 1 && (
                      <td>{teams.find((team) => team.id === row.teamId)?.name}</td>
                    )}
                    <td>{row.open}</td>
                    <td>{row.overdue}</td>
                    <td>{row.waiting}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </section>
      )}

      {signals.status === 'ready' && (
        <section aria-labelledby="vastgelopen">
          <h2 id="vastgelopen">{t.stalledTitle(items.length)}</h2>
          <div className="button-row">
            <button type="button" className="button button--secondary" onClick={downloadCsv}>
              {t.downloadCsv}
            </button>
          </div>
          {canAct && (
            <form className="search" onSubmit={reassignSelected} aria-label={t.bulkForm}>
              <Field label={t.reassignTo}>
                {(control) => (
                  <select
                    {...control}
                    value={target}
                    onChange={(event) => setTarget(event.target.value)}
                  >
                    <option value="">{t.chooseBegeleider}</option>
                    {targets.map((row) => (
                      <option key={row.begeleiderId} value={row.begeleiderId}>
                        {row.displayName}
                      </option>
                    ))}
                  </select>
                )}
              </Field>
              <button
                type="submit"
                className="button"
                disabled={busy || !target || selectedItems.length === 0}
              >
                {t.reassignSelected(selectedItems.length)}
              </button>
            </form>
          )}
          {busy && <p role="status">{nl.saving}</p>}
          {results && (
            <div role="status" className="results">
              <p className="notice__title">{t.results.title}</p>
              <ul>
                {results.map((result) => (
                  <li key={result.trajectoryId} className={result.ok ? '' : 'overdue'}>
                    <span aria-hidden="true">{result.ok ? '✓ ' : '⚠ '}</span>
                    {result.displayName}: {result.message}
                  </li>
                ))}
              </ul>
            </div>
          )}
          {groups.length === 0 && <p>{t.empty}</p>}
          {groups.map((group) => (
            <section key={group.key} aria-labelledby={`groep-${group.key}`}>
              <h3 id={`groep-${group.key}`}>
                {groupTitle(group)} ({group.items.length})
              </h3>
              <div className="table-scroll">
                <table>
                  <thead>
                    <tr>
                      {canAct && (
                        <th scope="col">
                          <span className="visually-hidden">{t.select}</span>
                        </th>
                      )}
                      <th scope="col">{nl.caseload.columns.client}</th>
                      <th scope="col">{t.begeleider}</th>
                      <th scope="col">{nl.caseload.columns.product}</th>
                      <th scope="col">{nl.caseload.columns.state}</th>
                      <th scope="col">{nl.caseload.columns.deadline}</th>
                      <th scope="col">{nl.caseload.columns.signals}</th>
                      {canAct && <th scope="col">{t.actions}</th>}
                    </tr>
                  </thead>
                  <tbody>
                    {group.items.map((item) => (
                      <tr key={item.trajectoryId}>
                        {canAct && (
                          <td>
                            <label className="checkbox">
                              <input
                                type="checkbox"
                                checked={selected.has(item.trajectoryId)}
                                onChange={(event) => {
                                  const next = new Set(selected);
                                  if (event.target.checked) next.add(item.trajectoryId);
                                  else next.delete(item.trajectoryId);
                                  setSelected(next);
                                }}
                              />
                              <span className="visually-hidden">
                                {t.selectCase(item.displayName)}
                              </span>
                            </label>
                          </td>
                        )}
                        <td>
                          <Link to={`/zaken/${item.caseId}`}>{item.displayName}</Link>
                          <br />
                          <span className="muted">{item.clientNumber}</span>
                        </td>
                        <td>{nameOf(item.begeleiderId)}</td>
                        <td>{nl.products[item.product as ProductCode] ?? item.product}</td>
                        <td>
                          {nl.states[item.state as TrajectoryStateKey] ?? item.state}
                          <br />
                          <span className="muted">{t.since(formatDate(item.stateEnteredAt))}</span>
                        </td>
                        <td>
                          <DeadlineText item={item} asOf={asOf} />
                        </td>
                        <td>
                          <SignalBadges signals={item.signals} />
                        </td>
                        {canAct && (
                          <td>
                            {canExtend(item) &&
                              (extending === `${group.key}/${item.trajectoryId}` ? (
                                <ExtendForm
                                  name={item.displayName}
                                  busy={busy}
                                  onCancel={() => setExtending(null)}
                                  onSubmit={(months, reason) =>
                                    void act(() =>
                                      runPerItem([item], (trajectoryId) =>
                                        sendOnLatestVersion(trajectoryId, {
                                          type: 'EXTEND',
                                          months,
                                          reason,
                                          occurredAt: systemClock.now().toISOString(),
                                        }),
                                      ),
                                    )
                                  }
                                />
                              ) : (
                                <button
                                  type="button"
                                  className="button button--secondary"
                                  aria-label={t.extendFor(item.displayName)}
                                  onClick={() => setExtending(`${group.key}/${item.trajectoryId}`)}
                                >
                                  {t.extend}
                                </button>
                              ))}
                          </td>
                        )}
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            </section>
          ))}
        </section>
      )}
    </>
  );
}

function ExtendForm(props: {
  name: string;
  busy: boolean;
  onCancel(): void;
  onSubmit(months: 1 | 2 | 3, reason: string): void;
}) {
  const [months, setMonths] = useState<1 | 2 | 3>(1);
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string>();
  return (
    <form
      className="action-form"
      aria-label={t.extendFor(props.name)}
      onSubmit={(event) => {
        event.preventDefault();
        if (!reason.trim()) {
          setError(t.reasonRequired);
          return;
        }
        props.onSubmit(months, reason.trim());
      }}
    >
      <Field label={t.months}>
        {(control) => (
          <select
            {...control}
            value={months}
            onChange={(event) => setMonths(Number(event.target.value) as 1 | 2 | 3)}
          >
            {([1, 2, 3] as const).map((value) => (
              <option key={value} value={value}>
                {nl.deadline.extensionMonths(value)}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field label={t.reason} error={error}>
        {(control) => (
          <input {...control} value={reason} onChange={(event) => setReason(event.target.value)} />
        )}
      </Field>
      <div className="button-row">
        <button type="submit" className="button" disabled={props.busy}>
          {t.extendSubmit}
        </button>
        <button type="button" className="button button--secondary" onClick={props.onCancel}>
          {t.cancel}
        </button>
      </div>
    </form>
  );
}
