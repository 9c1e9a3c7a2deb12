import { DateTime } from 'luxon';
import { z } from 'zod';
import { PRODUCT_CODES, SIGNAL_CODES, type Trede } from '../../machines';
import { errorResponses, registry } from '../openapi/registry';
import { isValidBsn } from './bsn';

export const objectId = z.string().regex(/^[0-9a-f]{24}$/i, 'must be an id');
export const tredeSchema = z
  .number()
  .int()
  .min(1)
  .max(6)
  .transform((value) => value as Trede)
  .openapi({
    type: 'integer',
    minimum: 1,
    maximum: 6,
    description: 'Trede on the Participatieladder (SPEC §2.1)',
  });

/**
 * An instant: full ISO-8601 with offset (2026-03-01T09:30:00+01:00), or a date (2026-03-01) meaning
 * 00:00 in Europe/Amsterdam, the municipality's day. Normalised to UTC ISO for the engine.
 */
export const instantSchema = z
  .string()
  .max(40)
  .transform((value, ctx) => {
    const parsed = /^\d{4}-\d{2}-\d{2}$/.test(value)
      ? DateTime.fromISO(value, { zone: 'Europe/Amsterdam' })
      : z.iso.datetime({ offset: true }).safeParse(value).success
        ? DateTime.fromISO(value, { setZone: true })
        : null;
    if (!parsed?.isValid) {
      ctx.addIssue({
        code: 'custom',
        message: 'must be an ISO date (2026-03-01) or date-time with offset',
      });
      return z.NEVER;
    }
    return parsed.toUTC().toISO()!;
  })
  .openapi({ type: 'string', example: '2026-03-01T09:30:00+01:00' });

export const createCaseBodySchema = z
  .object({
    clientNumber: z
      .string()
      .trim()
      .min(1)
      .max(40)
      .regex(/^[A-Za-z0-9._-]+$/, 'letters, digits, . _ - only')
      .openapi({ example: 'K-2026-0042' }),
    displayName: z.string().trim().min(1).max(120).openapi({ example: 'Fictief, A.' }),
    teamId: objectId,
    begeleiderId: objectId,
    trede: tredeSchema.openapi({
      description: 'Intake trede: the first entry of the ladder history',
    }),
    assessedAt: instantSchema,
    opdrachtgeverId: objectId.optional().openapi({
      description:
        'The contracting municipality (SPEC §4.1); default: the organisation’s first opdrachtgever',
    }),
    bsn: z
      .string()
      .trim()
      .refine(isValidBsn, 'must be 9 digits passing the elfproef')
      .optional()
      .openapi({
        description: 'Optional; stored encrypted, shown masked, never exported',
        example: '111222333',
      }),
  })
  .strict()
  .openapi('CreateCase');

const stateQuery = z.enum([
  'registered',
  'active',
  'stepAchieved',
  'overdue',
  'reviewDue',
  'suspended',
  'droppedOut',
  'none',
]);
export const signalCodeSchema = z.enum(SIGNAL_CODES);

export const listCasesQuerySchema = z.object({
  team: objectId.optional(),
  opdrachtgever: objectId.optional().openapi({ description: 'Cases of this opdrachtgever' }),
  begeleider: objectId.optional(),
  state: stateQuery
    .optional()
    .openapi({ description: "State of the open trajectory; 'none' = no open trajectory" }),
  signal: signalCodeSchema
    .optional()
    .openapi({ description: 'Cases whose open trajectory has this signal now' }),
  product: z
    .enum(PRODUCT_CODES)
    .optional()
    .openapi({ description: 'Product of the open trajectory' }),
  q: z
    .string()
    .trim()
    .min(1)
    .max(60)
    .optional()
    .openapi({ description: 'Client number prefix or part of the name, case-insensitive' }),
  sort: z.enum(['clientNumber', 'deadline']).default('clientNumber').openapi({
    description:
      "'deadline': nearest deadline of the open trajectory first, cases without one after (by client number)",
  }),
  page: z.coerce.number().int().min(1).max(100000).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(50),
});

export const caseIdParamsSchema = z.object({ id: z.string() });

const ladderEntryView = z.object({
  seq: z.number(),
  from: z.number().nullable(),
  to: z.number(),
  at: z.string(),
  trajectoryId: z.string().nullable(),
  product: z.string().nullable(),
  reason: z.enum(['intake', 'assessment', 'conclusion']),
  begeleiderId: z.string(),
  teamId: z.string(),
  recordedAt: z.string(),
});

export const historyEntryView = z.object({
  type: z.string(),
  occurredAt: z.string(),
  recordedAt: z.string(),
  actorId: z.string().nullable(),
  actorRole: z.string().nullable(),
  fromState: z.string().nullable(),
  toState: z.string(),
  payload: z.record(z.string(), z.unknown()),
  flags: z.array(z.string()),
});

