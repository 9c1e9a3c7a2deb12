import type { AppContext } from '../app-context';
import { ConflictError, NotFoundError } from '../errors';
import { withCaseLock } from './case-lock';
import { updateCaseIfVersion } from './case.repository';
import type { CaseRecord } from './case.types';

export type Decision<T> = { result: T; write: CaseRecord } | { result: T; write?: undefined };

const ATTEMPTS = 5;

/**
 * Read → decide → one conditional write, the only way a case changes after creation (SPEC §6: an
 * event is fully applied or not at all). `decide` is given the current case and either throws (an
 * error changes nothing), returns a result without a write, or the case as it must become. If
 * another writer got in between (the version moved), the decision is taken again on the new state,
 * so a caller's expectedVersion check or the engine sees what really happened.
 */
export async function writeCase<T>(
  context: AppContext,
  caseId: string,
  load: () => Promise<CaseRecord | null>,
  decide: (current: CaseRecord) => Promise<Decision<T>> | Decision<T>,
): Promise<{ result: T; written: boolean }> {
  for (let attempt = 0; attempt < ATTEMPTS; attempt += 1) {
    const outcome = await withCaseLock(context.db.name, caseId, async () => {
      const current = await load();
      if (!current) throw new NotFoundError('Case');
      const decision = await decide(current);
      if (!decision.write) return { result: decision.result, written: false };
      const written = await updateCaseIfVersion(context.db, current, decision.write);
      return written ? { result: decision.result, written: true } : null;
    });
    if (outcome) return outcome;
  }
  throw new ConflictError('The case keeps changing; try again');
}
