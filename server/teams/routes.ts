import { Router } from 'express';
import type { AppContext } from '../app-context';
import { authorize, currentUser } from '../http/current-user';
import { parseInput, parseNoQuery } from '../http/validate';
import { createTeamBodySchema } from './schema';
import { createTeam } from './use-cases/create-team';
import { listTeams } from './use-cases/list-teams';

export function teamRoutes(context: AppContext): Router {
  const router = Router();

  router.get('/teams', async (req, res) => {
    const me = currentUser(req); // 401 before 400
    parseNoQuery(req.query);
    res.json(await listTeams(context, me));
  });

  router.post('/teams', authorize('administer'), async (req, res) => {
    const body = parseInput(createTeamBodySchema, req.body);
    res.status(201).json(await createTeam(context, currentUser(req), body));
  });

  return router;
}
