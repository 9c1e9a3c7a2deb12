import type { Connection } from 'mongoose';
import { copyToAuditGrouped } from './group-commit';
import { logger } from '../logger';
import type { AuditInput } from './audit-log';
import { categoryOf } from './audit-log';
import type { AuditCategory } from './audit.repository';

/**
 * The audit outbox (guarantee 10, decisions 018 and 040): the audit entry of a change to a case is
 * written in the same single-document update as the change, as an element of the case's
 * `auditOutbox`, so a crash can never keep the change and lose its entry (FerretDB v1 has no
 * multi-document transactions). It is then copied to the `audit` collection under a deterministic
 * `_id` (`<caseId>:<version>`), so copying again, after a crash or at start-up, inserts nothing
 * twice. The outbox is not emptied by a write of its own: the case's next write leaves out the
 * entries this process has seen copied (confirmedCopies) and carries every other one on, to be
 * copied again (idempotent), so an entry leaves the case only once it is known to be in `audit`.
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
 * Ids of entries this process has seen acknowledged by `audit`, per database, the oldest forgotten
 * first beyond CONFIRMED_LIMIT (a forgotten entry is only copied once more: harmless). Lost with
 * the process, which is fine for the same reason.
 */
const CONFIRMED_LIMIT = 100_000;
const confirmedByDatabase = new Map<string, Set<string>>();

function confirmedOf(db: Connection): Set<string> {
  let confirmed = confirmedByDatabase.get(db.name);
  if (!confirmed) confirmedByDatabase.set(db.name, (confirmed = new Set()));
  return confirmed;
}

/** Remembers entries as copied (after `audit` acknowledged them, or found them there). */
export function confirmCopied(db: Connection, entries: ReadonlyArray<{ id: string }>): void {
  const confirmed = confirmedOf(db);
  for (const { id } of entries) {
    confirmed.delete(id); // re-inserted as the newest
    confirmed.add(id);
  }
  for (const oldest of confirmed) {
    if (confirmed.size <= CONFIRMED_LIMIT) break;
    confirmed.delete(oldest);
  }
}

/**
 * The outbox a case's next write carries: its entries not known to be copied, then `added`.
 * Whatever another process wrote and copied stays until a writer that saw it copied drops it.
 */
export function nextOutbox(
  db: Connection,
  outbox: ReadonlyArray<OutboxEntry>,
  added: ReadonlyArray<OutboxEntry>,
): OutboxEntry[] {
  const confirmed = confirmedOf(db);
  return [...outbox.filter((entry) => !confirmed.has(entry.id)), ...added];
}

/**
 * Copies a case's outbox to `audit` (entries already there are left as they are) and remembers
 * them as copied. A failure is logged and answered with false: the entries are safe in the case
 * document, and the caller leaves the summary unwritten so the copy is retried (decision 040).
 */
export async function copyOutbox(db: Connection, entries: OutboxEntry[]): Promise<boolean> {
  if (entries.length === 0) return true;
  try {
    await copyToAuditGrouped(db, entries); // with concurrent events' entries: one insert
    confirmCopied(db, entries);
    return true;
  } catch (error) {
    logger.error(
      { err: error, entries: entries.map((entry) => entry.id) },
      'audit outbox not copied; retried before the next summary read and at start-up',
    );
    return false;
  }
}
