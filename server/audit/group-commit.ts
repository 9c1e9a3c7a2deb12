import type { Connection } from 'mongoose';
import { copyToAudit } from './audit.repository';

/**
 * Group commit of audit copies (issue 13): while one insert into `audit` is in flight, the entries
 * of the events that finish meanwhile wait and then go together as one unordered insertMany — one
 * SQLite write transaction on FerretDB instead of one each. An entry waits at most for the batch in
 * flight; nobody waits when nothing is in flight. Each caller's promise settles with its own batch,
 * so a request still answers only after its entries are acknowledged. A duplicate (an entry copied
 * before) does not stop the others (copyToAudit); any other failure fails the whole batch, whose
 * entries stay in their cases' outboxes to be copied again (decision 040).
 */
const MAX_BATCH = 500;

interface Waiting {
  entries: ReadonlyArray<{ id: string }>;
  resolve: () => void;
  reject: (error: unknown) => void;
}

class AuditBatcher {
  private queue: Waiting[] = [];
  private inFlight = false;

  constructor(private readonly db: Connection) {}

  add(entries: ReadonlyArray<{ id: string }>): Promise<void> {
    return new Promise((resolve, reject) => {
      this.queue.push({ entries, resolve, reject });
      if (!this.inFlight) void this.drain();
    });
  }

  private async drain(): Promise<void> {
    this.inFlight = true;
    try {
      while (this.queue.length) {
        const batch = this.takeBatch();
        const byId = new Map(batch.flatMap((waiting) => waiting.entries).map((e) => [e.id, e]));
        try {
          await copyToAudit(this.db, [...byId.values()]);
          for (const waiting of batch) waiting.resolve();
        } catch (error) {
          for (const waiting of batch) waiting.reject(error);
        }
      }
    } finally {
      this.inFlight = false;
    }
  }

  private takeBatch(): Waiting[] {
    let count = 0;
    let take = 0;
    while (take < this.queue.length && (take === 0 || count < MAX_BATCH)) {
      count += this.queue[take]!.entries.length;
      take += 1;
    }
    return this.queue.splice(0, take);
  }
}

const batchers = new WeakMap<Connection, AuditBatcher>();

/** copyToAudit, grouped with the copies of concurrent events on the same connection. */
export function copyToAuditGrouped(
  db: Connection,
  entries: ReadonlyArray<{ id: string }>,
): Promise<void> {
  if (!entries.length) return Promise.resolve();
  let batcher = batchers.get(db);
  if (!batcher) batchers.set(db, (batcher = new AuditBatcher(db)));
  return batcher.add(entries);
}
