/**
 * Write options of the derived writes: the audit copy of a case's outbox (decision 040) and the
 * per-case read models (`case_summaries` 026, `case_reports` 046). Each is rebuilt from the case
 * after a crash — the outbox keeps an entry until this process has seen its copy acknowledged,
 * and start-up repairs the read models of every case written since its last check (045) — so they
 * do not wait for the journal. The case write that depends on a copy comes later and does wait,
 * and both the embedded engine's write-ahead log and MongoDB's journal are written in order: once
 * that write is durable, the copy before it is too. On the embedded engine this saves a synced
 * commit per derived write (decision 070); every other write keeps the default write concern.
 */
export const UNJOURNALED = { writeConcern: { journal: false } } as const;
