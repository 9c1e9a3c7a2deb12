import cookieParser from 'cookie-parser';
import express, { type Express, type Router } from 'express';
import fs from 'node:fs';
import path from 'node:path';
import helmet from 'helmet';
import type { AppContext } from './app-context';
import { auditRoutes } from './audit/routes';
import { securityEventsOnError } from './audit/security-events';
import { caseloadRoutes } from './caseloads/routes';
import { caseRoutes } from './cases/routes';
import { forecastRoutes } from './forecast/routes';
import { authenticate } from './auth/authenticate';
import { authRoutes } from './auth/routes';
import { healthRoutes } from './health/routes';
import { openApiRoutes } from './openapi/routes';
import { opdrachtgeverRoutes } from './organisations/opdrachtgever-routes';
import { organisationRoutes } from './organisations/routes';
import { reportRoutes } from './reports/routes';
import { signalRoutes } from './signals/routes';
import { teamRoutes } from './teams/routes';
import { trajectoryRoutes } from './trajectories/routes';
import { userRoutes } from './users/routes';
import { errorHandler, notFoundHandler } from './http/error-handler';
import { clientDistDir } from './paths';
import { noStore, rejectCrossSiteCookieWrites } from './http/headers';

/**
 * Each module contributes one router under /api/v1. Their order does not change what answers a
 * request (no two modules share a route, and none adds a middleware of its own): `authenticate`
 * runs before all of them, and every route that is not in http/public-routes.ts guards itself with
 * `authorize(permission)` or `currentUser(req)` (401 without a session). A request tries each
 * router's routes in turn until one matches, so the begeleider's most frequent requests — events
 * and the case file — come first.
 */
const apiModules: Array<(context: AppContext) => Router> = [
  trajectoryRoutes,
  caseRoutes,
  healthRoutes,
  openApiRoutes,
  authRoutes,
  teamRoutes,
  userRoutes,
  auditRoutes,
  organisationRoutes,
  opdrachtgeverRoutes,
  signalRoutes,
  caseloadRoutes,
  forecastRoutes,
  reportRoutes,
];

export function createApp(context: AppContext): Express {
  const app = express();
  app.disable('x-powered-by');
  // Every API answer is no-store (http/headers.ts), so an ETag could never be revalidated; Express
  // would hash each JSON body for it (static files keep theirs: express.static sets its own).
  app.set('etag', false);
  // Only the proxies the operator names may set the client address (TREDE_TRUST_PROXY, hole 1).
  app.set('trust proxy', context.config.trustProxy);
  app.set('query parser', 'simple'); // no nested objects from query strings: ?a[$ne]=x stays a string
  app.use(
    helmet({
      // helmet's default is frame-ancestors 'self'; nothing may frame Trede (docs/security.md).
      contentSecurityPolicy: { directives: { 'frame-ancestors': ["'none'"] } },
      frameguard: { action: 'deny' },
    }),
  );
  app.use(express.json({ limit: '100kb' }));
  app.use(cookieParser());

  const api = express.Router();
  api.use(noStore);
  api.use(rejectCrossSiteCookieWrites);
  api.use(authenticate(context)); // sets req.user for a live session; never rejects by itself
  for (const module of apiModules) api.use(module(context));
  api.use(notFoundHandler);
  app.use('/api/v1', api);
  app.use('/api', noStore, notFoundHandler); // /api/v2/…, /api/anything: JSON, not the client

  serveClient(app);
  app.use(securityEventsOnError(context));
  app.use(errorHandler);
  return app;
}

/** The built React client, with the SPA fallback so deep links (/cases/123) load the app. */
function serveClient(app: Express): void {
  const index = path.join(clientDistDir, 'index.html');
  app.use(express.static(clientDistDir, { index: false, maxAge: '1h' }));
  app.get(/^\/(?!api\/).*/, (_req, res) => {
    if (fs.existsSync(index)) res.sendFile(index);
    else
      res.status(404).type('text/plain').send('The client is not built yet: run `npm run build`.');
  });
}
