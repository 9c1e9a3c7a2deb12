import { Router } from 'express';
import type { AppContext } from '../app-context';
import { authorize, currentUser } from '../http/current-user';
import { parseInput } from '../http/validate';
import { caseloadsQuerySchema } from './schema';
import { listCaseloads } from './use-cases/list-caseloads';

export function caseloadRoutes(context: AppContext): Router {
  const router = Router();
  router.get('/caseloads', authorize('casework'), async (req, res) => {
    const query = parseInput(caseloadsQuerySchema, req.query, 'query');
    res.json(await listCaseloads(context, currentUser(req), query));
  });
  return router;
}
