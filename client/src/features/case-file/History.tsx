import { useState } from 'react';
import type { HistoryEntryView, Trajectory, User } from '../../lib/api-types';
import { formatDate } from '../../lib/dates';
import { nl } from '../../i18n/nl';
import { entryDetails, who } from './case-file-text';

/** The open trajectory's events, newest first; the system's own entries folded away. */
export function History(props: { trajectory: Trajectory; user: User }) {
  const [showAll, setShowAll] = useState(false);
  const minor = (entry: HistoryEntryView) => entry.actorId === null;
  const entries = [...props.trajectory.history].reverse();
  const hidden = entries.filter(minor).length;
  const shown = showAll ? entries : entries.filter((entry) => !minor(entry));
  return (
    <section aria-labelledby="history">
      <h3 id="history">{nl.caseFile.history}</h3>
      <table>
        <thead>
          <tr>
            <th scope="col">{nl.caseFile.historyColumns.when}</th>
            <th scope="col">{nl.caseFile.historyColumns.what}</th>
            <th scope="col">{nl.caseFile.historyColumns.who}</th>
            <th scope="col">{nl.caseFile.historyColumns.details}</th>
          </tr>
        </thead>
        <tbody>
          {shown.map((entry, index) => (
            <tr key={`${entry.recordedAt}-${index}`}>
              <td>{formatDate(entry.occurredAt)}</td>
              <td>{nl.historyTypes[entry.type] ?? entry.type}</td>
              <td>{who(entry.actorId, entry.actorRole, props.user)}</td>
              <td>{entryDetails(entry)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {hidden > 0 && (
        <button
          type="button"
          className="button button--secondary"
          aria-expanded={showAll}
          onClick={() => setShowAll(!showAll)}
        >
          {showAll ? nl.caseFile.hideMinor : nl.caseFile.showAllHistory(hidden)}
        </button>
      )}
    </section>
  );
}
