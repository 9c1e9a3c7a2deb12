import { Router } from 'express';
import type { AppContext } from '../app-context';
import { recordAudit } from '../audit/audit-log';
import { authorize, currentUser } from '../http/current-user';
import { hashPassword } from './password';
import { deleteSessionsOfUser } from '../sessions/session.repository';
import { NotFoundError } from '../errors';
import { parseObjectId } from '../ids';
import { parseInput } from '../http/validate';
import { assertTeamsInOrganisation, createUser } from './create-user';
import { presentUser } from './presenter';
import { createUserBodySchema, listUsersQuerySchema, updateUserBodySchema } from './schema';
import { listUsers, updateUser } from './user.repository';

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
    if (body.teamIds) await assertTeamsInOrganisation(context, me.orgId, body.teamIds);
    const { password, ...changes } = body;
    const updated = await updateUser(context.db, me.orgId, id, {
      ...changes,
      ...(password && { passwordHash: await hashPassword(password) }),
      now: context.clock.now(),
    });
    if (!updated) throw new NotFoundError('User');
    if (body.active === false || password) await deleteSessionsOfUser(context.db, id);
    await recordAudit(context, {
      orgId: me.orgId,
      actorId: me.id,
      action: 'user.update',
      details: { userId: id, changed: Object.keys(body) },
    });
    res.json(presentUser(updated));
  });

  return router;
}
