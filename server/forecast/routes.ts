import { Router } from 'express';
import type { AppContext } from '../app-context';
import { authorize, currentUser } from '../http/current-user';
import { parseInput } from '../http/validate';
import { forecastQuerySchema } from './schema';
import { forecastDeadlines } from './use-cases/forecast-deadlines';

/** Counts only, but per begeleider of one's own teams: casework roles, scoped like /signals. */
export function forecastRoutes(context: AppContext): Router {
  const router = Router();
  router.get('/forecast', authorize('casework'), async (req, res) => {
    const query = parseInput(forecastQuerySchema, req.query, 'query');
    res.json(await forecastDeadlines(context, currentUser(req), query));
  });
  return router;
}
