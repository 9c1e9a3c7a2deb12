import { Router } from 'express';
import type { AppContext } from '../app-context';
import { authorize, currentUser } from '../http/current-user';
import { parseInput, parseNoQuery } from '../http/validate';
import { teamsInView } from '../policies/permissions';
import { createTeamBodySchema } from './schema';
import { listTeams } from './team.repository';
import { createTeam } from './use-cases/create-team';

export function teamRoutes(context: AppContext): Router {
  const router = Router();

  // Begeleiders and teamleiders need their team names for filters; beleid filters reports by team.
  router.get('/teams', async (req, res) => {
    const me = currentUser(req);
    parseNoQuery(req.query);
    res.json({ items: await listTeams(context.db, me.orgId, teamsInView(me) ?? undefined) });
  });

  router.post('/teams', authorize('administer'), async (req, res) => {
    const body = parseInput(createTeamBodySchema, req.body);
    res.status(201).json(await createTeam(context, currentUser(req), body));
  });

  return router;
}
