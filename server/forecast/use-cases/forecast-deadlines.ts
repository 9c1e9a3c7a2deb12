import { bucketDeadlines, localDateOf, type ForecastTrajectory } from '../../../machines';
import type { AppContext } from '../../app-context';
import type { AuthUser } from '../../policies/actor';
import { openCaseSummaries } from '../../case-store/case-summary-sync';
import { orgScopeOf, scopeOf } from '../../policies/scope';
import { findTeams } from '../../teams/team.repository';
import { findUsers } from '../../users/user.repository';
import { presentForecast, type ForecastGroupInput } from '../presenter';
import type { ForecastQuery } from '../schema';

/**
 * GET /forecast: the open trajectories of the user's teams (scoped like GET /signals), their stored
 * summaries bucketed by the engine's week rule (machines/forecast.ts), in total and per
 * team/begeleider.
 */
export async function forecastDeadlines(context: AppContext, user: AuthUser, query: ForecastQuery) {
  const from = query.from ?? localDateOf(context.clock.now().toISOString());
  const records = await openCaseSummaries(context, scopeOf(user), {
    teamId: query.team,
    begeleiderId: query.begeleider,
  });
  const all: ForecastTrajectory[] = [];
  const byGroup = new Map<string, ForecastGroupInput>();
  for (const record of records) {
    const summary = record.open!.summary;
    const trajectory: ForecastTrajectory = {
      machineId: summary.machineId,
      state: summary.state,
      deadlineAt: summary.deadlineAt ? summary.deadlineAt.toISOString() : null,
    };
    all.push(trajectory);
    const key = `${record.teamId}/${record.begeleiderId}`;
    const group = byGroup.get(key) ?? {
      teamId: record.teamId,
      begeleiderId: record.begeleiderId,
      trajectories: [],
    };
    group.trajectories.push(trajectory);
    byGroup.set(key, group);
  }
  const [teams, users] = await Promise.all([
    findTeams(context.db, orgScopeOf(user)),
    findUsers(context.db, orgScopeOf(user)),
  ]);
  return presentForecast({
    from,
    total: bucketDeadlines(all, from, query.weeks),
    groups: [...byGroup.values()].map((group) => ({
      ...group,
      buckets: bucketDeadlines(group.trajectories, from, query.weeks),
    })),
    teamNames: new Map(teams.map((team) => [team.id, team.name])),
    userNames: new Map(users.map((member) => [member.id, member.displayName])),
  });
}
