import { enabledProduct } from '../../../machines';
import type { AppContext } from '../../app-context';
import type { AuthUser } from '../../policies/actor';
import { AppError, UnprocessableError, ValidationError } from '../../errors';
import { writeCase } from '../../case-store/case-writer';
import { findCase } from '../../case-store/case.repository';
import { withClosedHistoriesOf } from '../../case-store/trajectory-archive.repository';
import type { CaseRecord } from '../../case-store/case.types';
import { findOpdrachtgever } from '../../organisations/opdrachtgever.repository';
import { defaultOpdrachtgever, loadCaseSettings } from '../../organisations/settings';
import { presentCaseFile } from '../presenter';
import { orgScopeOf, scopeOf } from '../../policies/scope';

export interface MoveCaseInput {
  opdrachtgeverId: string;
  /** The case's version as the caller read it (GET /cases/:id). */
  expectedVersion: number;
}

export class CaseVersionConflictError extends AppError {
  constructor(currentVersion: number) {
    super(409, 'VERSION_CONFLICT', 'The case changed since you read it', { currentVersion });
  }
}

/**
 * PATCH /cases/:id {opdrachtgeverId} (SPEC §4.1, decision 031): the case belongs to another
 * opdrachtgever from this moment on. The running trajectory keeps the limits and deadline of its
 * start (they live in its snapshot); billing goes to the new opdrachtgever, at its tariffs, for
 * contacts from now on and days from the next 00:00; what was billed before stays. The change is
 * one conditional write with its audit entry, like an event.
 */
export async function moveCase(
  context: AppContext,
  user: AuthUser,
  caseId: string,
  input: MoveCaseInput,
) {
  const target = await findOpdrachtgever(context.db, orgScopeOf(user), input.opdrachtgeverId);
  if (!target)
    throw new ValidationError('Invalid body: opdrachtgeverId', [
      { field: 'opdrachtgeverId', message: 'not an opdrachtgever of your organisation' },
    ]);
  const { result } = await writeCase(
    context,
    caseId,
    () => findCase(context.db, scopeOf(user), caseId),
    async (current) => {
      if (current.version !== input.expectedVersion)
        throw new CaseVersionConflictError(current.version);
      const from = current.opdrachtgeverId ?? (await defaultOpdrachtgever(context, user.orgId)).id;
      if (from === target.id)
        throw new ValidationError('Invalid body: opdrachtgeverId', [
          { field: 'opdrachtgeverId', message: 'is already the opdrachtgever of this case' },
        ]);
      // The new opdrachtgever pays for the running trajectory, so it must buy its product.
      const open = current.openTrajectory;
      const settings = await loadCaseSettings(context, user.orgId, target.id);
      if (open && !enabledProduct(settings, open.product))
        throw new UnprocessableError(
          'PRODUCT_NOT_OFFERED',
          `${target.name} does not offer ${open.product}, the product of the open trajectory; close it first`,
          { product: open.product },
        );
      const now = context.clock.now();
      const next: CaseRecord = {
        ...current,
        opdrachtgeverId: target.id,
        opdrachtgeverMoves: [
          ...(current.opdrachtgeverMoves ?? []),
          { from, to: target.id, at: now, byUserId: user.id },
        ],
        version: current.version + 1,
        updatedAt: now,
      };
      const view = presentCaseFile(await withClosedHistoriesOf(context.db, next), {
        role: user.role,
        settings,
        asOf: now,
        secret: context.secret,
      });
      return {
        write: next,
        result: view,
        audit: {
          orgId: user.orgId,
          actorId: user.id,
          action: 'case.move',
          details: { from, to: target.id, version: next.version },
        },
      };
    },
  );
  return result;
}
