import { z } from 'zod';
import { PRODUCT_CODES } from '../../machines';
import { instantSchema, objectId } from '../cases/schema';
import { errorResponses, registry } from '../openapi/registry';

export const transitionsQuerySchema = z.strictObject({
  from: instantSchema.optional(),
  to: instantSchema.optional(),
  team: objectId.optional(),
  product: z.enum(PRODUCT_CODES).optional(),
  format: z.enum(['csv', 'xlsx', 'ndjson']).default('csv'),
});

registry.registerPath({
  method: 'get',
  path: '/reports/transitions',
  summary:
    'Every trede transition in [from, to), oldest first, pseudonymised (beleid: the organisation; teamleider: own teams). Defaults: from 1 January this year, to now.',
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
