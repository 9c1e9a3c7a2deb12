import { FORECAST_KINDS } from '../../../../machines';
import type { Forecast } from '../../lib/api-types';
import { formatLocalDate } from '../../lib/dates';
import { nl } from '../../i18n/nl';

const t = nl.forecast;

/** The forecast as a real table: a row per week, a column per kind, then overdue and later. */
export function ForecastTable(props: {
  caption: string;
  buckets: Pick<Forecast, 'weeks' | 'overdue' | 'later'>;
}) {
  const { weeks, overdue, later } = props.buckets;
  return (
    <div className="table-scroll">
      <table>
        <caption>{props.caption}</caption>
        <thead>
          <tr>
            <th scope="col">{t.week}</th>
            <th scope="col">{t.period}</th>
            {FORECAST_KINDS.map((kind) => (
              <th key={kind} scope="col">
                {t.kinds[kind]}
              </th>
            ))}
            <th scope="col">{t.total}</th>
          </tr>
        </thead>
        <tbody>
          <tr>
            <th scope="row">{t.overdueNow}</th>
            <td />
            {FORECAST_KINDS.map((kind) => (
              <td key={kind}>{overdue[kind]}</td>
            ))}
            <td>{overdue.total}</td>
          </tr>
          {weeks.map((week) => (
            <tr key={week.week}>
              <th scope="row">{t.weekLabel(week.week)}</th>
              <td>
                {formatLocalDate(week.start)} – {formatLocalDate(week.end)}
              </td>
              {FORECAST_KINDS.map((kind) => (
                <td key={kind}>{week[kind]}</td>
              ))}
              <td>
                <strong>{week.total}</strong>
              </td>
            </tr>
          ))}
          <tr>
            <th scope="row">{t.later}</th>
            <td />
            {FORECAST_KINDS.map((kind) => (
              <td key={kind}>{later[kind]}</td>
            ))}
            <td>{later.total}</td>
          </tr>
        </tbody>
      </table>
    </div>
  );
}
