import { Router } from 'express';
import type { AppContext } from '../app-context';
import { authorize, currentUser } from '../http/current-user';
import { parseInput, parseNoQuery } from '../http/validate';
import { presentTeam } from './presenter';
import { createTeamBodySchema } from './schema';
import { createTeam } from './use-cases/create-team';
import { listTeams } from './use-cases/list-teams';

export function teamRoutes(context: AppContext): Router {
  const router = Router();

  router.get('/teams', async (req, res) => {
    const me = currentUser(req); // 401 before 400
    parseNoQuery(req.query);
    const teams = await listTeams(context, me);
    res.json({ items: teams.map(presentTeam) });
  });

  router.post('/teams', authorize('administer'), async (req, res) => {
    const body = parseInput(createTeamBodySchema, req.body);
    res.status(201).json(presentTeam(await createTeam(context, currentUser(req), body)));
  });

  return router;
}
