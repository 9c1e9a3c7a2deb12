import type { AppContext } from '../../app-context';
import { recordAudit } from '../../audit/audit-log';
import { ConflictError } from '../../errors';
import type { AuthUser } from '../../policies/actor';
import { orgScopeOf } from '../../policies/scope';
import { presentTeam } from '../presenter';
import { DuplicateTeamNameError, findTeamByName, insertTeam } from '../team.repository';

/** POST /teams (beheerder): names are unique per organisation, compared ignoring case. */
export async function createTeam(context: AppContext, actor: AuthUser, input: { name: string }) {
  const taken = () =>
    new ConflictError(`A team named ${input.name} exists`, [
      { field: 'name', message: 'already exists (names are compared ignoring case)' },
    ]);
  if (await findTeamByName(context.db, orgScopeOf(actor), input.name)) throw taken();
  const team = await insertTeam(context.db, {
    orgId: actor.orgId,
    name: input.name,
    now: context.clock.now(),
  }).catch((error: unknown) => {
    throw error instanceof DuplicateTeamNameError ? taken() : error;
  });
  await recordAudit(context, {
    orgId: actor.orgId,
    actorId: actor.id,
    action: 'team.create',
    details: { teamId: team.id },
  });
  return presentTeam(team);
}
