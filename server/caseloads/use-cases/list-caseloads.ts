import type { AppContext } from '../../app-context';
import type { AuthUser } from '../../policies/actor';
import { openCaseSummaries } from '../../case-store/case-summary-sync';
import { orgScopeOf, scopeOf } from '../../policies/scope';
import { findUsers } from '../../users/user.repository';
import { presentCaseloads } from '../presenter';
import type { CaseloadsQuery } from '../schema';

/** GET /caseloads: each active begeleider/teamleider of the user's teams, with zeros too. */
export async function listCaseloads(context: AppContext, user: AuthUser, query: CaseloadsQuery) {
  const teamIds = query.team ? user.teamIds.filter((id) => id === query.team) : user.teamIds;
  const [records, members] = await Promise.all([
    openCaseSummaries(context, scopeOf(user), {
      teamId: query.team,
      opdrachtgeverId: query.opdrachtgever,
    }),
    findUsers(context.db, orgScopeOf(user)),
  ]);
  return presentCaseloads({
    teamIds,
    members: members.filter(
      (member) => member.active && (member.role === 'begeleider' || member.role === 'teamleider'),
    ),
    trajectories: records.map((record) => ({
      teamId: record.teamId,
      begeleiderId: record.begeleiderId,
      state: record.open!.summary.state,
    })),
  });
}
