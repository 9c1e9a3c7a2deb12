import { signalFromOf, type CatalogueCode, type Trede } from '../../machines';
import { loadSummary } from './trajectory-record';
import type { CaseRecord, StoredSummary } from './case.types';

/**
 * The compact read model of a case (decision 026): what the case list, the team dashboard, the
 * caseloads, the forecast and the sweeper need, without the ladder, the histories and the closed trajectories
 * that make a three-year case ~12 KiB. Stored flat in `case_summaries` (one document per case,
 * same `_id`), so every field is a top-level scalar — the only shape FerretDB v1 filters cheaply.
 */
export interface CaseSummaryRecord {
  caseId: string;
  orgId: string;
  teamId: string;
  opdrachtgeverId: string | null;
  begeleiderId: string;
  clientNumber: string;
  displayName: string;
  /** The case's trede on the ladder now (with or without an open trajectory). */
  currentTrede: Trede;
  /** The case's version this summary was computed from: a write never replaces a newer one. */
  caseVersion: number;
  /** The open trajectory; null when the case has none. */
  open: OpenTrajectorySummary | null;
}

export interface OpenTrajectorySummary {
  trajectoryId: string;
  product: CatalogueCode;
  sweepDueAt: Date | null;
  /**
   * The instant from which the trajectory can carry a signal (machines/signal-from.ts, decision
   * 044): the dashboard reads only summaries with `signalFrom ≤ signalFromBound(peildatum)`.
   */
  signalFrom: Date | null;
  summary: StoredSummary;
}

/** Pure: the summary of `record` as it is now. */
export function caseSummaryOf(record: CaseRecord): CaseSummaryRecord {
  const open = record.openTrajectory;
  return {
    caseId: record.id,
    orgId: record.orgId,
    teamId: record.teamId,
    opdrachtgeverId: record.opdrachtgeverId ?? null,
    begeleiderId: record.begeleiderId,
    clientNumber: record.clientNumber,
    displayName: record.displayName,
    currentTrede: record.currentTrede,
    caseVersion: record.version,
    open: open && {
      trajectoryId: open.id,
      product: open.product,
      sweepDueAt: open.sweepDueAt,
      signalFrom: signalFromDate(open.summary),
      summary: { ...open.summary, lastAssessedAt: open.summary.lastAssessedAt ?? null },
    },
  };
}

function signalFromDate(summary: StoredSummary): Date | null {
  const from = signalFromOf(loadSummary(summary));
  return from === null ? null : new Date(from);
}
