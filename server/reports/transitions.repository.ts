import type { Connection } from 'mongoose';
import type { CatalogueCode, Trede } from '../../machines';
import { caseReportModel } from '../case-store/case-report.repository';

export interface TransitionRow {
  caseId: string;
  teamId: string;
  from: Trede;
  to: Trede;
  at: Date;
  product: CatalogueCode | null;
  reason: 'assessment' | 'conclusion';
}

export interface TransitionQuery {
  orgId: string;
  teamIds: string[] | null; // null: every team of the organisation
  from: Date;
  /** Exclusive: the first instant after the period's (inclusive) last day. */
  to: Date;
  product?: CatalogueCode;
}

/**
 * Every trede transition (a ladder entry after the intake) in [from, to), oldest first, as a cursor:
 * rows are streamed one batch at a time, so memory stays flat whatever the period. Reads the report
 * documents (`case_reports`, decision 046), not the 12 KiB cases. Uses only
 * $match, $unwind, $project and $sort, which FerretDB v1 supports (decision 002).
 */
export async function* streamTransitions(
  db: Connection,
  query: TransitionQuery,
): AsyncGenerator<TransitionRow> {
  const range = { $gte: query.from, $lt: query.to };
  const caseFilter: Record<string, unknown> = { orgId: query.orgId, 'ladder.at': range };
  const entryFilter: Record<string, unknown> = { 'ladder.at': range, 'ladder.from': { $ne: null } };
  // The team at the time of the transition (stored on the entry), not the case's current team.
  if (query.teamIds) entryFilter['ladder.teamId'] = { $in: query.teamIds };
  if (query.product) entryFilter['ladder.product'] = query.product;
  const cursor = caseReportModel(db)
    .aggregate<{ _id: { toHexString(): string }; ladder: Omit<TransitionRow, 'caseId'> }>([
      { $match: caseFilter },
      { $unwind: '$ladder' },
      { $match: entryFilter },
      { $project: { ladder: 1 } },
      { $sort: { 'ladder.at': 1, _id: 1 } },
    ])
    .cursor();
  try {
    for await (const row of cursor) {
      const entry = row.ladder;
      yield {
        caseId: row._id.toHexString(),
        teamId: entry.teamId,
        from: entry.from,
        to: entry.to,
        at: entry.at,
        product: entry.product,
        reason: entry.reason,
      };
    }
  } finally {
    await cursor.close();
  }
}
