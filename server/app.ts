import cookieParser from 'cookie-parser';
import express, { type Express, type Router } from 'express';
import fs from 'node:fs';
import path from 'node:path';
import helmet from 'helmet';
import type { AppContext } from './app-context';
import { auditRoutes } from './audit/routes';
import { caseloadRoutes } from './caseloads/routes';
import { caseRoutes } from './cases/routes';
import { forecastRoutes } from './forecast/routes';
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

/** Each module contributes one router under /api/v1; the order here is the mount order. */
const apiModules: Array<(context: AppContext) => Router> = [
  healthRoutes,
  openApiRoutes,
  authRoutes, // authenticates every later route (sets req.user)
  teamRoutes,
  userRoutes,
  auditRoutes,
  organisationRoutes,
  opdrachtgeverRoutes,
  caseRoutes,
  trajectoryRoutes,
  signalRoutes,
  caseloadRoutes,
  forecastRoutes,
  reportRoutes,
];

export function createApp(context: AppContext): Express {
  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', 'loopback');
  app.set('query parser', 'simple'); // no nested objects from query strings: ?a[$ne]=x stays a string
  app.use(helmet());
  app.use(express.json({ limit: '100kb' }));
  app.use(cookieParser());

  const api = express.Router();
  for (const module of apiModules) api.use(module(context));
  api.use(notFoundHandler);
  app.use('/api/v1', api);

  serveClient(app);
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
