import { z } from 'zod';
import { nameText } from '../http/text';
import { errorResponses, json, registry } from '../openapi/registry';

export const createTeamBodySchema = z.strictObject({ name: nameText(100) });

export const teamViewSchema = registry.register(
  'Team',
  z.object({ id: z.string(), orgId: z.string(), name: z.string() }),
);

registry.registerPath({
  method: 'get',
  path: '/teams',
  summary:
    'Teams: all of the organisation for beheerder and beleid, your own for begeleider and teamleider',
  responses: {
    200: { description: 'Teams', ...json(z.object({ items: z.array(teamViewSchema) })) },
    ...errorResponses(400, 401),
  },
});
registry.registerPath({
  method: 'post',
  path: '/teams',
  summary: 'Create a team (beheerder)',
  request: { body: json(createTeamBodySchema) },
  responses: {
    201: { description: 'Created', ...json(teamViewSchema) },
    ...errorResponses(400, 401, 403, 409),
  },
});
