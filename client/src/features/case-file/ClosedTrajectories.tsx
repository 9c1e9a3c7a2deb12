import type { Trajectory } from '../../lib/api-types';
import { formatDate } from '../../lib/dates';
import { nl } from '../../i18n/nl';
import { entryDetails, productName } from './case-file-text';

/** Closed trajectories with their outcome (CLOSE) or conclusion (Herontdekken's CONCLUDE). */
export function ClosedTrajectories(props: { trajectories: Trajectory[] }) {
  return (
    <section aria-labelledby="closed">
      <h2 id="closed">{nl.caseFile.closed}</h2>
      {props.trajectories.length === 0 ? (
        <p>{nl.caseFile.noClosed}</p>
      ) : (
        <ul>
          {props.trajectories.map((trajectory) => {
            const close = [...trajectory.history]
              .reverse()
              .find((entry) => entry.type === 'CLOSE' || entry.type === 'CONCLUDE');
            return (
              <li key={trajectory.id}>
                <strong>{productName(trajectory.product)}</strong> — {nl.caseFile.closedOn}{' '}
                {formatDate(trajectory.closedAt)}
                {close && ` · ${nl.caseFile.outcome}: ${entryDetails(close)}`}
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}
