import { DateTime } from 'luxon';
import { TIME_ZONE } from '../../../machines';
import type { AppContext } from '../../app-context';
import { recordAudit } from '../../audit/audit-log';
import { ValidationError } from '../../errors';
import type { AuthUser } from '../../policies/actor';
import { IndicatorAccumulator } from '../indicators';
import { MAX_TREND_MONTHS, monthsOfPeriod, trendRow } from '../monthly-indicators';
import { repairPendingReports } from '../../case-store/case-report-sync';
import { streamCaseReports } from '../report-cases.repository';
import { resolveReportScope } from '../report-scope';
import type { MonthlyIndicatorsView } from '../schema';

/**
 * GET /reports/indicators/monthly: the indicators of each calendar month of the period (the trend
 * on the reports page), known as of now. One pass over the cases feeds one accumulator per month,
 * so every month counts exactly as GET /reports/indicators would for that month alone.
 */
export async function monthlyIndicatorsReport(
  context: AppContext,
  user: AuthUser,
  query: { from?: string; to?: string; team?: string; opdrachtgever?: string },
): Promise<MonthlyIndicatorsView> {
  const now = context.clock.now();
  const today = DateTime.fromJSDate(now, { zone: TIME_ZONE }).toISODate()!;
  const from = query.from ?? `${today.slice(0, 4)}-01-01`;
  const to = query.to ?? today;
  if (from > to)
    throw new ValidationError('Invalid query: from', [
      { field: 'from', message: 'must not be after to' },
    ]);
  const months = monthsOfPeriod(from, to);
  if (months.length > MAX_TREND_MONTHS)
    throw new ValidationError('Invalid query: to', [
      { field: 'to', message: `the period spans at most ${MAX_TREND_MONTHS} calendar months` },
    ]);
  const resolved = await resolveReportScope(context, user, query);
  // Steps are ONT steps and Herontdekken conclusions, as in GET /reports/indicators.
  const accumulators = months.map(
    (month) =>
      new IndicatorAccumulator({ from: month.from, to: month.to, asOf: now }, ['ONT', 'HER']),
  );
  await repairPendingReports(context); // never answer from a report document known to be stale
  for await (const record of streamCaseReports(context.db, resolved.scope)) {
    for (const accumulator of accumulators) accumulator.add(record);
  }
  const report = {
    period: { from, to },
    asOf: now.toISOString(),
    team: query.team ?? null,
    opdrachtgever: query.opdrachtgever ?? null,
    months: months.map((month, index) => trendRow(month, accumulators[index]!.result())),
  };
  await recordAudit(context, {
    orgId: user.orgId,
    actorId: user.id,
    action: 'report.indicators.monthly',
    details: { ...report.period, team: report.team, opdrachtgever: report.opdrachtgever },
  });
  return report;
}
