import { catalogueCodes } from '../../../machines';
import type { AppContext } from '../../app-context';
import { recordAudit } from '../../audit/audit-log';
import type { AuthUser } from '../../policies/actor';
import { tariffPeriodsOf } from '../../organisations/presenter';
import { settingsOfOpdrachtgever } from '../../organisations/settings';
import { BillingAccumulator, monthOf, type BillingOpdrachtgever } from '../billing';
import { streamReportCases } from '../report-cases.repository';
import { resolveReportScope } from '../report-scope';

/** GET /reports/billing (SPEC §3, §4): one month, per opdrachtgever × product (× tariff in force). */
export async function billingReport(
  context: AppContext,
  user: AuthUser,
  query: { month: string; format: string; team?: string; opdrachtgever?: string },
) {
  const resolved = await resolveReportScope(context, user, query);
  const now = context.clock.now();
  const month = monthOf(query.month);
  const opdrachtgevers = new Map<string, BillingOpdrachtgever>(
    resolved.opdrachtgevers.map((opdrachtgever) => {
      const settings = settingsOfOpdrachtgever(resolved.organisationOverrides, opdrachtgever);
      const productNames = Object.fromEntries(
        catalogueCodes(settings).map((code) => [code, settings.products[code]!.name]),
      );
      return [
        opdrachtgever.id,
        {
          id: opdrachtgever.id,
          name: opdrachtgever.name,
          gemeentecode: opdrachtgever.gemeentecode,
          tariffHistory: tariffPeriodsOf(opdrachtgever),
          productNames,
        },
      ];
    }),
  );
  const until = now < month.end ? now : month.end;
  const accumulator = new BillingAccumulator(
    month,
    opdrachtgevers,
    until,
    query.opdrachtgever ?? null,
  );
  const orDefault = (id: string | null) => id ?? resolved.defaultOpdrachtgeverId;
  for await (const record of streamReportCases(context.db, resolved.scope, {
    ladder: false,
    trajectories: true,
    movedAway: true,
  })) {
    accumulator.add({
      caseId: record.caseId,
      opdrachtgeverId: orDefault(record.opdrachtgeverId),
      moves: record.opdrachtgeverMoves.map((move) => ({ ...move, from: orDefault(move.from) })),
      trajectories: record.trajectories,
    });
  }
  const { rows, total } = accumulator.result(resolved.productOrder);
  await recordAudit(context, {
    orgId: user.orgId,
    actorId: user.id,
    action: 'report.billing',
    details: {
      month: query.month,
      format: query.format,
      team: query.team ?? null,
      opdrachtgever: query.opdrachtgever ?? null,
      rows: rows.length,
    },
  });
  return {
    month: query.month,
    asOf: now.toISOString(),
    team: query.team ?? null,
    opdrachtgever: query.opdrachtgever ?? null,
    rows,
    total,
  };
}
