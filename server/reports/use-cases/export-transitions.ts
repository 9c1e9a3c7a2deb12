import { DateTime } from 'luxon';
import { TIME_ZONE, type CatalogueCode } from '../../../machines';
import type { AppContext } from '../../app-context';
import { recordAudit } from '../../audit/audit-log';
import { NotFoundError, ValidationError } from '../../errors';
import type { AuthUser } from '../../policies/actor';
import { teamsInView } from '../../policies/permissions';
import { orgScopeOf } from '../../policies/scope';
import { findTeams } from '../../teams/team.repository';
import { toExportRows, type ExportRow } from '../transition-rows';
import { repairPendingReports } from '../../case-store/case-report-sync';
import { streamTransitions } from '../transitions.repository';

export interface TransitionsQuery {
  from?: string;
  to?: string;
  team?: string;
  product?: CatalogueCode;
  format: string;
}

/**
 * GET /reports/transitions (SPEC §2.5, §4): pseudonymised trede transitions of the organisation
 * (beleid) or the caller's own teams (teamleider). Default period: this calendar year up to now.
 * The rows are a stream; `recordExport` audits the export once the caller has written it.
 */
export async function exportTransitions(
  context: AppContext,
  user: AuthUser,
  query: TransitionsQuery,
): Promise<{
  rows: AsyncIterable<ExportRow>;
  from: Date;
  to: Date;
  recordExport(count: number): Promise<void>;
}> {
  const now = context.clock.now();
  // `to` arrives as the exclusive end of its (inclusive) last day, see inclusiveEndSchema.
  const to = query.to ? new Date(query.to) : now;
  const from = query.from
    ? new Date(query.from)
    : DateTime.fromJSDate(now, { zone: TIME_ZONE }).startOf('year').toJSDate();
  if (from >= to)
    throw new ValidationError('Invalid query: from', [
      { field: 'from', message: 'must be before to' },
    ]);

  const ownTeams = teamsInView(user);
  if (query.team && ownTeams && !ownTeams.includes(query.team)) throw new NotFoundError('Team');
  const teams = await findTeams(context.db, orgScopeOf(user));
  if (query.team && !teams.some((team) => team.id === query.team)) throw new NotFoundError('Team');

  await repairPendingReports(context); // never answer from a report document known to be stale
  const rows = toExportRows(
    streamTransitions(context.db, {
      orgId: user.orgId,
      teamIds: query.team ? [query.team] : ownTeams,
      from,
      to,
      product: query.product,
    }),
    {
      secret: context.secret,
      orgId: user.orgId,
      teamNames: new Map(teams.map((team) => [team.id, team.name])),
    },
  );
  return {
    rows,
    from,
    to,
    recordExport: (count) =>
      recordAudit(context, {
        orgId: user.orgId,
        actorId: user.id,
        action: 'report.transitions',
        details: {
          format: query.format,
          from: from.toISOString(),
          to: to.toISOString(),
          team: query.team ?? null,
          product: query.product ?? null,
          rows: count,
        },
      }),
  };
}
