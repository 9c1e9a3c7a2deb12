import type { Connection } from 'mongoose';
import { copyToAudit } from './audit.repository';
import { logger } from '../logger';
import type { AuditInput } from './audit-log';
import { categoryOf } from './audit-log';
import type { AuditCategory } from './audit.repository';

/**
 * The audit outbox (guarantee 10): the audit entry of a change to a case is written in the same
 * single-document update as the change, as an element of the case's `auditOutbox`, so a crash can
 * never keep the change and lose its entry (FerretDB v1 has no multi-document transactions). It is
 * then copied to the `audit` collection under a deterministic `_id` (`<caseId>:<version>`), so
 * copying again, after a crash or at start-up, inserts nothing twice; then the outbox is emptied.
 */
export interface OutboxEntry {
  /** `<caseId>:<case version after the change>`: one change, one id. */
  id: string;
  orgId: string;
  at: Date;
  actorId: string | null;
  action: string;
  category: AuditCategory;
  caseId: string;
  trajectoryId: string | null;
  details: Record<string, unknown>;
}

export type CaseAudit = Omit<AuditInput, 'caseId'>;

export function outboxEntry(
  caseId: string,
  version: number,
  input: CaseAudit,
  at: Date,
): OutboxEntry {
  return {
    id: `${caseId}:${version}`,
    orgId: input.orgId,
    at,
    actorId: input.actorId,
    action: input.action,
    category: categoryOf(input.action),
    caseId,
    trajectoryId: input.trajectoryId ?? null,
    details: input.details ?? {},
  };
}

/**
 * Copies and then empties a case's outbox. A failure is logged and left for the next write of the
 * case or the next start-up: the entries are safe in the case document meanwhile.
 */
export async function flushOutbox(
  db: Connection,
  entries: OutboxEntry[],
  clear: () => Promise<unknown>,
): Promise<boolean> {
  if (entries.length === 0) return true;
  try {
    await copyToAudit(db, entries);
    await clear();
    return true;
  } catch (error) {
    logger.error(
      { err: error, entries: entries.map((entry) => entry.id) },
      'audit outbox not flushed; retried at the next write or start-up',
    );
    return false;
  }
}
