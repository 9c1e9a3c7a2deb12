import { Router } from 'express';
import type { AppContext } from '../app-context';
import { recordAudit } from '../audit/audit-log';
import { authorize, currentUser } from '../http/current-user';
import { recordSecurityEvent } from '../audit/security-events';
import { parseObjectId } from '../ids';
import { parseInput } from '../http/validate';
import { createUser } from './create-user';
import { presentUser } from './presenter';
import { createUserBodySchema, listUsersQuerySchema, updateUserBodySchema } from './schema';
import { updateUserAsAdmin } from './update-user';
import { listUsers } from './user.repository';

export function userRoutes(context: AppContext): Router {
  const router = Router();
  const admin = authorize('administer');

  router.get('/users', admin, async (req, res) => {
    const me = currentUser(req);
    const query = parseInput(listUsersQuerySchema, req.query, 'query');
    const users = await listUsers(context.db, me.orgId, { teamId: query.team, role: query.role });
    res.json({ items: users.map(presentUser) });
  });

  router.post('/users', admin, async (req, res) => {
    const me = currentUser(req);
    const body = parseInput(createUserBodySchema, req.body);
    const user = await createUser(context, { ...body, orgId: me.orgId });
    await recordAudit(context, {
      orgId: me.orgId,
      actorId: me.id,
      action: 'user.create',
      details: { userId: user.id, role: user.role },
    });
    res.status(201).json(presentUser(user));
  });

  router.patch('/users/:id', admin, async (req, res) => {
    const me = currentUser(req);
    const id = parseObjectId(String(req.params.id), 'User').toHexString();
    const body = parseInput(updateUserBodySchema, req.body);
    const updated = await updateUserAsAdmin(context, me, id, body, (event) =>
      recordSecurityEvent(context, req, { ...event, orgId: me.orgId, actorId: me.id }),
    );
    res.json(presentUser(updated));
  });

  return router;
}
