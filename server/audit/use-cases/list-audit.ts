import type { AppContext } from '../../app-context';
import type { AuthUser } from '../../policies/actor';
import { orgScopeOf } from '../../policies/scope';
import { findAudit, type AuditCategory } from '../audit.repository';
import { startedWritesEnded } from '../../db/in-flight';
import { presentAuditPage } from '../presenter';

export interface ListAuditInput {
  caseId?: string;
  userId?: string;
  /** An action and the actions under it (`case` matches case.read, case.create, …). */
  action?: string;
  category?: AuditCategory;
  from?: string;
  to?: string;
  page: number;
  pageSize: number;
}

/** GET /audit (beheerder): one page of the organisation's audit log, newest first. */
export async function listAudit(context: AppContext, actor: AuthUser, input: ListAuditInput) {
  await startedWritesEnded(context.db.name); // copies of case writes already answered (061)
  const page = await findAudit(context.db, orgScopeOf(actor), {
    caseId: input.caseId,
    actorId: input.userId,
    action: input.action,
    category: input.category,
    from: input.from ? new Date(input.from) : undefined,
    to: input.to ? new Date(input.to) : undefined,
    skip: (input.page - 1) * input.pageSize,
    limit: input.pageSize,
  });
  return presentAuditPage(page, input);
}