export const trajectoryViewSchema = registry.register(
  'Trajectory',
  z.object({
    id: z.string(),
    caseId: z.string(),
    product: z.string(),
    machineId: z.string(),
    machineVersion: z.number(),
    state: z.string(),
    version: z.number().openapi({ description: 'Send as expectedVersion with the next event' }),
    deadlineAt: z.string().nullable(),
    targetTrede: z.number().nullable(),
    currentTrede: z.number(),
    registeredAt: z.string(),
    startedAt: z.string().nullable(),
    stateEnteredAt: z.string(),
    lastActivityAt: z.string(),
    closedAt: z.string().nullable(),
    outcome: z.string().nullable().openapi({
      description: 'Once closed: the CLOSE/REVIEW outcome, or concluded (Herontdekken)',
    }),
    conclusion: z
      .object({ trede: z.number(), route: z.string() })
      .nullable()
      .openapi({ description: 'Herontdekken: the concluded trede and route' }),
    previousTrajectoryId: z.string().nullable(),
    followUpTrajectoryId: z.string().nullable(),
    allowedEvents: z.array(z.string()).openapi({ description: 'Events your role may send now' }),
    signals: z.array(signalCodeSchema),
    history: z.array(historyEntryView),
    snapshot: z.unknown().openapi({
      description:
        "The machine's persisted snapshot (machineId, machineVersion): the client restores it with machines/ to cross-check allowedEvents",
    }),
  }),
);

export const caseListItemView = z.object({
  id: z.string(),
  clientNumber: z.string(),
  displayName: z.string(),
  teamId: z.string(),
  opdrachtgeverId: z.string().nullable(),
  begeleiderId: z.string(),
  currentTrede: z.number(),
  openTrajectory: z
    .object({
      id: z.string(),
      product: z.string(),
      state: z.string(),
      deadlineAt: z.string().nullable(),
      targetTrede: z.number().nullable(),
      signals: z.array(signalCodeSchema),
    })
    .nullable(),
});

export const caseFileViewSchema = registry.register(
  'CaseFile',
  z.object({
    id: z.string(),
    clientNumber: z.string(),
    displayName: z.string(),
    bsn: z.string().nullable().openapi({ example: '*****2333' }),
    teamId: z.string(),
    opdrachtgeverId: z.string().nullable(),
    begeleiderId: z.string(),
    currentTrede: z.number(),
    version: z.number(),
    createdAt: z.string(),
    updatedAt: z.string(),
    ladder: z.array(ladderEntryView),
    trajectories: z
      .array(trajectoryViewSchema)
      .openapi({ description: 'Open trajectory first, then closed ones, newest first' }),
  }),
);

const json = (schema: z.ZodType) => ({ content: { 'application/json': { schema } } });

registry.registerPath({
  method: 'get',
  path: '/cases',
  summary:
    'Cases of your teams (begeleider, teamleider), sorted by client number or nearest deadline',
  request: { query: listCasesQuerySchema },
  responses: {
    200: {
      description: 'One page of cases',
      ...json(
        z.object({
          items: z.array(caseListItemView),
          total: z.number(),
          page: z.number(),
          pageSize: z.number(),
        }),
      ),
    },
    ...errorResponses(400, 401, 403),
  },
});
registry.registerPath({
  method: 'post',
  path: '/cases',
  summary: 'New case with its intake trede (the first ladder entry)',
  request: { body: json(createCaseBodySchema) },
  responses: {
    201: { description: 'The case file', ...json(caseFileViewSchema) },
    ...errorResponses(400, 401, 403, 409),
  },
});
registry.registerPath({
  method: 'get',
  path: '/cases/{id}',
  summary:
    'Case file: current trede, trajectories with the events your role may send, ladder history',
  request: { params: caseIdParamsSchema },
  responses: {
    200: { description: 'The case file', ...json(caseFileViewSchema) },
    ...errorResponses(401, 403, 404),
  },
});

/** POST /cases/:id/assessments (SPEC §3): a ladder measurement. */
export const recordAssessmentBodySchema = z
  .object({
    trede: tredeSchema,
    assessedAt: instantSchema.openapi({
      description:
        'When it was measured; not in the future, not before the latest ladder entry or event',
    }),
    note: z.string().trim().min(1).max(2000).optional(),
  })
  .strict()
  .openapi('RecordAssessment');

registry.registerPath({
  method: 'post',
  path: '/cases/{id}/assessments',
  summary:
    "A trede measurement: through the open trajectory's ASSESS_TREDE when it takes one, else on the ladder (no open trajectory, or suspended / dropped out)",
  request: { params: caseIdParamsSchema, body: json(recordAssessmentBodySchema) },
  responses: {
    201: { description: 'The case file', ...json(caseFileViewSchema) },
    ...errorResponses(400, 401, 403, 404, 409, 422),
  },
});
