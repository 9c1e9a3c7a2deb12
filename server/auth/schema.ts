import { z } from 'zod';
import { errorResponses, registry } from '../openapi/registry';
import { userViewSchema } from '../users/schema';

export const loginBodySchema = z.strictObject({
  username: z.string().trim().min(1).max(100),
  password: z.string().min(1).max(200),
});

/** POST /auth/login's answer; auth/presenter.ts is typed against it. */
export const loginView = z.object({
  token: z.string(),
  expiresAt: z.string(),
  user: userViewSchema,
});

registry.registerPath({
  method: 'post',
  path: '/auth/login',
  summary: 'Log in; sets the httpOnly session cookie and returns a bearer token for API clients',
  security: [],
  request: { body: { content: { 'application/json': { schema: loginBodySchema } } } },
  responses: {
    200: {
      description: 'Logged in',
      content: {
        'application/json': {
          schema: loginView,
        },
      },
    },
    ...errorResponses(400, 401, 429),
  },
});
registry.registerPath({
  method: 'post',
  path: '/auth/logout',
  summary: 'End this session',
  responses: { 204: { description: 'Logged out' } },
});
registry.registerPath({
  method: 'get',
  path: '/me',
  summary: 'The logged-in user',
  responses: {
    200: { description: 'You', content: { 'application/json': { schema: userViewSchema } } },
    ...errorResponses(400, 401),
  },
});
