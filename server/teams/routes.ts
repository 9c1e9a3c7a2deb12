import { Router } from 'express';
import type { AppContext } from '../app-context';
import { recordAudit } from '../audit/audit-log';
import { authorize, currentUser } from '../http/current-user';
import { ConflictError } from '../errors';
import { parseInput, parseNoQuery } from '../http/validate';
import { teamsInView } from '../policies/permissions';
import { createTeamBodySchema } from './schema';
import { DuplicateTeamNameError, findTeamByName, insertTeam, listTeams } from './team.repository';

export function teamRoutes(context: AppContext): Router {
  const router = Router();

  // Begeleiders and teamleiders need their team names for filters; beleid filters reports by team.
  router.get('/teams', async (req, res) => {
    const me = currentUser(req);
    parseNoQuery(req.query);
    res.json({ items: await listTeams(context.db, me.orgId, teamsInView(me) ?? undefined) });
  });

  router.post('/teams', authorize('administer'), async (req, res) => {
    const me = currentUser(req);
    const body = parseInput(createTeamBodySchema, req.body);
    const taken = () =>
      new ConflictError(`A team named ${body.name} exists`, [
        { field: 'name', message: 'already exists (names are compared ignoring case)' },
      ]);
    if (await findTeamByName(context.db, me.orgId, body.name)) throw taken();
    const team = await insertTeam(context.db, {
      orgId: me.orgId,
      name: body.name,
      now: context.clock.now(),
    }).catch((error: unknown) => {
      throw error instanceof DuplicateTeamNameError ? taken() : error;
    });
    await recordAudit(context, {
      orgId: me.orgId,
      actorId: me.id,
      action: 'team.create',
      details: { teamId: team.id },
    });
    res.status(201).json(team);
  });

  return router;
}
