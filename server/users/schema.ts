import { z } from 'zod';
import { nameText } from '../http/text';
import { objectIdSchema, roleSchema } from '../openapi/fields';
import { errorResponses, json, registry } from '../openapi/registry';

export const userViewSchema = registry.register(
  'User',
  z.object({
    id: z.string(),
    orgId: z.string(),
    username: z.string(),
    displayName: z.string(),
    role: roleSchema,
    teamIds: z.array(z.string()),
    active: z.boolean().optional(),
  }),
);

const password = z.string().min(12, 'must be at least 12 characters').max(200);

export const createUserBodySchema = z.strictObject({
  username: z
    .string()
    .trim()
    .min(3)
    .max(60)
    .regex(/^[a-z0-9._-]+$/i, 'letters, digits, . _ - only'),
  displayName: nameText(120),
  role: roleSchema,
  teamIds: z.array(objectIdSchema).max(50).default([]),
  password,
});

export const updateUserBodySchema = z
  .object({
    displayName: nameText(120),
    role: roleSchema,
    teamIds: z.array(objectIdSchema).max(50),
    active: z.boolean(),
    password,
  })
  .partial()
  .strict()
  .refine((body) => Object.keys(body).length > 0, { message: 'nothing to change' });

export type UpdateUserBody = z.infer<typeof updateUserBodySchema>;

export const listUsersQuerySchema = z.strictObject({
  team: objectIdSchema.optional(),
  role: roleSchema.optional(),
});

registry.registerPath({
  method: 'get',
  path: '/users',
  summary: 'Users of your organisation (beheerder)',
  request: { query: listUsersQuerySchema },
  responses: {
    200: { description: 'Users', ...json(z.object({ items: z.array(userViewSchema) })) },
    ...errorResponses(400, 401, 403),
  },
});
registry.registerPath({
  method: 'post',
  path: '/users',
  summary: 'Create a user (beheerder)',
  request: { body: json(createUserBodySchema) },
  responses: {
    201: { description: 'Created', ...json(userViewSchema) },
    ...errorResponses(400, 401, 403, 409),
  },
});
registry.registerPath({
  method: 'patch',
  path: '/users/{id}',
  summary:
    'Change role, teams, name, password or deactivate (beheerder); deactivating ends the sessions. Not your own role, teams or active flag (403 SELF_CHANGE); never the last active beheerder (409 LAST_BEHEERDER)',
  request: { params: z.object({ id: z.string() }), body: json(updateUserBodySchema) },
  responses: {
    200: { description: 'Updated', ...json(userViewSchema) },
    ...errorResponses(400, 401, 403, 404, 409),
  },
});
