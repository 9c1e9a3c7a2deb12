import { useState, type FormEvent } from 'react';
import { useSearchParams } from 'react-router';
import { TREDEN, tredeName } from '../../../../machines';
import { Field } from '../../components/Field';
import { FilterSelect, OpdrachtgeverFilter } from '../../components/FilterSelect';
import { Notice } from '../../components/Notice';
import { api, API_BASE, queryString } from '../../lib/api';
import { systemClock } from '../../lib/clock';
import { formatLocalDate, localIsoDate, parseDutchDate } from '../../lib/dates';
import { SessionContext, useUser } from '../../lib/session';
import { useApiGet } from '../../lib/use-api';
import { nl } from '../../i18n/nl';
import type { Indicators } from '../../lib/api-types';
import { indicatorTiles, type Pair } from './indicator-definitions';
import { withFilterChanges } from '../../lib/url-filters';
import { BillingSection } from './BillingSection';
import { BreakdownTable, type GroupBy } from './BreakdownTable';
import { TrendSection } from './TrendSection';

const t = nl.reports;

/** The breakdowns a role may ask for: per begeleider only for a teamleider (decision 030). */
function groupByOptions(role: string): GroupBy[] {
  return role === 'teamleider'
    ? ['team', 'opdrachtgever', 'begeleider']
    : ['team', 'opdrachtgever'];
}

