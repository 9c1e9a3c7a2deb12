import { Router } from 'express';
import type { AppContext } from '../app-context';
import { authorize, currentUser } from '../http/current-user';
import { parseInput } from '../http/validate';
import { findAudit } from './audit.repository';
import type { z } from 'zod';
import { auditListView, auditQuerySchema } from './schema';

export function auditRoutes(context: AppContext): Router {
  const router = Router();
  router.get('/audit', authorize('administer'), async (req, res) => {
    const me = currentUser(req);
    const query = parseInput(auditQuerySchema, req.query, 'query');
    const result = await findAudit(context.db, {
      orgId: me.orgId,
      caseId: query.caseId,
      actorId: query.userId,
      action: query.action,
      category: query.category,
      from: query.from ? new Date(query.from) : undefined,
      to: query.to ? new Date(query.to) : undefined,
      skip: (query.page - 1) * query.pageSize,
      limit: query.pageSize,
    });
    const body: z.infer<typeof auditListView> = {
      ...result,
      page: query.page,
      pageSize: query.pageSize,
    };
    res.json(body);
  });
  return router;
}
