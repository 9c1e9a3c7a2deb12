import {
  extendZodWithOpenApi,
  OpenAPIRegistry,
  OpenApiGeneratorV3,
} from '@asteasolutions/zod-to-openapi';
import { z } from 'zod';

extendZodWithOpenApi(z);

/**
 * The request schemas that validate input are the ones registered here, so the OpenAPI document
 * served at /api/v1/openapi.json cannot drift from what the server accepts (SPEC §3).
 * Each module's schema.ts registers its paths on import.
 */
export const registry = new OpenAPIRegistry();

export const errorBodySchema = registry.register(
  'Error',
  z.object({
    error: z.object({
      code: z.string().openapi({ example: 'VALIDATION_FAILED' }),
      message: z.string(),
      details: z.unknown().optional(),
    }),
  }),
);

registry.registerComponent('securitySchemes', 'bearer', { type: 'http', scheme: 'bearer' });
registry.registerComponent('securitySchemes', 'cookie', {
  type: 'apiKey',
  in: 'cookie',
  name: 'trede_session',
});

/** A JSON request or response body of `schema`, for `registerPath`. */
export const json = (schema: z.ZodType) => ({ content: { 'application/json': { schema } } });

/** Standard error responses to spread into a path's `responses`. */
export function errorResponses(...statuses: Array<400 | 401 | 403 | 404 | 409 | 422 | 429>) {
  const descriptions: Record<number, string> = {
    400: 'Invalid input; details name the fields',
    401: 'Not logged in',
    403: 'Not allowed for this role',
    404: 'Not found (also: a case outside your teams)',
    409: 'Version conflict or duplicate',
    422: 'Not allowed now; details list allowedEvents',
    429: 'Too many attempts',
  };
  return Object.fromEntries(
    statuses.map((status) => [
      status,
      {
        description: descriptions[status]!,
        content: { 'application/json': { schema: errorBodySchema } },
      },
    ]),
  );
}

export function buildOpenApiDocument(): object {
  return new OpenApiGeneratorV3(registry.definitions).generateDocument({
    openapi: '3.0.3',
    info: {
      title: 'Trede API',
      version: '1',
      description: 'Case tracking on the Participatieladder (see docs/api.md).',
    },
    servers: [{ url: '/api/v1' }],
    security: [{ bearer: [] }, { cookie: [] }],
  });
}
