import { z } from 'zod';
import { errorResponses, registry } from '../openapi/registry';

const isoDate = z
  .string()
  .refine((value) => !Number.isNaN(Date.parse(value)), 'must be an ISO date');

export const auditQuerySchema = z.strictObject({
  caseId: z.string().max(64).optional(),
  userId: z.string().max(64).optional(),
  from: isoDate.optional(),
  to: isoDate.optional(),
  category: z
    .enum(['change', 'read', 'security'])
    .optional()
    .openapi({ description: 'security: failed logins, lockouts, refusals, invalid sessions' }),
  action: z
    .string()
    .max(64)
    .regex(
      /^[a-z][a-z_]*(\.[a-z_]+)*$/,
      'must be an action such as case.read, or a group such as case',
    )
    .optional()
    .openapi({
      description:
        'What: this action and the actions under it (`trajectory` matches trajectory.event and trajectory.read; `trajectory.event` also trajectory.event.replayed)',
    }),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(500).default(100),
});

/** GET /audit's answer; audit/presenter.ts is typed against it. */
export const auditListView = z.object({
  items: z.array(
    z.object({
      id: z.string(),
      orgId: z.string().nullable(),
      category: z.enum(['change', 'read', 'security']).nullable(),
      at: z.string(),
      actorId: z.string().nullable(),
      action: z.string(),
      caseId: z.string().nullable(),
      trajectoryId: z.string().nullable(),
      details: z.record(z.string(), z.unknown()),
    }),
  ),
  total: z.number(),
  page: z.number(),
  pageSize: z.number(),
});

registry.registerPath({
  method: 'get',
  path: '/audit',
  summary: 'The append-only audit log of your organisation (beheerder), newest first',
  request: { query: auditQuerySchema },
  responses: {
    200: {
      description: 'Audit entries',
      content: {
        'application/json': {
          schema: auditListView,
        },
      },
    },
    ...errorResponses(400, 401, 403),
  },
});
