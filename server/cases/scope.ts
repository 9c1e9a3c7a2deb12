import type { AuthUser } from '../auth/types';
import { ValidationError } from '../errors';
import type { AppContext } from '../app-context';
import { findUserById } from '../users/user.repository';
import type { CaseScope } from './case.types';

/** A begeleider or teamleider sees the cases of their own teams (SPEC §2.5). */
export function scopeOf(user: AuthUser): CaseScope {
  return { orgId: user.orgId, teamIds: user.teamIds };
}

/**
 * A case's begeleider is an active begeleider or teamleider of the case's team (POST /cases and
 * REASSIGN); anyone else is a 400 naming the field.
 */
export async function assertAssignableBegeleider(
  context: AppContext,
  orgId: string,
  teamId: string,
  userId: string,
): Promise<void> {
  const user = await findUserById(context.db, userId);
  const fits =
    user &&
    user.active &&
    user.orgId === orgId &&
    user.teamIds.includes(teamId) &&
    (user.role === 'begeleider' || user.role === 'teamleider');
  if (!fits) {
    throw new ValidationError('Invalid body: begeleiderId', [
      {
        field: 'begeleiderId',
        message: 'not an active begeleider or teamleider of the case’s team',
      },
    ]);
  }
}
