import { z } from 'zod';
import { instantSchema, objectIdSchema, signalCodeSchema } from '../openapi/fields';
import { errorResponses, registry } from '../openapi/registry';

export const signalsQuerySchema = z.strictObject({
  asOf: instantSchema.optional().openapi({ description: 'Peildatum; default now' }),
  team: objectIdSchema.optional(),
  opdrachtgever: objectIdSchema.optional().openapi({ description: 'Cases of this opdrachtgever' }),
  begeleider: objectIdSchema.optional(),
  code: signalCodeSchema.optional(),
});

export const signalItem = z.object({
  caseId: z.string(),
  clientNumber: z.string(),
  displayName: z.string(),
  teamId: z.string(),
  opdrachtgeverId: z.string().nullable(),
  begeleiderId: z.string(),
  trajectoryId: z.string(),
  product: z.string(),
  state: z.string(),
  deadlineAt: z.string().nullable(),
  stateEnteredAt: z.string(),
  lastActivityAt: z.string(),
  signals: z.array(signalCodeSchema),
});

export const signalsView = z.object({
  asOf: z.string(),
  items: z.array(signalItem),
  counts: z.record(z.string(), z.number()),
});

registry.registerPath({
  method: 'get',
  path: '/signals',
  summary:
    'Stalled trajectories of your teams with their signal codes (SPEC §2.4), as of a peildatum',
  request: { query: signalsQuerySchema },
  responses: {
    200: {
      description: 'Trajectories with at least one signal, and the count per code',
      content: {
        'application/json': {
          schema: signalsView,
        },
      },
    },
    ...errorResponses(400, 401, 403),
  },
});
