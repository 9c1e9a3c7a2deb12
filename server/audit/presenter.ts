import type { z } from 'zod';
import type { AuditEntry } from './audit.repository';
import type { auditListView } from './schema';

type AuditListView = z.infer<typeof auditListView>;

export function presentAuditEntry(entry: AuditEntry): AuditListView['items'][number] {
  return {
    id: entry.id,
    orgId: entry.orgId,
    category: entry.category,
    at: entry.at.toISOString(),
    actorId: entry.actorId,
    action: entry.action,
    caseId: entry.caseId,
    trajectoryId: entry.trajectoryId,
    details: entry.details,
  };
}

/** GET /audit's answer, typed against its schema. */
export function presentAuditPage(
  page: { items: AuditEntry[]; total: number },
  paging: { page: number; pageSize: number },
): AuditListView {
  return {
    items: page.items.map(presentAuditEntry),
    total: page.total,
    page: paging.page,
    pageSize: paging.pageSize,
  };
}
