import {
  computeSignals,
  replayTrajectory,
  type OrganisationSettings,
  type SignalCode,
  type TrajectorySummary,
  type TrajectoryTerms,
} from '../../machines';
import type { CaseRecord, CaseWithHistories, TrajectoryRecord } from '../case-store/case.types';
import { presentHistoryEntry } from '../case-store/trajectory-record';

/**
 * SPEC §2.4: a past peildatum answers what was true then. Each trajectory that may have been open
 * on `asOf` is replayed by the engine from its stored history (decision 007); the one open then
 * (if any) gives the case's signals as of that day.
 */
export interface PastSignal {
  record: CaseRecord;
  trajectory: TrajectoryRecord;
  summary: TrajectorySummary;
  signals: SignalCode[];
}

function termsOf(trajectory: TrajectoryRecord): TrajectoryTerms | null {
  try {
    const snapshot = JSON.parse(trajectory.snapshotJson) as {
      context?: { terms?: TrajectoryTerms };
    };
    return snapshot.context?.terms ?? null;
  } catch {
    return null;
  }
}

export function signalsAt(
  records: CaseWithHistories[],
  asOf: Date,
  settings: OrganisationSettings,
): PastSignal[] {
  const at = asOf.toISOString();
  return records.flatMap((record) => {
    const trajectories = [
      ...record.closedTrajectories,
      ...(record.openTrajectory ? [record.openTrajectory] : []),
    ];
    for (const trajectory of trajectories) {
      if (trajectory.summary.registeredAt > asOf) continue;
      if (trajectory.closedAt && trajectory.closedAt <= asOf) continue;
      const terms = termsOf(trajectory);
      if (!terms) continue;
      const summary = replayTrajectory({
        product: trajectory.product,
        machineId: trajectory.machineId,
        terms,
        history: trajectory.history.map(presentHistoryEntry),
        asOf: at,
        settings,
      });
      if (!summary || summary.state === 'closed') continue;
      return [
        { record, trajectory, summary, signals: computeSignals(summary, at, settings.signals) },
      ];
    }
    return [];
  });
}
