import { z } from 'zod';
import { CATALOGUE_CODE_PATTERN } from '../../machines';
import { instantSchema, objectId } from '../cases/schema';
import { errorResponses, registry } from '../openapi/registry';

export const transitionsQuerySchema = z.object({
  from: instantSchema.optional(),
  to: instantSchema.optional(),
  team: objectId.optional(),
  product: z.string().max(40).regex(CATALOGUE_CODE_PATTERN, 'must be a catalogue code').optional(),
  format: z.enum(['csv', 'xlsx', 'ndjson']).default('csv'),
});

const monthSchema = z
  .string()
  .regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'must be a month YYYY-MM')
  .openapi({ example: '2026-05' });

export const billingQuerySchema = z
  .object({
    month: monthSchema,
    team: objectId.optional(),
    opdrachtgever: objectId.optional(),
    format: z.enum(['json', 'csv', 'xlsx']).default('json'),
  })
  .strict();

const billingRow = z.object({
  opdrachtgever: z.string(),
  opdrachtgeverId: z.string(),
  gemeentecode: z.string().nullable(),
  product: z.string(),
  productName: z.string(),
  participants: z.number().int(),
  billableDays: z.number().int(),
  minutes: z.number().int(),
  hours: z.number(),
  tariff: z.number().openapi({ description: 'euros per hour, two decimals' }),
  tariffCents: z.number().int(),
  amount: z.number().openapi({ description: 'euros, two decimals' }),
  amountCents: z.number().int(),
});

registry.registerPath({
  method: 'get',
  path: '/reports/billing',
  summary:
    'Hours × tariff for one month per opdrachtgever and product (one row per tariff in force), excluding time and contacts while droppedOut (beleid: organisation; teamleider: own teams)',
  request: { query: billingQuerySchema },
  responses: {
    200: {
      description:
        'JSON {month, asOf, team, opdrachtgever, rows, total}; CSV for Dutch Excel or XLSX with a closing total line',
      content: {
        'application/json': {
          schema: z.object({
            month: z.string(),
            asOf: z.string(),
            team: z.string().nullable(),
            opdrachtgever: z.string().nullable(),
            rows: z.array(billingRow),
            total: z.object({
              participants: z.number().int(),
              billableDays: z.number().int(),
              minutes: z.number().int(),
              hours: z.number(),
              amount: z.number(),
              amountCents: z.number().int(),
            }),
          }),
        },
        'text/csv': { schema: z.string() },
        'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': {
          schema: z.string().openapi({ format: 'binary' }),
        },
      },
    },
    ...errorResponses(400, 401, 403, 404),
  },
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
