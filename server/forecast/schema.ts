import { z } from 'zod';
import { objectIdSchema as objectId } from '../openapi/fields';
import { errorResponses, registry } from '../openapi/registry';

const localDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date (2026-03-02)')
  .refine((value) => !Number.isNaN(Date.parse(`${value}T00:00:00Z`)), 'must be a real date');

export const forecastQuerySchema = z
  .object({
    team: objectId.optional(),
    begeleider: objectId.optional(),
    weeks: z.coerce.number().int().min(1).max(26).default(12),
    from: localDate.optional().openapi({
      description: 'First day (Amsterdam date); its ISO week is the first one. Default today',
    }),
  })
  .strict();
export type ForecastQuery = z.infer<typeof forecastQuerySchema>;

const counts = z.object({
  stepDeadline: z.number().openapi({ description: 'Ontwikkeltraject step limits' }),
  review: z.number().openapi({ description: 'Stabiel review dates' }),
  herontdekkenEnd: z.number().openapi({ description: 'Herontdekken 12-month ends' }),
  total: z.number(),
});
const week = counts.extend({
  week: z.string().openapi({ example: '2026-W10' }),
  start: z.string().openapi({ description: 'Monday (Amsterdam date)' }),
  end: z.string().openapi({ description: 'Sunday (Amsterdam date)' }),
});
const buckets = z.object({
  weeks: z.array(week),
  overdue: counts,
  later: counts,
  suspended: z.number(),
});

export const forecastViewSchema = buckets.extend({
  from: z.string(),
  groups: z.array(
    buckets.extend({
      teamId: z.string(),
      teamName: z.string(),
      begeleiderId: z.string(),
      begeleiderName: z.string(),
    }),
  ),
});

registry.registerPath({
  method: 'get',
  path: '/forecast',
  summary:
    'Deadline forecast: step limits, Stabiel reviews and Herontdekken ends falling due per ISO week (Amsterdam), per team and begeleider, from the stored deadlines',
  request: { query: forecastQuerySchema },
  responses: {
    200: {
      description: 'Counts per week for the whole scope and per team/begeleider',
      content: { 'application/json': { schema: forecastViewSchema } },
    },
    ...errorResponses(400, 401, 403),
  },
});
