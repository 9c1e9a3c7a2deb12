import type { Role } from '../../../machines';
import type { AppContext } from '../../app-context';
import type { AuthUser } from '../../policies/actor';
import { orgScopeOf } from '../../policies/scope';
import { presentUser } from '../presenter';
import { findUsers } from '../user.repository';

/** GET /users (beheerder): the users of the caller's organisation, by name. */
export async function listUsers(
  context: AppContext,
  actor: AuthUser,
  filter: { teamId?: string; role?: Role },
) {
  const users = await findUsers(context.db, orgScopeOf(actor), filter);
  return { items: users.map(presentUser) };
}
