import { DateTime } from 'luxon';
import { addCalendarDays, addCalendarMonths, startOfLocalDay, TIME_ZONE } from '../../../machines';
import type { AppContext } from '../../app-context';
import { recordAudit } from '../../audit/audit-log';
import type { AuthUser } from '../../policies/actor';
import { ForbiddenError, ValidationError } from '../../errors';
import { findUsers } from '../../users/user.repository';
import { orgScopeOf } from '../../policies/scope';
import { IndicatorAccumulator } from '../indicators';
import { repairPendingReports } from '../../case-store/case-report-sync';
import {
  ladderMatrixInDatabase,
  streamCaseReports,
  type ReportCase,
} from '../report-cases.repository';
import { resolveReportScope, type ResolvedReportScope } from '../report-scope';
import type { IndicatorGroupBy } from '../schema';

export interface IndicatorsQuery {
  from?: string;
  to?: string;
  asOf?: string;
  team?: string;
  opdrachtgever?: string;
  compare?: 'previousYear';
  begeleider?: string;
  groupBy?: IndicatorGroupBy;
}

/** How a breakdown finds each case's group and names it (decision 030). */
interface Grouping {
  by: IndicatorGroupBy;
  keyOf: (record: ReportCase) => string;
  nameOf: (id: string) => string | null;
}

/**
 * GET /reports/indicators (SPEC §4): defaults are this calendar year up to today; `asOf` (a date:
 * up to and including that day; default now) is what the report knows, never later than now.
 */
export async function indicatorsReport(
  context: AppContext,
  user: AuthUser,
  query: IndicatorsQuery,
) {
  const now = context.clock.now();
  const today = DateTime.fromJSDate(now, { zone: TIME_ZONE }).toISODate()!;
  const from = query.from ?? `${today.slice(0, 4)}-01-01`;
  const to = query.to ?? today;
  if (from > to)
    throw new ValidationError('Invalid query: from', [
      { field: 'from', message: 'must not be after to' },
    ]);
  const asOfEnd = query.asOf ? new Date(startOfLocalDay(addCalendarDays(query.asOf, 1))) : now;
  const asOf = asOfEnd < now ? asOfEnd : now;
  // Decision 030: figures per begeleider are a teamleider's view of own teams; beleid (policy
  // staff) sees no person, neither participant nor employee, so neither filter nor breakdown.
  if (user.role === 'beleid' && (query.begeleider || query.groupBy === 'begeleider'))
    throw new ForbiddenError('Figures per begeleider are for a teamleider of the team');

  const resolved = await resolveReportScope(context, user, query);
  const grouping = query.groupBy ? await groupingFor(context, user, resolved, query.groupBy) : null;
  const current = await computeIndicators(context, resolved, from, to, asOf, grouping);
  // A policy advisor compares with the same period a year earlier (known as of the same asOf).
  const comparison =
    query.compare === 'previousYear'
      ? {
          period: { from: shiftYear(from), to: shiftYear(to) },
          ...(await computeIndicators(
            context,
            resolved,
            shiftYear(from),
            shiftYear(to),
            asOf,
            grouping,
          )),
        }
      : undefined;
  const report = {
    period: { from, to },
    asOf: asOf.toISOString(),
    team: query.team ?? null,
    opdrachtgever: query.opdrachtgever ?? null,
    ...(query.begeleider && { begeleider: query.begeleider }),
    ...(query.groupBy && { groupBy: query.groupBy }),
    ...current,
    ...(comparison && { comparison }),
  };
  await recordAudit(context, {
    orgId: user.orgId,
    actorId: user.id,
    action: 'report.indicators',
    details: {
      ...report.period,
      asOf: report.asOf,
      team: report.team,
      opdrachtgever: report.opdrachtgever,
      ...(query.groupBy && { groupBy: query.groupBy }),
    },
  });
  return report;
}

/** The same calendar day a year earlier (29 February → 28 February). */
function shiftYear(date: string): string {
  return addCalendarMonths(date, -12);
}

/**
 * Each case belongs to exactly one group (its current team, opdrachtgever or begeleider), so
 * every count of the groups adds up to the report's; shares, means and medians do not add up.
 */
async function groupingFor(
  context: AppContext,
  user: AuthUser,
  resolved: ResolvedReportScope,
  by: IndicatorGroupBy,
): Promise<Grouping> {
  const names = new Map<string, string>();
  if (by === 'team') {
    for (const team of resolved.teams) names.set(team.id, team.name);
    return { by, keyOf: (record) => record.teamId, nameOf: (id) => names.get(id) ?? null };
  }
  if (by === 'opdrachtgever') {
    for (const item of resolved.opdrachtgevers) names.set(item.id, item.name);
    return {
      by,
      keyOf: (record) => record.opdrachtgeverId ?? resolved.defaultOpdrachtgeverId,
      nameOf: (id) => names.get(id) ?? null,
    };
  }
  // A teamleider knows the colleagues of own teams by name (the team overview shows them too).
  for (const account of await findUsers(context.db, orgScopeOf(user)))
    names.set(account.id, account.displayName);
  return { by, keyOf: (record) => record.begeleiderId, nameOf: (id) => names.get(id) ?? null };
}

async function computeIndicators(
  context: AppContext,
  resolved: ResolvedReportScope,
  from: string,
  to: string,
  asOf: Date,
  grouping: Grouping | null,
) {
  // Steps are ONT steps and Herontdekken conclusions; Stabiel keeps a trede and has none.
  const products = ['ONT', 'HER'];
  const period = { from, to, asOf };
  const accumulator = new IndicatorAccumulator(period, products);
  const groups = new Map<string, IndicatorAccumulator>();
  await repairPendingReports(context); // never answer from a report document known to be stale
  for await (const record of streamCaseReports(context.db, resolved.scope)) {
    accumulator.add(record);
    if (!grouping) continue;
    const key = grouping.keyOf(record);
    let group = groups.get(key);
    if (!group) groups.set(key, (group = new IndicatorAccumulator(period, products)));
    group.add(record);
  }
  const result = accumulator.result();
  // The ladder matrix is counted by the database too (docs/reporting.md); when asOf lies inside
  // the period the stream's view (which ignores entries after asOf) is the one that counts.
  const end = new Date(startOfLocalDay(addCalendarDays(to, 1)));
  if (asOf >= end) {
    const matrix = await ladderMatrixInDatabase(
      context.db,
      resolved.scope,
      new Date(startOfLocalDay(from)),
      end,
    );
    result.ladder.matrix = matrix;
  }
  if (!grouping) return result;
  // Groups with at least one case in scope, by name (nl), then id.
  const rows = [...groups.entries()].map(([id, group]) => ({
    id,
    name: grouping.nameOf(id),
    ...group.result(),
  }));
  rows.sort((a, b) => (a.name ?? '').localeCompare(b.name ?? '', 'nl') || a.id.localeCompare(b.id));
  return { ...result, groups: rows };
}
