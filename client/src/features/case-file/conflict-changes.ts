import type { TrajectoryStateKey } from '../../../../machines';
import type { CaseFile } from '../../lib/api-types';
import { formatDate } from '../../lib/dates';
import { nl } from '../../i18n/nl';

/** What someone else changed between the case file we showed and the one reloaded after a 409. */
export function describeChanges(before: CaseFile | null, after: CaseFile): string[] {
  if (!before) return [];
  const changes: string[] = [];
  const stateName = (key: string | undefined) =>
    key ? (nl.states[key as TrajectoryStateKey] ?? key) : nl.noTrajectory;
  const old = before.trajectories[0];
  const now = after.trajectories[0];
  if (old?.state !== now?.state || old?.id !== now?.id)
    changes.push(nl.caseFile.conflictStateChange(stateName(old?.state), stateName(now?.state)));
  if (before.currentTrede !== after.currentTrede)
    changes.push(nl.caseFile.conflictTredeChange(before.currentTrede, after.currentTrede));
  if (now && old?.id === now.id && now.history.length > old.history.length) {
    const added = now.history
      .slice(old.history.length)
      .map(
        (entry) => `${nl.historyTypes[entry.type] ?? entry.type} (${formatDate(entry.occurredAt)})`,
      );
    changes.push(nl.caseFile.conflictNewEntries(added.join(', ')));
  }
  return changes.length > 0 ? changes : [nl.caseFile.conflictNoVisible];
}
