import type { z } from 'zod';
import type { SignalCode, TrajectorySummary } from '../../machines';
import type { signalItem, signalsView } from './schema';

/** What GET /signals knows of one labelled trajectory, from a summary or a replayed history. */
export interface LabelledTrajectory {
  record: {
    id: string;
    clientNumber: string;
    displayName: string;
    teamId: string;
    opdrachtgeverId?: string | null;
    begeleiderId: string;
  };
  trajectory: { id: string; product: string };
  summary: Pick<TrajectorySummary, 'state' | 'deadlineAt' | 'stateEnteredAt' | 'lastActivityAt'>;
  signals: SignalCode[];
}

export function presentSignalItem({
  record,
  trajectory,
  summary,
  signals,
}: LabelledTrajectory): z.infer<typeof signalItem> {
  return {
    caseId: record.id,
    clientNumber: record.clientNumber,
    displayName: record.displayName,
    teamId: record.teamId,
    opdrachtgeverId: record.opdrachtgeverId ?? null,
    begeleiderId: record.begeleiderId,
    trajectoryId: trajectory.id,
    product: trajectory.product,
    state: summary.state,
    deadlineAt: summary.deadlineAt,
    stateEnteredAt: summary.stateEnteredAt,
    lastActivityAt: summary.lastActivityAt,
    signals,
  };
}

export function presentSignals(
  asOf: Date,
  items: z.infer<typeof signalItem>[],
  counts: Record<SignalCode, number>,
): z.infer<typeof signalsView> {
  return { asOf: asOf.toISOString(), items, counts };
}
