import type { Indicators } from '../../lib/api-types';
import { nl } from '../../i18n/nl';
import { formatShare } from './indicator-definitions';

const t = nl.reports.breakdown;

export type GroupBy = NonNullable<Indicators['groupBy']>;
type Figures = Omit<Indicators, 'period' | 'asOf' | 'team' | 'opdrachtgever'>;

/** The main figures of one row, in the order of the tiles above (docs/reporting.md). */
function mainFigures(figures: Figures): string[] {
  const closed = Object.values(figures.trajectories.closedByOutcome).reduce((a, b) => a + b, 0);
  return [
    String(figures.steps.transitions),
    String(figures.steps.clients),
    formatShare(figures.activation.share),
    String(figures.trajectories.started),
    String(closed),
    String(figures.trajectories.droppedOut),
    String(figures.outflow.toPaidWork),
  ];
}

/**
 * The breakdown (`groupBy`): one row per group as the API returns them, the organisation's (or the
 * filtered) total last, so a reader can check the counts add up (shares do not: docs/api.md).
 */
export function BreakdownTable(props: { data: Indicators; groupBy: GroupBy }) {
  const groups = props.data.groups ?? [];
  return (
    <section aria-labelledby="uitsplitsing">
      <h2 id="uitsplitsing">{t.title}</h2>
      {groups.length === 0 ? (
        <p>{t.empty}</p>
      ) : (
        <div className="table-scroll">
          <table data-testid="breakdown-table">
            <caption>{t.caption(t.options[props.groupBy])}</caption>
            <thead>
              <tr>
                <th scope="col">{t.groupColumn[props.groupBy]}</th>
                {t.columns.map((column) => (
                  <th key={column} scope="col">
                    {column}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {groups.map((group) => (
                <tr key={group.id} data-group={group.id}>
                  <th scope="row">{group.name ?? t.unnamed}</th>
                  {mainFigures(group).map((value, index) => (
                    <td key={t.columns[index]}>{value}</td>
                  ))}
                </tr>
              ))}
            </tbody>
            <tfoot>
              <tr data-group="total">
                <th scope="row">{t.total}</th>
                {mainFigures(props.data).map((value, index) => (
                  <td key={t.columns[index]}>{value}</td>
                ))}
              </tr>
            </tfoot>
          </table>
        </div>
      )}
      <p className="muted">{t.note}</p>
    </section>
  );
}
