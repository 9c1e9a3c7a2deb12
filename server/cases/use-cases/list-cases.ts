import {
  signalBounds,
  type ProductCode,
  type SignalCode,
  type TrajectoryStateKey,
} from '../../../machines';
import type { AppContext } from '../../app-context';
import { recordAudit } from '../../audit/audit-log';
import type { AuthUser } from '../../policies/actor';
import { loadOrganisationSettings } from '../../organisations/settings';
import { signalFilter } from '../../signals/signal-filters';
import { findCaseSummariesPage } from '../../case-store/case-summary.repository';
import { settledCaseWrites } from '../../case-store/case-summary-sync';
import { presentCaseListItem } from '../presenter';
import { scopeOf } from '../../policies/scope';

export interface ListCasesInput {
  team?: string;
  opdrachtgever?: string;
  begeleider?: string;
  state?: TrajectoryStateKey | 'none';
  signal?: SignalCode;
  q?: string;
  product?: ProductCode;
  sort?: 'clientNumber' | 'deadline';
  page: number;
  pageSize: number;
}

/** GET /cases: the caller's teams only; a list read is audited too (without the search text). */
export async function listCases(context: AppContext, user: AuthUser, input: ListCasesInput) {
  const settings = await loadOrganisationSettings(context, user.orgId);
  const asOf = context.clock.now();
  await settledCaseWrites(context); // the summaries of writes already answered (decision 061)
  const result = await findCaseSummariesPage(context.db, scopeOf(user), {
    teamId: input.team,
    opdrachtgeverId: input.opdrachtgever,
    begeleiderId: input.begeleider,
    state: input.state,
    summaryFilter: input.signal
      ? signalFilter(input.signal, signalBounds(asOf.toISOString(), settings.signals), 'summaries')
      : undefined,
    q: input.q,
    sort: input.sort,
    product: input.product,
    skip: (input.page - 1) * input.pageSize,
    limit: input.pageSize,
  });
  await recordAudit(context, {
    orgId: user.orgId,
    actorId: user.id,
    action: 'case.list',
    details: {
      team: input.team ?? null,
      opdrachtgever: input.opdrachtgever ?? null,
      begeleider: input.begeleider ?? null,
      state: input.state ?? null,
      signal: input.signal ?? null,
      product: input.product ?? null,
      page: input.page,
    },
  });
  return {
    items: result.items.map((record) => presentCaseListItem(record, { settings, asOf })),
    total: result.total,
    page: input.page,
    pageSize: input.pageSize,
  };
}
