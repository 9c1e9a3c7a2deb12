import type { z } from 'zod';
import type { AuthUser } from '../policies/actor';
import type { userViewSchema } from './schema';
import type { User } from './user.repository';

/** Typed against the OpenAPI schema, so the document cannot drift from what is sent. */
export function presentUser(user: AuthUser | User): z.infer<typeof userViewSchema> {
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
