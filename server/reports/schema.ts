import { z } from 'zod';
import { periodEndAfter, PRODUCT_CODES } from '../../machines';
import { instantSchema, objectIdSchema } from '../openapi/fields';
import { errorResponses, registry } from '../openapi/registry';

/**
 * SPEC §4: periods are inclusive local dates, so `to=2025-12-31` includes 31 December. Parsed into
 * the exclusive end the queries use: 00:00 Amsterdam on the next day (a date-time `to` includes
 * that instant itself).
 */
export const inclusiveEndSchema = z
  .string()
  .max(40)
  .transform((value, ctx) => {
    const parsed = instantSchema.safeParse(value);
    if (!parsed.success) {
      ctx.addIssue({
        code: 'custom',
        message: 'must be an ISO date (2026-03-01) or date-time with offset',
      });
      return z.NEVER;
    }
    return /^\d{4}-\d{2}-\d{2}$/.test(value)
      ? periodEndAfter(value)
      : new Date(Date.parse(parsed.data) + 1).toISOString();
  })
  .openapi({
    type: 'string',
    example: '2025-12-31',
    description: 'Last day of the period, included (SPEC §4)',
  });

export const transitionsQuerySchema = z.strictObject({
  from: instantSchema.optional(),
  to: inclusiveEndSchema.optional(),
  team: objectIdSchema.optional(),
  product: z.enum(PRODUCT_CODES).optional(),
  format: z.enum(['csv', 'xlsx', 'ndjson']).default('csv'),
});

registry.registerPath({
  method: 'get',
  path: '/reports/transitions',
  summary:
    'Every trede transition from `from` through `to` (inclusive dates, SPEC §4), oldest first, pseudonymised (beleid: the organisation; teamleider: own teams). Defaults: from 1 January this year, to now.',
  request: { query: transitionsQuerySchema },
  responses: {
    200: {
      description:
        'CSV for Dutch Excel (`;`, UTF-8 BOM, no sep= line), XLSX, or NDJSON with {participant, teamId, team, from, to, direction, at, date, product, reason}',
      content: {
        'text/csv': { schema: z.string() },
        'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': {
          schema: z.string().openapi({ format: 'binary' }),
        },
        'application/x-ndjson': { schema: z.string() },
      },
    },
    ...errorResponses(400, 401, 403, 404),
  },
});
