import { Router } from 'express';
import type { AppContext } from '../app-context';
import { pingDatabase } from '../db/connection';

export function healthRoutes(context: AppContext): Router {
  const router = Router();
  router.get('/health', async (_req, res) => {
    const up = await pingDatabase(context.db);
    res.status(up ? 200 : 503).json({
      status: up ? 'ok' : 'degraded',
      database: { status: up ? 'up' : 'down', engine: context.databaseKind },
      time: context.clock.now().toISOString(),
    });
  });
  return router;
}
