import type { AppContext } from '../app-context';
import { appendAudit, type AuditCategory } from './audit.repository';

export interface AuditInput {
  orgId: string;
  actorId: string | null;
  /** e.g. 'case.read', 'case.create', 'trajectory.event', 'user.update', 'auth.login' */
  action: string;
  caseId?: string;
  trajectoryId?: string;
  details?: Record<string, unknown>;
}

const READ_ACTIONS = new Set(['case.read', 'case.list', 'trajectory.read', 'signals.list']);

export function categoryOf(action: string): AuditCategory {
  return READ_ACTIONS.has(action) ? 'read' : 'change';
}

/** Every case-file read and every change goes through here (SPEC §2.5). */
export async function recordAudit(context: AppContext, entry: AuditInput): Promise<void> {
  await appendAudit(context.db, {
    orgId: entry.orgId,
    at: context.clock.now(),
    actorId: entry.actorId,
    action: entry.action,
    category: categoryOf(entry.action),
    caseId: entry.caseId ?? null,
    trajectoryId: entry.trajectoryId ?? null,
    details: entry.details,
  });
}
