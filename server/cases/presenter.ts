import { computeSignals, type OrganisationSettings, type Role } from '../../machines';
import { presentTrajectory } from '../trajectories/presenter';
import { loadSummary } from '../case-store/trajectory-record';
import { maskBsn } from './bsn';
import type { CaseWithHistories, LadderEntry } from '../case-store/case.types';
import type { CaseSummaryRecord } from '../case-store/case-summary';
import type { z } from 'zod';
import type { caseFileViewSchema } from './schema';

interface Viewer {
  role: Role;
  /** TREDE_SECRET: the masked BSN is derived from the ciphertext on read. */
  secret: string;
  settings: OrganisationSettings;
  asOf: Date;
}

function presentLadderEntry(entry: LadderEntry) {
  return { ...entry, at: entry.at.toISOString(), recordedAt: entry.recordedAt.toISOString() };
}

/** GET /cases/:id: the BSN only masked (SPEC §2.5). */
/** Typed against the OpenAPI schema, so the document cannot drift from what is sent. */
export function presentCaseFile(
  record: CaseWithHistories,
  viewer: Viewer,
): z.infer<typeof caseFileViewSchema> {
  const trajectories = [
    ...(record.openTrajectory ? [record.openTrajectory] : []),
    ...[...record.closedTrajectories].reverse(),
  ];
  return {
    id: record.id,
    clientNumber: record.clientNumber,
    displayName: record.displayName,
    bsn: maskBsn(record.bsn, viewer.secret),
    teamId: record.teamId,
    opdrachtgeverId: record.opdrachtgeverId ?? null,
    opdrachtgeverMoves: (record.opdrachtgeverMoves ?? []).map((move) => ({
      from: move.from,
      to: move.to,
      at: move.at.toISOString(),
    })),
    begeleiderId: record.begeleiderId,
    currentTrede: record.currentTrede,
    version: record.version,
    createdAt: record.createdAt.toISOString(),
    updatedAt: record.updatedAt.toISOString(),
    ladder: record.ladder.map(presentLadderEntry),
    trajectories: trajectories.map((trajectory) => presentTrajectory(record, trajectory, viewer)),
  };
}

/** One row of GET /cases: no BSN, no history. */
export function presentCaseListItem(
  record: CaseSummaryRecord,
  viewer: Omit<Viewer, 'role' | 'secret'>,
) {
  const open = record.open;
  const summary = open ? loadSummary(open.summary) : null;
  return {
    id: record.caseId,
    clientNumber: record.clientNumber,
    displayName: record.displayName,
    teamId: record.teamId,
    opdrachtgeverId: record.opdrachtgeverId,
    begeleiderId: record.begeleiderId,
    currentTrede: record.currentTrede,
    openTrajectory:
      open && summary
        ? {
            id: open.trajectoryId,
            product: open.product,
            state: summary.state,
            deadlineAt: summary.deadlineAt,
            targetTrede: summary.targetTrede,
            signals: computeSignals(summary, viewer.asOf.toISOString(), viewer.settings.signals),
          }
        : null,
  };
}
