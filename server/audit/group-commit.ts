import type { Connection } from 'mongoose';
import { GroupCommit, groupCommitPer } from '../db/group-commit';
import { copyToAudit } from './audit.repository';

/**
 * Audit copies of concurrent events go as one unordered insertMany (server/db/group-commit.ts): one
 * SQLite write transaction on FerretDB instead of one each. An entry in two callers' lists is
 * inserted once. A duplicate (an entry copied before) does not stop the others (copyToAudit); any
 * other failure fails the whole batch, whose entries stay in their cases' outboxes to be copied
 * again (decision 040).
 */
const auditCopies = groupCommitPer(
  (db: Connection) =>
    new GroupCommit<{ id: string }>(async (entries) => {
      const byId = new Map(entries.map((entry) => [entry.id, entry]));
      await copyToAudit(db, [...byId.values()]);
    }),
);

/** copyToAudit, grouped with the copies of concurrent events on the same connection. */
export function copyToAuditGrouped(
  db: Connection,
  entries: ReadonlyArray<{ id: string }>,
): Promise<void> {
  return auditCopies(db).add(entries);
}
