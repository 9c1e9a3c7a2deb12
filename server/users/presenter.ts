import type { AuthUser } from '../policies/actor';
import type { User } from './user.repository';

export function presentUser(user: AuthUser | User) {
  return {
    id: user.id,
    orgId: user.orgId,
    username: user.username,
    displayName: user.displayName,
    role: user.role,
    teamIds: user.teamIds,
    ...('active' in user && { active: user.active }),
  };
}
