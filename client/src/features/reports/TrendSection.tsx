import { Notice } from '../../components/Notice';
import { StackedBarChart } from '../../components/StackedBarChart';
import { api } from '../../lib/api';
import type { MonthlyIndicators } from '../../lib/api-types';
import { useApiGet } from '../../lib/use-api';
import { nl } from '../../i18n/nl';
import { formatShare } from './indicator-definitions';

const t = nl.reports.trend;
const SERIES = [
  { key: 'stepsUp', label: t.columns.stepsUp, colour: '#1d4f6e' },
  { key: 'stepsDown', label: t.columns.stepsDown, colour: '#a4161a' },
];
/** The counted columns of the table, in the order of the tiles above it. */
const COLUMNS = [
  'stepsUp',
  'stepsDown',
  'clientsWithStep',
  'started',
  'closed',
  'achievedWithinLimit',
  'achievedAfterLimit',
  'becameOverdue',
  'droppedOut',
  'toPaidWork',
  'caseload',
] as const satisfies ReadonlyArray<keyof MonthlyIndicators['months'][number]>;

const monthName = new Intl.DateTimeFormat('nl-NL', { month: 'short', year: '2-digit' });
const labelOf = (month: string) => monthName.format(new Date(`${month}-15T12:00:00Z`));

/** Trend per month (GET /reports/indicators/monthly): a bar chart over the real table of numbers. */
export function TrendSection(props: { query: string }) {
  const trend = useApiGet(props.query, (signal) =>
    api<MonthlyIndicators>(`/reports/indicators/monthly${props.query}`, { signal }),
  );
  return (
    <section aria-labelledby="trend">
      <h2 id="trend">{t.title}</h2>
      {trend.status === 'loading' && <p role="status">{nl.loading}</p>}
      {trend.status === 'failed' && <Notice kind="error">{t.failed}</Notice>}
      {trend.status === 'ready' && (
        <div className="trend">
          <StackedBarChart
            title={t.chartTitle}
            summary={t.chartNote}
            series={SERIES}
            bars={trend.data.months.map((row) => ({
              label: labelOf(row.month),
              segments: SERIES.map((series) => ({
                key: series.key,
                value: row[series.key as 'stepsUp' | 'stepsDown'],
              })),
            }))}
          />
          <div className="table-scroll">
            <table>
              <caption>{t.caption}</caption>
              <thead>
                <tr>
                  <th scope="col">{t.month}</th>
                  {COLUMNS.map((column) => (
                    <th key={column} scope="col">
                      {t.columns[column]}
                    </th>
                  ))}
                  <th scope="col">{t.activation}</th>
                </tr>
              </thead>
              <tbody>
                {trend.data.months.map((row) => (
                  <tr key={row.month} data-month={row.month}>
                    <th scope="row">{labelOf(row.month)}</th>
                    {COLUMNS.map((column) => (
                      <td key={column} data-column={column}>
                        {row[column]}
                      </td>
                    ))}
                    <td>{formatShare(row.activationShare)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </div>
      )}
    </section>
  );
}
