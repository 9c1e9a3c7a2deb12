import type { AppContext } from '../../app-context';
import type { AuthUser } from '../../policies/actor';
import { teamsInView } from '../../policies/permissions';
import { orgScopeOf } from '../../policies/scope';
import { presentTeam } from '../presenter';
import { findTeams } from '../team.repository';

/**
 * GET /teams: begeleiders and teamleiders need their team names for filters, beleid filters
 * reports by team; each sees the teams in their view (policies/teamsInView).
 */
export async function listTeams(context: AppContext, actor: AuthUser) {
  const teams = await findTeams(context.db, orgScopeOf(actor), teamsInView(actor) ?? undefined);
  return { items: teams.map(presentTeam) };
}
