import { z } from 'zod';
import { PRODUCT_CODES, TRAJECTORY_STATE_KEYS } from '../../machines';
import { nameText } from '../http/text';
import { instantSchema, objectIdSchema, signalCodeSchema, tredeSchema } from '../openapi/fields';
import { errorResponses, json, registry } from '../openapi/registry';
import { trajectoryViewSchema } from '../trajectories/schema';
import { isValidBsn } from './bsn';

export const createCaseBodySchema = z
  .object({
    clientNumber: z
      .string()
      .trim()
      .min(1)
      .max(40)
      .regex(/^[A-Za-z0-9._-]+$/, 'letters, digits, . _ - only')
      .openapi({ example: 'K-2026-0042' }),
    displayName: nameText(120).openapi({ example: 'Fictief, A.' }),
    teamId: objectIdSchema,
    begeleiderId: objectIdSchema,
    trede: tredeSchema.openapi({
      description: 'Intake trede: the first entry of the ladder history',
    }),
    assessedAt: instantSchema,
    opdrachtgeverId: objectIdSchema.optional().openapi({
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

/** A state of the open trajectory, or 'none' for a case without one (closed is never open). */
const stateQuery = z.enum([...TRAJECTORY_STATE_KEYS, 'none']).exclude(['closed']);

export const listCasesQuerySchema = z.strictObject({
  team: objectIdSchema.optional(),
  opdrachtgever: objectIdSchema.optional().openapi({ description: 'Cases of this opdrachtgever' }),
  begeleider: objectIdSchema.optional(),
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

export const moveCaseBodySchema = z
  .strictObject({
    opdrachtgeverId: objectIdSchema.openapi({
      description: 'The opdrachtgever the case belongs to from now on',
    }),
    expectedVersion: z.number().int().min(1).openapi({ description: 'The case file’s version' }),
  })
  .openapi('MoveCase');

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
    opdrachtgeverMoves: z
      .array(z.object({ from: z.string().nullable(), to: z.string(), at: z.string() }))
      // Optional in the type only, so older client fixtures still compile; the server always sends it.
      .optional()
      .openapi({ description: 'Moves to another opdrachtgever, oldest first (decision 031)' }),
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
    ...errorResponses(400, 401, 403, 404),
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

registry.registerPath({
  method: 'patch',
  path: '/cases/{id}',
  summary:
    'Move the case to another opdrachtgever (teamleider of its team, decision 031): audited and versioned; the running trajectory keeps its limits and deadline, billing goes to the new opdrachtgever from this moment',
  request: { params: caseIdParamsSchema, body: json(moveCaseBodySchema) },
  responses: {
    200: { description: 'The case file', ...json(caseFileViewSchema) },
    ...errorResponses(400, 401, 403, 404, 409, 422),
  },
});