/** The from→to matrix as a real table; the heat-map beside it shades the same cells. */
function MatrixTable(props: { matrix: Pair[] }) {
  const count = (from: number, to: number) =>
    props.matrix.find((cell) => cell.from === from && cell.to === to)?.count ?? 0;
  const max = Math.max(1, ...props.matrix.map((cell) => cell.count));
  return (
    <div className="matrix">
      <div className="table-scroll">
        <table>
          <caption>{t.matrixCaption}</caption>
          <thead>
            <tr>
              <th scope="col">{t.fromTo}</th>
              {TREDEN.map((to) => (
                <th key={to} scope="col">
                  {t.toTrede(to)}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {TREDEN.map((from) => (
              <tr key={from}>
                <th scope="row">{t.fromTrede(from, tredeName(from))}</th>
                {TREDEN.map((to) => (
                  <td key={to}>{from === to ? '—' : count(from, to)}</td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <svg
        className="heatmap"
        role="img"
        aria-label={t.heatmapLabel}
        viewBox="0 0 190 190"
        width="190"
        height="190"
      >
        {TREDEN.map((from, row) =>
          TREDEN.map((to, column) => {
            const value = from === to ? 0 : count(from, to);
            return (
              <g key={`${from}-${to}`}>
                <rect
                  x={22 + column * 28}
                  y={22 + row * 28}
                  width={26}
                  height={26}
                  fill={to > from ? '#1d4f6e' : '#a4161a'}
                  fillOpacity={from === to ? 0.05 : 0.1 + (0.9 * value) / max}
                />
                {value > 0 && (
                  <text
                    x={35 + column * 28}
                    y={39 + row * 28}
                    textAnchor="middle"
                    fontSize="10"
                    fill={value / max > 0.5 ? '#fff' : '#1b1f24'}
                  >
                    {value}
                  </text>
                )}
              </g>
            );
          }),
        )}
        {TREDEN.map((trede, index) => (
          <g key={trede}>
            <text x={35 + index * 28} y={14} textAnchor="middle" fontSize="10">
              {trede}
            </text>
            <text x={10} y={39 + index * 28} textAnchor="middle" fontSize="10">
              {trede}
            </text>
          </g>
        ))}
      </svg>
    </div>
  );
}

export default function ReportsPage() {
  const teams = SessionContext.useSelector((snapshot) => snapshot.context.teams);
  const [params, setParams] = useSearchParams();
  const today = localIsoDate(systemClock.now());
  const from = params.get('van') ?? `${today.slice(0, 4)}-01-01`;
  const to = params.get('tot') ?? today;
  const team = params.get('team') ?? '';
  const opdrachtgever = params.get('opdrachtgever') ?? '';
  const role = useUser().role;
  const groupByChoices = groupByOptions(role);
  // A URL from another role's page (beleid with uitsplitsing=begeleider) falls back to none.
  const groupBy = groupByChoices.find((choice) => choice === params.get('uitsplitsing')) ?? '';
  const [fromText, setFromText] = useState(formatLocalDate(from));
  const [toText, setToText] = useState(formatLocalDate(to));
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [open, setOpen] = useState<string | null>(null);
  const month = params.get('maand') ?? to.slice(0, 7);
  const query = queryString({ from, to, team, opdrachtgever, groupBy });
  const indicators = useApiGet(query, (signal) =>
    api<Indicators>(`/reports/indicators${query}`, { signal }),
  );

  function update(changes: Record<string, string>) {
    setParams(withFilterChanges(params, changes));
  }

  function applyPeriod(event: FormEvent) {
    event.preventDefault();
    const parsedFrom = parseDutchDate(fromText);
    const parsedTo = parseDutchDate(toText);
    const problems: Record<string, string> = {};
    if (!parsedFrom) problems.from = nl.teamOverview.dateInvalid;
    if (!parsedTo) problems.to = nl.teamOverview.dateInvalid;
    if (parsedFrom && parsedTo && parsedFrom > parsedTo) problems.to = t.toBeforeFrom;
    setErrors(problems);
    if (Object.keys(problems).length) return;
    update({ van: parsedFrom!, tot: parsedTo! });
  }

  const exportQuery = (format: string) => queryString({ from, to, team, format });
  return (
    <>
      <h1>{t.title}</h1>
      <form className="filters" onSubmit={applyPeriod} aria-label={t.periodForm}>
        <Field label={t.from} hint="dd-mm-jjjj" error={errors.from}>
          {(control) => (
            <input {...control} value={fromText} onChange={(e) => setFromText(e.target.value)} />
          )}
        </Field>
        <Field label={t.to} hint="dd-mm-jjjj" error={errors.to}>
          {(control) => (
            <input {...control} value={toText} onChange={(e) => setToText(e.target.value)} />
          )}
        </Field>
        <button type="submit" className="button">
          {t.apply}
        </button>
      </form>
      <fieldset className="filters">
        <legend className="visually-hidden">{nl.caseload.filters}</legend>
        <FilterSelect
          label={nl.teamOverview.team}
          value={team}
          anyLabel={t.allTeams}
          options={teams.map((option) => ({ value: option.id, label: option.name }))}
          onChange={(value) => update({ team: value })}
        />
        <OpdrachtgeverFilter
          always
          label={t.opdrachtgever}
          anyLabel={t.allOpdrachtgevers}
          value={opdrachtgever}
          onChange={(value) => update({ opdrachtgever: value })}
        />
        <FilterSelect
          label={t.breakdown.label}
          value={groupBy}
          anyLabel={t.breakdown.none}
          options={groupByChoices.map((choice) => ({
            value: choice,
            label: t.breakdown.options[choice],
          }))}
          onChange={(value) => update({ uitsplitsing: value })}
        />
      </fieldset>
      {indicators.status === 'loading' && <p role="status">{nl.loading}</p>}
      {indicators.status === 'failed' && <Notice kind="error">{nl.genericError}</Notice>}
      {indicators.status === 'ready' && (
        <>
          <p>
            {t.periodText(
              formatLocalDate(indicators.data.period.from),
              formatLocalDate(indicators.data.period.to),
            )}
          </p>
          <h2>{t.indicatorsTitle}</h2>
          <ul className="tiles">
            {indicatorTiles(indicators.data).map((tile) => (
              <li key={tile.key} className="tile" data-indicator={tile.key}>
                <span className="tile__number">{tile.value}</span>
                <span className="tile__label">{tile.label}</span>
                <button
                  type="button"
                  className="link-button"
                  aria-expanded={open === tile.key}
                  aria-controls={`def-${tile.key}`}
                  onClick={() => setOpen(open === tile.key ? null : tile.key)}
                >
                  {t.definition}
                  <span className="visually-hidden">: {tile.label}</span>
                </button>
                {open === tile.key && (
                  <p id={`def-${tile.key}`} className="muted">
                    {tile.definition}
                  </p>
                )}
              </li>
            ))}
          </ul>
          {groupBy && <BreakdownTable data={indicators.data} groupBy={groupBy} />}
          <TrendSection query={queryString({ from, to, team, opdrachtgever })} />
          <h2>{t.matrixTitle}</h2>
          <MatrixTable matrix={indicators.data.ladder.matrix} />
          <h2>{t.closedTitle}</h2>
          <div className="table-scroll">
            <table>
              <caption className="visually-hidden">{t.closedTitle}</caption>
              <thead>
                <tr>
                  <th scope="col">{t.outcome}</th>
                  <th scope="col">{t.count}</th>
                </tr>
              </thead>
              <tbody>
                {Object.entries(indicators.data.trajectories.closedByOutcome).map(([key, n]) => (
                  <tr key={key}>
                    <th scope="row">
                      {(nl.outcomes as Record<string, string>)[key] ?? t.concluded}
                    </th>
                    <td>{n}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      )}
      <h2>{t.downloadsTitle}</h2>
      <p>{t.transitionsText}</p>
      <ul className="button-row">
        {(['csv', 'xlsx', 'ndjson'] as const).map((format) => (
          <li key={format}>
            <a
              className="button button--secondary"
              href={`${API_BASE}/reports/transitions${exportQuery(format)}`}
              download
            >
              {t.transitions(format.toUpperCase())}
            </a>
          </li>
        ))}
      </ul>
      <BillingSection
        key={month}
        month={month}
        team={team}
        opdrachtgever={opdrachtgever}
        onMonth={(value) => update({ maand: value })}
      />
    </>
  );
}
