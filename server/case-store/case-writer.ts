import type { AppContext } from '../app-context';
import { flushOutbox, outboxEntry, type CaseAudit } from '../audit/outbox';
import { ConflictError, NotFoundError } from '../errors';
import { withCaseLock } from './case-lock';
import { writeCaseSummaryAfter } from './case-summary-sync';
import {
  clearAuditOutboxIfVersion,
  findCaseForSystem,
  findCaseIdsWithPendingAudit,
  updateCaseIfVersion,
  updateFor,
} from './case.repository';
import type { CaseRecord } from './case.types';

/** What a decision may return: a result, and with a write the audit entry of that change. */
export type Decision<T> =
  | { result: T; write: CaseRecord; audit?: CaseAudit }
  | { result: T; write?: undefined; audit?: undefined };

const ATTEMPTS = 5;

/**
 * Read → decide → one conditional write, the only way a case changes after creation (SPEC §6: an
 * event is fully applied or not at all). `decide` is given the current case and either throws (an
 * error changes nothing), returns a result without a write, or the case as it must become. If
 * another writer got in between (the version moved), the decision is taken again on the new state,
 * so a caller's expectedVersion check or the engine sees what really happened.
 *
 * The change's audit entry rides in the same update (the case's audit outbox) and is copied to the
 * audit collection right after (guarantee 10, audit/outbox.ts).
 */
export async function writeCase<T>(
  context: AppContext,
  caseId: string,
  load: () => Promise<CaseRecord | null>,
  decide: (current: CaseRecord) => Promise<Decision<T>> | Decision<T>,
): Promise<{ result: T; written: boolean }> {
  const mode = context.config.writeConcurrency;
  // compare-and-set: no lock, the conditional update alone decides (N processes on MongoDB).
  const guarded = <R>(work: () => Promise<R>): Promise<R> =>
    mode === 'compare-and-set' ? work() : withCaseLock(context.db.name, caseId, work);
  for (let attempt = 0; attempt < ATTEMPTS; attempt += 1) {
    const outcome = await guarded(async () => {
      const current = await load();
      if (!current) throw new NotFoundError('Case');
      const decision = await decide(current);
      if (!decision.write) return { result: decision.result, written: false };
      const write = withAudit(current, decision.write, decision.audit, context.clock.now());
      const written = await updateCaseIfVersion(
        context.db,
        caseId,
        current.version,
        updateFor(current, write),
        mode,
      );
      if (!written) return null;
      await writeCaseSummaryAfter(context, write); // the read model follows (decision 026)
      await flushCaseOutbox(context, write);
      return { result: decision.result, written: true };
    });
    if (outcome) return outcome;
  }
  throw new ConflictError('The case keeps changing; try again');
}

function withAudit(
  current: CaseRecord,
  next: CaseRecord,
  audit: CaseAudit | undefined,
  at: Date,
): CaseRecord {
  if (!audit) return next;
  const entry = outboxEntry(current.id, next.version, audit, at);
  return { ...next, auditOutbox: [...(current.auditOutbox ?? []), entry] };
}

/** Copies a case's pending audit entries to the audit collection, then empties its outbox. */
export function flushCaseOutbox(context: AppContext, record: CaseRecord): Promise<boolean> {
  return flushOutbox(context.db, record.auditOutbox ?? [], () =>
    clearAuditOutboxIfVersion(
      context.db,
      record.id,
      record.version,
      context.config.writeConcurrency,
    ),
  );
}

/**
 * At start-up: flushes every outbox a crash left behind, each under its case lock; with
 * `updatedSince` (the summaries' checkpoint, decision 045) only of the cases written since.
 */
export async function flushPendingAudit(
  context: AppContext,
  updatedSince: Date | null = null,
): Promise<number> {
  let flushed = 0;
  for (const caseId of await findCaseIdsWithPendingAudit(context.db, updatedSince)) {
    await withCaseLock(context.db.name, caseId, async () => {
      const record = await findCaseForSystem(context.db, caseId);
      if (record && (await flushCaseOutbox(context, record))) flushed += 1;
    });
  }
  return flushed;
}
