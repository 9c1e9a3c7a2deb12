import type { CaseFile, User } from '../../lib/api-types';
import { formatDate } from '../../lib/dates';
import { nl } from '../../i18n/nl';
import { productName } from './case-file-text';

/** Every change on the ladder: date, from → to, why, in which trajectory, by whom. */
export function LadderTimeline(props: { caseFile: CaseFile; user: User }) {
  const reasons = {
    intake: nl.ladder.intake,
    assessment: nl.ladder.assessment,
    conclusion: nl.ladder.conclusion,
  };
  return (
    <section aria-labelledby="ladder-timeline">
      <h2 id="ladder-timeline">{nl.ladder.timeline}</h2>
      <table>
        <thead>
          <tr>
            <th scope="col">{nl.ladder.columns.date}</th>
            <th scope="col">{nl.ladder.columns.change}</th>
            <th scope="col">{nl.ladder.columns.reason}</th>
            <th scope="col">{nl.ladder.columns.trajectory}</th>
            <th scope="col">{nl.ladder.columns.by}</th>
          </tr>
        </thead>
        <tbody>
          {[...props.caseFile.ladder].reverse().map((entry) => (
            <tr key={entry.seq}>
              <td>{formatDate(entry.at)}</td>
              <td>{entry.from === null ? `→ ${entry.to}` : `${entry.from} → ${entry.to}`}</td>
              <td>{reasons[entry.reason]}</td>
              <td>{productName(entry.product)}</td>
              <td>
                {entry.begeleiderId === props.user.id ? nl.caseFile.byYou : nl.roles.begeleider}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
