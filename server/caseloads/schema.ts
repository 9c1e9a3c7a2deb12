import { z } from 'zod';
import { objectIdSchema as objectId } from '../openapi/fields';
import { errorResponses, registry } from '../openapi/registry';

export const caseloadsQuerySchema = z
  .object({
    team: objectId.optional(),
    opdrachtgever: objectId
      .optional()
      .openapi({ description: 'Count only the cases of this opdrachtgever (as GET /signals)' }),
  })
  .strict();
export type CaseloadsQuery = z.infer<typeof caseloadsQuerySchema>;

export const caseloadViewSchema = z.object({
  teamId: z.string(),
  begeleiderId: z.string(),
  displayName: z.string(),
  role: z.string(),
  open: z.number().openapi({ description: 'Open trajectories' }),
  overdue: z.number().openapi({ description: 'In overdue or reviewDue' }),
  waiting: z.number().openapi({ description: 'Registered, not started yet' }),
});

registry.registerPath({
  method: 'get',
  path: '/caseloads',
  summary:
    'Caseload per begeleider of your teams (open, overdue, waiting); also the people a case can be reassigned to',
  request: { query: caseloadsQuerySchema },
  responses: {
    200: {
      description: 'One row per active begeleider/teamleider per team',
      content: {
        'application/json': { schema: z.object({ items: z.array(caseloadViewSchema) }) },
      },
    },
    ...errorResponses(400, 401, 403),
  },
});
