import { DateTime } from 'luxon';
import { addCalendarDays, addCalendarMonths, startOfLocalDay, TIME_ZONE } from '../../../machines';
import type { AppContext } from '../../app-context';
import { recordAudit } from '../../audit/audit-log';
import type { AuthUser } from '../../policies/actor';
import { ValidationError } from '../../errors';
import { IndicatorAccumulator } from '../indicators';
import { ladderMatrixInDatabase, streamReportCases } from '../report-cases.repository';
import { resolveReportScope, type ResolvedReportScope } from '../report-scope';

export interface IndicatorsQuery {
  from?: string;
  to?: string;
  asOf?: string;
  team?: string;
  opdrachtgever?: string;
  compare?: 'previousYear';
  begeleider?: string;
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

  const resolved = await resolveReportScope(context, user, query);
  const current = await computeIndicators(context, resolved, from, to, asOf);
  // A policy advisor compares with the same period a year earlier (known as of the same asOf).
  const comparison =
    query.compare === 'previousYear'
      ? {
          period: { from: shiftYear(from), to: shiftYear(to) },
          ...(await computeIndicators(context, resolved, shiftYear(from), shiftYear(to), asOf)),
        }
      : undefined;
  const report = {
    period: { from, to },
    asOf: asOf.toISOString(),
    team: query.team ?? null,
    opdrachtgever: query.opdrachtgever ?? null,
    ...(query.begeleider && { begeleider: query.begeleider }),
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
    },
  });
  return report;
}

/** The same calendar day a year earlier (29 February → 28 February). */
function shiftYear(date: string): string {
  return addCalendarMonths(date, -12);
}

async function computeIndicators(
  context: AppContext,
  resolved: ResolvedReportScope,
  from: string,
  to: string,
  asOf: Date,
) {
  // Steps are ONT steps and Herontdekken conclusions; Stabiel keeps a trede and has none.
  const products = ['ONT', 'HER'];
  const accumulator = new IndicatorAccumulator({ from, to, asOf }, products);
  for await (const record of streamReportCases(context.db, resolved.scope, {
    ladder: true,
    trajectories: true,
  })) {
    accumulator.add(record);
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
  return result;
}
