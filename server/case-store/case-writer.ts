import type { AppContext } from '../app-context';
import { nextOutbox, outboxEntry, type CaseAudit } from '../audit/outbox';
import { ConflictError, NotFoundError } from '../errors';
import { withCaseLock } from './case-lock';
import { writeCaseReportAfter } from './case-report-sync';
import { settleForAnswer } from './case-summary-sync';
import { writeCaseIfVersion } from './case.repository';
import type { CaseRecord } from './case.types';
import { archiveClosedTrajectories } from './trajectory-archive.repository';

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
 * audit collection right after, then the summary follows (guarantee 10, decision 040,
 * settleCaseWrite); with one writing process the answer does not wait for those two (061).
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
      const whole = withAudit(context, current, decision.write, decision.audit);
      // A trajectory this write closes goes to the archive first (decision 064).
      const [write] = await archiveClosedTrajectories(context.db, [whole]);
      const written = await writeCaseIfVersion(context.db, current, write!);
      if (!written) return null;
      await settleForAnswer(context, write!); // audit copy, then the read model (026, 040, 061)
      await writeCaseReportAfter(context, current, whole); // only when it changed (decision 046)
      return { result: decision.result, written: true };
    });
    if (outcome) return outcome;
  }
  throw new ConflictError('The case keeps changing; try again');
}

/**
 * The case as written: its outbox is the entries of `current` not yet known to be in `audit`
 * (decision 040) and the change's own entry, if it has one.
 */
function withAudit(
  context: AppContext,
  current: CaseRecord,
  next: CaseRecord,
  audit: CaseAudit | undefined,
): CaseRecord {
  const added = audit ? [outboxEntry(current.id, next.version, audit, context.clock.now())] : [];
  return { ...next, auditOutbox: nextOutbox(context.db, current.auditOutbox ?? [], added) };
}
