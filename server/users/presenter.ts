import type { z } from 'zod';
import { actorOf, type AuthUser } from '../policies/actor';
import type { userViewSchema } from './schema';
import type { User } from './user.repository';

/** Typed against the OpenAPI schema, so the document cannot drift from what is sent. */
export function presentUser(user: AuthUser | User): z.infer<typeof userViewSchema> {
  return { ...actorOf(user), ...('active' in user && { active: user.active }) };
}
