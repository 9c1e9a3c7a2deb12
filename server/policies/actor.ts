import type { Role } from '../../machines';

/** The caller of a request, as the authentication middleware resolved it. */
export interface AuthUser {
  id: string;
  orgId: string;
  username: string;
  displayName: string;
  role: Role;
  /** Teams whose cases this user may read and act on (SPEC §2.5). */
  teamIds: string[];
}

/** The caller's fields of a user record (a users-repository record carries more). */
export function actorOf(user: AuthUser): AuthUser {
  return {
    id: user.id,
    orgId: user.orgId,
    username: user.username,
    displayName: user.displayName,
    role: user.role,
    teamIds: user.teamIds,
  };
}
