import { z } from 'zod';
import {
  CLOSE_OUTCOMES,
  HERONTDEKKEN_ROUTES,
  CATALOGUE_CODE_PATTERN,
  REVIEW_DECISIONS,
} from '../../machines';
import { instantSchema, objectIdSchema, signalCodeSchema, tredeSchema } from '../openapi/fields';
import { errorResponses, json, registry } from '../openapi/registry';

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

const note = z.string().trim().min(1).max(2000);
const reason = z.string().trim().min(1).max(500);

/** Every event carries these (SPEC §2.3: occurredAt; SPEC §3: expectedVersion for 409 on conflict). */
const base = {
  occurredAt: instantSchema.openapi({
    description:
      'When it happened; may be backdated, never in the future or before the previous event',
  }),
  expectedVersion: z
    .number()
    .int()
    .min(1)
    .openapi({ description: 'The trajectory version you last saw' }),
};

const event = <T extends string, S extends z.ZodRawShape>(type: T, shape: S) =>
  z.object({ type: z.literal(type), ...base, ...shape }).strict();

/** One schema per client event (SPEC §2.3); DEADLINE_PASSED is not among them (system only). */
export const eventBodySchema = z
  .discriminatedUnion('type', [
    event('START', {}),
    event('RECORD_CONTACT', { note, minutes: z.number().int().min(1).max(600).optional() }),
    event('ASSESS_TREDE', { trede: tredeSchema, note: note.optional() }),
    event('NEXT_STEP', {}),
    event('EXTEND', { months: z.union([z.literal(1), z.literal(2), z.literal(3)]), reason }),
    event('REVIEW', {
      decision: z.enum(REVIEW_DECISIONS),
      outcome: z
        .enum(CLOSE_OUTCOMES)
        .optional()
        .openapi({ description: 'Required with decision close (SPEC §2.3); never goalReached' }),
      note: note.optional(),
    }),
    event('CONCLUDE', {
      trede: tredeSchema,
      route: z.enum(HERONTDEKKEN_ROUTES),
      note: note.optional(),
      followUpProduct: z
        .string()
        .max(40)
        .regex(CATALOGUE_CODE_PATTERN, 'must be a catalogue code such as ONT or STA-3-PLUS')
        .optional()
        .openapi({
          description:
            'Routes ontwikkeltraject and stabiel: the follow-up product, e.g. a variant STA-3-PLUS (same family, for stabiel the concluded trede). Default: the built-in ONT / STA-<trede>, or the one fitting variant when the built-in is not offered',
        }),
    }),
    event('SUSPEND', { reason }),
    event('RESUME', {}),
    event('DROP_OUT', { reason }),
    event('REASSIGN', { begeleiderId: objectIdSchema }),
    event('CLOSE', {
      outcome: z.enum(CLOSE_OUTCOMES),
      note: note.optional(),
    }),
  ])
  .openapi('TrajectoryEvent');

export type EventBody = z.infer<typeof eventBodySchema>;

export const createTrajectoryBodySchema = z
  .object({
    product: z
      .string()
      .max(40)
      .regex(CATALOGUE_CODE_PATTERN, 'must be a catalogue code such as ONT or STA-3-PLUS')
      .openapi({
        description:
          'A product of the case’s opdrachtgever: ONT, STA-2, STA-3, STA-4, HER or a variant (STA-3-PLUS)',
        example: 'ONT',
      }),
    targetTrede: tredeSchema.optional().openapi({
      description:
        'ONT only, optional: must be the current trede + 1 (one step at a time, SPEC §2.3)',
    }),
    registeredAt: instantSchema,
  })
  .strict()
  .openapi('CreateTrajectory');

export const idempotencyKeySchema = z
  .string()
  .min(1)
  .max(200)
  .regex(/^[\x21-\x7e]+$/, 'printable ASCII without spaces');

const params = z.object({ id: z.string() });

registry.registerPath({
  method: 'post',
  path: '/cases/{id}/trajectories',
  summary: 'Register a trajectory (state registered); one open trajectory per case',
  request: { params, body: json(createTrajectoryBodySchema) },
  responses: {
    201: { description: 'The new trajectory', ...json(trajectoryViewSchema) },
    ...errorResponses(400, 401, 403, 404, 409, 422),
  },
});
registry.registerPath({
  method: 'get',
  path: '/trajectories/{id}',
  summary: 'A trajectory with its history and the events your role may send now',
  request: { params },
  responses: {
    200: { description: 'The trajectory', ...json(trajectoryViewSchema) },
    ...errorResponses(400, 401, 403, 404),
  },
});
registry.registerPath({
  method: 'post',
  path: '/trajectories/{id}/events',
  summary: 'Apply one event; all of it (state, deadline, history, trede transition) or nothing',
  description:
    'Send `expectedVersion` = the version you saw: another change in between answers 409 with details.currentVersion. ' +
    'An `Idempotency-Key` header makes retries safe: the same key with the same body returns the first response; ' +
    'the same key with another body answers 422 IDEMPOTENCY_KEY_REUSED.',
  request: {
    params,
    headers: z.object({ 'Idempotency-Key': idempotencyKeySchema.optional() }),
    body: json(eventBodySchema),
  },
  responses: {
    200: { description: 'The trajectory after the event', ...json(trajectoryViewSchema) },
    ...errorResponses(400, 401, 403, 404, 409, 422),
  },
});
