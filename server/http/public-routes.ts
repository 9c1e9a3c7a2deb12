/**
 * The API routes that answer without a session: the one list (issue 8). Every other route of
 * /api/v1 needs a logged-in user (401 without one), which tests/integration/public-routes.test.ts
 * checks for every path of the OpenAPI document. `POST /auth/logout` is public so that a client
 * with an expired session can still clear its cookie.
 */
export const PUBLIC_ROUTES: ReadonlyArray<{ method: 'get' | 'post'; path: string }> = [
  { method: 'get', path: '/health' },
  { method: 'get', path: '/openapi.json' },
  { method: 'post', path: '/auth/login' },
  { method: 'post', path: '/auth/logout' },
];

export function isPublicRoute(method: string, path: string): boolean {
  return PUBLIC_ROUTES.some(
    (route) => route.method === method.toLowerCase() && route.path === path,
  );
}
