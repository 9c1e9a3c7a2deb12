import { useSearchParams } from 'react-router';
import { FORECAST_KINDS } from '../../../../machines';
import { Field } from '../../components/Field';
import { Notice } from '../../components/Notice';
import { StackedBarChart } from '../../components/StackedBarChart';
import { api, queryString } from '../../lib/api';
import type { Caseload, Forecast } from '../../lib/api-types';
import { formatLocalDate } from '../../lib/dates';
import { SessionContext } from '../../lib/session';
import { useApiGet } from '../../lib/use-api';
import { nl } from '../../i18n/nl';
import { ForecastTable } from './ForecastTable';

const t = nl.forecast;
const SERIES = [
  { key: 'stepDeadline', label: t.kinds.stepDeadline, colour: '#154273' },
  { key: 'review', label: t.kinds.review, colour: '#6c8fbf' },
  { key: 'herontdekkenEnd', label: t.kinds.herontdekkenEnd, colour: '#b35c00' },
];

export default function ForecastPage() {
  const teams = SessionContext.useSelector((snapshot) => snapshot.context.teams);
  const [params, setParams] = useSearchParams();
  const team = params.get('team') ?? '';
  const begeleider = params.get('begeleider') ?? '';
  const weeks = [4, 8, 12, 26].includes(Number(params.get('weken'))) ? params.get('weken')! : '12';
  const query = queryString({ team, begeleider, weeks });
  const forecast = useApiGet(query, (signal) => api<Forecast>(`/forecast${query}`, { signal }));
  const people = useApiGet(`caseloads${team}`, (signal) =>
    api<{ items: Caseload[] }>(`/caseloads${queryString({ team })}`, { signal }),
  );

  function update(key: string, value: string) {
    const next = new URLSearchParams(params);
    if (value) next.set(key, value);
    else next.delete(key);
    setParams(next);
  }

  const busiest =
    forecast.status === 'ready'
      ? forecast.data.weeks.reduce(
          (best, week) => (week.total > (best?.total ?? 0) ? week : best),
          undefined as Forecast['weeks'][number] | undefined,
        )
      : undefined;
  return (
    <>
      <h1>{t.title}</h1>
      <p>{t.intro}</p>
      <fieldset className="filters">
        <legend className="visually-hidden">{nl.caseload.filters}</legend>
        {teams.length > 1 && (
          <Field label={nl.teamOverview.team}>
            {(control) => (
              <select
                {...control}
                value={team}
                onChange={(event) => update('team', event.target.value)}
              >
                <option value="">{nl.teamOverview.allTeams}</option>
                {teams.map((option) => (
                  <option key={option.id} value={option.id}>
                    {option.name}
                  </option>
                ))}
              </select>
            )}
          </Field>
        )}
        <Field label={nl.teamOverview.begeleider}>
          {(control) => (
            <select
              {...control}
              value={begeleider}
              onChange={(event) => update('begeleider', event.target.value)}
            >
              <option value="">{nl.caseload.any}</option>
              {people.status === 'ready' &&
                [...new Map(people.data.items.map((row) => [row.begeleiderId, row])).values()].map(
                  (row) => (
                    <option key={row.begeleiderId} value={row.begeleiderId}>
                      {row.displayName}
                    </option>
                  ),
                )}
            </select>
          )}
        </Field>
        <Field label={t.weeks}>
          {(control) => (
            <select
              {...control}
              value={weeks}
              onChange={(event) => update('weken', event.target.value)}
            >
              {['4', '8', '12', '26'].map((value) => (
                <option key={value} value={value}>
                  {value}
                </option>
              ))}
            </select>
          )}
        </Field>
      </fieldset>
      {forecast.status === 'loading' && <p role="status">{nl.loading}</p>}
      {forecast.status === 'failed' && <Notice kind="error">{nl.genericError}</Notice>}
      {forecast.status === 'ready' && (
        <>
          <p>
            {t.from}: {formatLocalDate(forecast.data.from)}.{' '}
            {busiest && busiest.total > 0 && (
              <strong>{t.crunch(t.weekLabel(busiest.week), busiest.total)}</strong>
            )}
          </p>
          {forecast.data.suspended > 0 && <p>{t.suspended(forecast.data.suspended)}</p>}
          <StackedBarChart
            title={t.chartTitle}
            summary={t.chartNote}
            series={SERIES}
            bars={forecast.data.weeks.map((week) => ({
              label: String(Number(week.week.slice(6))),
              segments: FORECAST_KINDS.map((kind) => ({ key: kind, value: week[kind] })),
            }))}
          />
          <ForecastTable caption={t.tableCaption} buckets={forecast.data} />
          <h2>{t.perBegeleider}</h2>
          {forecast.data.groups.map((group) => (
            <details key={`${group.teamId}/${group.begeleiderId}`}>
              <summary>
                {group.begeleiderName} · {group.teamName} · {t.total}:{' '}
                {group.weeks.reduce((sum, week) => sum + week.total, 0)}
                {group.overdue.total > 0 && ` · ${t.overdueNow}: ${group.overdue.total}`}
              </summary>
              <ForecastTable
                caption={`${group.begeleiderName} (${group.teamName})`}
                buckets={group}
              />
            </details>
          ))}
        </>
      )}
    </>
  );
}
