import type { Role } from '../../../machines';
import type { AppContext } from '../../app-context';
import type { AuthUser } from '../../policies/actor';
import { orgScopeOf } from '../../policies/scope';
import { findUsers, type User } from '../user.repository';

/** GET /users (beheerder): the users of the caller's organisation, by name. */
export function listUsers(
  context: AppContext,
  actor: AuthUser,
  filter: { teamId?: string; role?: Role },
): Promise<User[]> {
  return findUsers(context.db, orgScopeOf(actor), filter);
}
