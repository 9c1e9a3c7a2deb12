import { Router } from 'express';
import type { AppContext } from '../app-context';
import { authorize, currentUser } from '../http/current-user';
import { parseInput } from '../http/validate';
import { orgScopeOf } from '../policies/scope';
import { settingsOverridesSchema } from './schema';
import { changeSettings } from './use-cases/change-settings';
import { getSettings } from './use-cases/get-settings';

export function organisationRoutes(context: AppContext): Router {
  const router = Router();

  router.get('/settings', async (req, res) => {
    res.json(await getSettings(context, orgScopeOf(currentUser(req))));
  });

  router.patch('/settings', authorize('administer'), async (req, res) => {
    const me = currentUser(req);
    const change = parseInput(settingsOverridesSchema, req.body);
    res.json(await changeSettings(context, me, change));
  });

  return router;
}
