import { Router } from 'express';
import type { AppContext } from '../app-context';
import { authorize, currentUser } from '../http/current-user';
import { parseInput } from '../http/validate';
import { auditQuerySchema } from './schema';
import { listAudit } from './use-cases/list-audit';

export function auditRoutes(context: AppContext): Router {
  const router = Router();
  router.get('/audit', authorize('administer'), async (req, res) => {
    const query = parseInput(auditQuerySchema, req.query, 'query');
    res.json(await listAudit(context, currentUser(req), query));
  });
  return router;
}
