import type { z } from 'zod';
import type { teamViewSchema } from './schema';
import type { Team } from './team.repository';

/** Typed against the OpenAPI schema, so the document cannot drift from what is sent. */
export function presentTeam(team: Team): z.infer<typeof teamViewSchema> {
  return { id: team.id, orgId: team.orgId, name: team.name };
}
