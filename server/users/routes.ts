import { Router } from 'express';
import type { AppContext } from '../app-context';
import { authorize, currentUser } from '../http/current-user';
import { recordSecurityEvent } from '../audit/security-events';
import { parseObjectId } from '../ids';
import { parseInput } from '../http/validate';
import { createUserBodySchema, listUsersQuerySchema, updateUserBodySchema } from './schema';
import { createUserAsAdmin } from './use-cases/create-user';
import { listUsers } from './use-cases/list-users';
import { updateUserAsAdmin } from './use-cases/update-user';

export function userRoutes(context: AppContext): Router {
  const router = Router();
  const admin = authorize('administer');

  router.get('/users', admin, async (req, res) => {
    const query = parseInput(listUsersQuerySchema, req.query, 'query');
    res.json(await listUsers(context, currentUser(req), { teamId: query.team, role: query.role }));
  });

  router.post('/users', admin, async (req, res) => {
    const body = parseInput(createUserBodySchema, req.body);
    res.status(201).json(await createUserAsAdmin(context, currentUser(req), body));
  });

  router.patch('/users/:id', admin, async (req, res) => {
    const me = currentUser(req);
    const id = parseObjectId(String(req.params.id), 'User').toHexString();
    const body = parseInput(updateUserBodySchema, req.body);
    res.json(
      await updateUserAsAdmin(context, me, id, body, (event) =>
        recordSecurityEvent(context, req, { ...event, orgId: me.orgId, actorId: me.id }),
      ),
    );
  });

  return router;
}
