import { DateTime } from 'luxon';
import { z } from 'zod';
import { CATALOGUE_CODE_PATTERN, periodEndAfter } from '../../machines';
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
    team: objectIdSchema.optional(),
    opdrachtgever: objectIdSchema.optional(),
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

/** What a breakdown of the indicators may be grouped by (docs/reporting.md "Breakdowns"). */
export const INDICATOR_GROUP_BY = ['team', 'opdrachtgever', 'begeleider'] as const;
export type IndicatorGroupBy = (typeof INDICATOR_GROUP_BY)[number];

const localDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date YYYY-MM-DD')
  .refine((value) => DateTime.fromISO(value).isValid, 'must be a real date')
  .openapi({ example: '2026-03-31' });

export const indicatorsQuerySchema = z
  .object({
    from: localDate.optional().openapi({ description: 'First day (inclusive); default 1 January' }),
    to: localDate.optional().openapi({ description: 'Last day (inclusive); default today' }),
    asOf: localDate
      .optional()
      .openapi({ description: 'The day the report knows up to (inclusive); default now' }),
    team: objectIdSchema.optional(),
    opdrachtgever: objectIdSchema.optional(),
    begeleider: objectIdSchema
      .optional()
      .openapi({ description: 'Cases of this begeleider (a per-begeleider view)' }),
    compare: z.enum(['previousYear']).optional().openapi({
      description: 'Add `comparison`: the same indicators for the period a year earlier',
    }),
    groupBy: z.enum(INDICATOR_GROUP_BY).optional().openapi({
      description:
        'Add `groups`: the same figures per team, opdrachtgever or begeleider (begeleider: teamleider only, own teams)',
    }),
  })
  .strict();

const pairs = z.array(z.object({ from: z.number(), to: z.number(), count: z.number() }));

/** The figures of SPEC §4 (docs/reporting.md defines each): the report, a comparison, a group. */
export const indicatorFiguresSchema = z.object({
  steps: z.object({ clients: z.number(), transitions: z.number(), byPair: pairs }),
  ladder: z.object({ matrix: pairs }),
  activation: z.object({
    cases: z.number(),
    withTrajectory: z.number(),
    share: z.number().nullable(),
  }),
  trajectories: z.object({
    started: z.number(),
    closedByOutcome: z.record(z.string(), z.number()),
    achievedWithinLimit: z.number(),
    achievedAfterLimit: z.number(),
    becameOverdue: z.number(),
    droppedOut: z.number(),
  }),
  daysPerStep: z.record(
    z.string(),
    z.object({
      steps: z.number(),
      mean: z.number().nullable(),
      median: z.number().nullable(),
    }),
  ),
  outflow: z.object({
    toPaidWork: z.number(),
    durable: z.object({
      reached: z.number(),
      stillAtFiveOrMore: z.number(),
      notStill: z.number(),
      notYetKnown: z.number(),
    }),
  }),
  reentry: z.object({
    closed: z.number(),
    reentered: z.number(),
    notReentered: z.number(),
    notYetKnown: z.number(),
  }),
  herontdekken: z.object({
    byYear: z.array(
      z.object({
        year: z.number(),
        participants: z.number(),
        supportDays: z.number(),
        concluded: z.number(),
        zelfstandig: z.number(),
        zelfstandigShare: z.number().nullable(),
      }),
    ),
  }),
});

/**
 * One row of a breakdown (`groupBy`): the same figures for the cases of one team, begeleider or
 * opdrachtgever. `name` is the team's, begeleider's (teamleider only) or opdrachtgever's name;
 * null for a begeleider account that no longer exists.
 */
export const indicatorGroupSchema = indicatorFiguresSchema.extend({
  id: z.string(),
  name: z.string().nullable(),
});

const groupsFields = {
  groupBy: z.enum(INDICATOR_GROUP_BY).optional(),
  groups: z.array(indicatorGroupSchema).optional(),
};

export const indicatorsViewSchema = indicatorFiguresSchema.extend({
  period: z.object({ from: z.string(), to: z.string() }),
  asOf: z.string(),
  team: z.string().nullable(),
  opdrachtgever: z.string().nullable(),
  begeleider: z.string().optional(),
  ...groupsFields,
  comparison: indicatorFiguresSchema
    .extend({ period: z.object({ from: z.string(), to: z.string() }), ...groupsFields })
    .optional(),
});

registry.registerPath({
  method: 'get',
  path: '/reports/indicators',
  summary:
    'The indicators of SPEC §4 over an inclusive period of Amsterdam dates (beleid: organisation; teamleider: own teams); every figure is defined in docs/reporting.md. `groupBy` adds `groups`: the same figures per team, opdrachtgever or (teamleider only) begeleider',
  request: { query: indicatorsQuerySchema },
  responses: {
    200: {
      description: 'Indicators',
      content: { 'application/json': { schema: indicatorsViewSchema } },
    },
    ...errorResponses(400, 401, 403, 404),
  },
});

export const monthlyIndicatorsQuerySchema = z
  .object({
    from: localDate.optional().openapi({ description: 'First day (inclusive); default 1 January' }),
    to: localDate.optional().openapi({ description: 'Last day (inclusive); default today' }),
    team: objectIdSchema.optional(),
    opdrachtgever: objectIdSchema.optional(),
  })
  .strict();

const count = z.number().int();
export const monthlyIndicatorsViewSchema = z.object({
  period: z.object({ from: z.string(), to: z.string() }),
  asOf: z.string(),
  team: z.string().nullable(),
  opdrachtgever: z.string().nullable(),
  months: z.array(
    z.object({
      month: z.string().openapi({ example: '2026-03' }),
      from: z.string().openapi({ description: 'The part of the month inside the period' }),
      to: z.string(),
      stepsUp: count.openapi({ description: 'steps.transitions of the month' }),
      stepsDown: count.openapi({ description: 'Ladder transitions to a lower trede' }),
      clientsWithStep: count.openapi({ description: 'steps.clients of the month' }),
      started: count,
      closed: count.openapi({ description: 'The sum of trajectories.closedByOutcome' }),
      achievedWithinLimit: count,
      achievedAfterLimit: count,
      becameOverdue: count,
      droppedOut: count,
      toPaidWork: count,
      caseload: count.openapi({ description: 'activation.cases on the month’s last day' }),
      withTrajectory: count,
      activationShare: z.number().nullable(),
    }),
  ),
});
export type MonthlyIndicatorsView = z.infer<typeof monthlyIndicatorsViewSchema>;

registry.registerPath({
  method: 'get',
  path: '/reports/indicators/monthly',
  summary:
    'The trend: the indicators of SPEC §4 for each calendar month of an inclusive period (at most 24 months), each month counted as GET /reports/indicators counts it (beleid: organisation; teamleider: own teams)',
  request: { query: monthlyIndicatorsQuerySchema },
  responses: {
    200: {
      description: 'One row per month, oldest first',
      content: { 'application/json': { schema: monthlyIndicatorsViewSchema } },
    },
    ...errorResponses(400, 401, 403, 404),
  },
});

/** GET /reports/billing?format=json; the client infers its type from it. */
export const billingViewSchema = z.object({
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
        'application/json': { schema: billingViewSchema },
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
