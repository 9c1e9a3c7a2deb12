import { Router } from 'express';
import type { AppContext } from '../app-context';
import { authorize, currentUser } from '../http/current-user';
import { parseInput } from '../http/validate';
import { findAudit } from './audit.repository';
import { auditQuerySchema } from './schema';

export function auditRoutes(context: AppContext): Router {
  const router = Router();
  router.get('/audit', authorize('administer'), async (req, res) => {
    const me = currentUser(req);
    const query = parseInput(auditQuerySchema, req.query, 'query');
    const result = await findAudit(context.db, {
      orgId: me.orgId,
      caseId: query.caseId,
      actorId: query.userId,
      from: query.from ? new Date(query.from) : undefined,
      to: query.to ? new Date(query.to) : undefined,
      skip: (query.page - 1) * query.pageSize,
      limit: query.pageSize,
    });
    res.json({ ...result, page: query.page, pageSize: query.pageSize });
  });
  return router;
}
