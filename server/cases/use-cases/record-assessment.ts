import { assessTrede, type Trede } from '../../../machines';
import type { AppContext } from '../../app-context';
import type { AuthUser } from '../../policies/actor';
import { loadCaseSettings } from '../../organisations/settings';
import { rejectionToError } from '../../engine-errors';
import { advanceTrajectory, toPersisted } from '../../case-store/trajectory-record';
import { applyTrajectoryChange, ladderEntry } from '../../case-store/case-change';
import { writeCase } from '../../case-store/case-writer';
import { findCase } from '../../case-store/case.repository';
import { withClosedHistoriesOf } from '../../case-store/trajectory-archive.repository';
import type { CaseRecord } from '../../case-store/case.types';
import { ladderFloorOf } from '../../case-store/chronology';
import { presentCaseFile } from '../presenter';
import { scopeOf } from '../../policies/scope';

export interface RecordAssessmentInput {
  trede: Trede;
  /** UTC ISO instant. */
  assessedAt: string;
  note?: string;
}

/**
 * POST /cases/:id/assessments (SPEC §3, decision 008): the engine decides whether the measurement
 * goes through the open trajectory's ASSESS_TREDE or onto the case's ladder alone; either way it is
 * one conditional write with its trede transition.
 */
export async function recordAssessment(
  context: AppContext,
  user: AuthUser,
  caseId: string,
  input: RecordAssessmentInput,
) {
  const scope = scopeOf(user);
  const { result } = await writeCase(
    context,
    caseId,
    () => findCase(context.db, scope, caseId),
    async (current) => {
      // SPEC §4.1: the case's opdrachtgever decides the catalogue its trajectory runs on.
      const settings = await loadCaseSettings(context, user.orgId, current.opdrachtgeverId);
      const now = context.clock.now();
      const open = current.openTrajectory;
      const decided = assessTrede({
        currentTrede: current.currentTrede,
        trede: input.trede,
        note: input.note,
        assessedAt: input.assessedAt,
        now: now.toISOString(),
        actor: { userId: user.id, role: user.role },
        settings,
        notBefore: ladderFloorOf(current),
        openTrajectory: open ? toPersisted(open) : null,
      });
      if (!decided.ok) throw rejectionToError(decided, 'assessedAt');
      const trajectoryOutcome = decided.via === 'trajectory' ? decided.outcome : decided.trajectory;
      const transition =
        decided.via === 'trajectory' ? decided.outcome.tredeTransition : decided.transition;
      let next: CaseRecord;
      if (open && trajectoryOutcome) {
        next = applyTrajectoryChange(current, {
          trajectory: advanceTrajectory(open, trajectoryOutcome, {
            actorRole: user.role,
            settings,
          }),
          transition,
          followUp: null,
          begeleiderId: null,
          idempotency: null,
          now,
        });
      } else {
        next = {
          ...current,
          currentTrede: transition ? transition.to : current.currentTrede,
          ladder: transition
            ? [
                ...current.ladder,
                ladderEntry(
                  current,
                  {
                    from: transition.from,
                    to: transition.to,
                    at: new Date(transition.at),
                    reason: 'assessment',
                    trajectory: null,
                  },
                  now,
                ),
              ]
            : current.ladder,
          version: current.version + 1,
          updatedAt: now,
        };
      }
      if (decided.via === 'case') next = { ...next, lastAssessedAt: new Date(input.assessedAt) };
      return {
        write: next,
        // Guarantee 10: the audit entry rides in the same single-document update as the change.
        audit: {
          orgId: user.orgId,
          actorId: user.id,
          action: 'case.assessment',
          ...(open && { trajectoryId: open.id }),
          details: { via: decided.via },
        },
        result: presentCaseFile(await withClosedHistoriesOf(context.db, next), {
          role: user.role,
          settings,
          asOf: now,
          secret: context.secret,
        }),
      };
    },
  );
  return result;
}
