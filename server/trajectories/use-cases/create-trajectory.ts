import { createTrajectory, type CatalogueCode, type Trede } from '../../../machines';
import type { AppContext } from '../../app-context';
import type { AuthUser } from '../../policies/actor';
import { writeCase } from '../../case-store/case-writer';
import { findCase } from '../../case-store/case.repository';
import { ladderFloorOf, lastAssessmentOf } from '../../case-store/chronology';
import { scopeOf } from '../../policies/scope';
import { ConflictError, ValidationError } from '../../errors';
import { loadCaseSettings } from '../../organisations/settings';
import { rejectionToError } from '../../engine-errors';
import { nextTrajectoryId } from '../../case-store/trajectory-id';
import { presentTrajectory } from '../presenter';
import { newTrajectoryRecord } from '../../case-store/trajectory-record';

export interface CreateTrajectoryInput {
  product: CatalogueCode;
  targetTrede?: Trede;
  /** UTC ISO instant. */
  registeredAt: string;
}

/** POST /cases/:id/trajectories: one open trajectory per case (SPEC §3), decided by the engine. */
export async function createTrajectoryForCase(
  context: AppContext,
  user: AuthUser,
  caseId: string,
  input: CreateTrajectoryInput,
) {
  const scope = scopeOf(user);
  const { result: view } = await writeCase(
    context,
    caseId,
    () => findCase(context.db, scope, caseId),
    async (current) => {
      // SPEC §4.1: the case's opdrachtgever decides the catalogue (variants, limits, tariffs).
      const settings = await loadCaseSettings(context, user.orgId, current.opdrachtgeverId);
      // Not in the catalogue at all is bad input (400); in it but disabled is the engine's 422.
      if (!Object.hasOwn(settings.products, input.product)) {
        throw new ValidationError('Invalid body: product', [
          { field: 'product', message: 'not a product of the case’s opdrachtgever' },
        ]);
      }
      if (current.openTrajectory) {
        throw new ConflictError('This case already has an open trajectory', {
          openTrajectoryId: current.openTrajectory.id,
        });
      }
      const now = context.clock.now();
      const actor = { userId: user.id, role: user.role };
      const outcome = createTrajectory({
        product: input.product,
        targetTrede: input.targetTrede,
        currentTrede: current.currentTrede,
        tredeAssessedAt: lastAssessmentOf(current),
        registeredAt: input.registeredAt,
        notBefore: ladderFloorOf(current),
        now: now.toISOString(),
        actor,
        settings,
      });
      if (!outcome.ok) throw rejectionToError(outcome, 'registeredAt');
      const trajectory = newTrajectoryRecord(outcome, {
        id: nextTrajectoryId(current),
        now,
        createdBy: user.id,
        actorRole: user.role,
        previousTrajectoryId: null,
        settings,
      });
      const next = {
        ...current,
        openTrajectory: trajectory,
        version: current.version + 1,
        updatedAt: now,
      };
      return {
        write: next,
        result: presentTrajectory(next, trajectory, { role: user.role, settings, asOf: now }),
        audit: {
          orgId: user.orgId,
          actorId: user.id,
          action: 'trajectory.create',
          trajectoryId: trajectory.id,
          details: { product: trajectory.product },
        },
      };
    },
  );
  return view;
}
