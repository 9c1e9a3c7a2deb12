import { sweepDeadline } from '../../machines';
import type { AppContext } from '../app-context';
import { applyTrajectoryChange } from '../case-store/case-change';
import { writeCase } from '../case-store/case-writer';
import { findCaseForSystem } from '../case-store/case.repository';
import { dueCaseIds } from '../case-store/case-summary-sync';
import { logger } from '../logger';
import { loadCaseSettings } from '../organisations/settings';
import { advanceTrajectory, toPersisted } from '../case-store/trajectory-record';

export interface SweepResult {
  /** Trajectories found with a deadline due. */
  due: number;
  /** DEADLINE_PASSED applied by this run. */
  applied: number;
  /** Already handled by someone else (another instance, or an event that applied it first). */
  skipped: number;
  failed: number;
}

const PARALLEL = 4;

type Outcome = 'applied' | 'skipped' | 'failed';

/**
 * Sends DEADLINE_PASSED to every trajectory whose deadline is due at `now` (SPEC §2.3). Each one is
 * the same read → engine → conditional write as a client's event, so when several instances sweep
 * at once exactly one write per deadline wins and the others find nothing left to do.
 *
 * The due ids come from the case summaries in one query per round (decision 026): on FerretDB a
 * range is never pushed down, so asking 200 at a time scanned the collection once per batch. A
 * further round only picks up deadlines the applied ones made due (a trajectory can pass two).
 */
export async function runSweep(
  context: AppContext,
  now: Date = context.clock.now(),
): Promise<SweepResult> {
  const result: SweepResult = { due: 0, applied: 0, skipped: 0, failed: 0 };
  // Cases this run looked at without applying anything are not asked for again in this run: a
  // failure would otherwise be retried in a tight loop.
  const leftDue = new Set<string>();
  for (;;) {
    const ids = (await dueCaseIds(context, now)).filter((id) => !leftDue.has(id));
    if (ids.length === 0) break;
    result.due += ids.length;
    for (let start = 0; start < ids.length; start += PARALLEL) {
      const outcomes = await Promise.all(
        ids.slice(start, start + PARALLEL).map((id) => sweepCase(context, id, now)),
      );
      outcomes.forEach((outcome, index) => {
        result[outcome] += 1;
        if (outcome !== 'applied') leftDue.add(ids[start + index]!);
      });
    }
  }
  return result;
}

async function sweepCase(context: AppContext, caseId: string, now: Date): Promise<Outcome> {
  try {
    const { result: applied } = await writeCase(
      context,
      caseId,
      () => findCaseForSystem(context.db, caseId),
      async (current) => {
        const open = current.openTrajectory;
        if (!open?.sweepDueAt || open.sweepDueAt > now) return { result: null };
        // SPEC §4.1: the case's own catalogue (its opdrachtgever's), as for a client's event.
        const settings = await loadCaseSettings(context, current.orgId, current.opdrachtgeverId);
        const outcome = sweepDeadline({
          persisted: toPersisted(open),
          now: now.toISOString(),
          settings,
        });
        if (!outcome) return { result: null };
        if (!outcome.ok) throw new Error(`engine refused DEADLINE_PASSED: ${outcome.code}`);
        const next = applyTrajectoryChange(current, {
          trajectory: advanceTrajectory(open, outcome, { actorRole: null, settings }),
          transition: outcome.tredeTransition,
          followUp: null,
          begeleiderId: null,
          idempotency: null,
          now,
        });
        return {
          write: next,
          result: { orgId: current.orgId, trajectoryId: open.id },
          audit: {
            orgId: current.orgId,
            actorId: null,
            action: 'trajectory.deadline',
            trajectoryId: open.id,
          },
        };
      },
    );
    return applied ? 'applied' : 'skipped';
  } catch (error) {
    logger.error({ err: error, caseId }, 'deadline sweep failed for a case');
    return 'failed';
  }
}
