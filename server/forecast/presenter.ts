import type { ForecastBuckets, ForecastTrajectory } from '../../machines';

export interface ForecastGroupInput {
  teamId: string;
  begeleiderId: string;
  trajectories: ForecastTrajectory[];
}

/** The forecast view: totals first, then one row per team/begeleider, sorted by name. */
export function presentForecast(input: {
  from: string;
  total: ForecastBuckets;
  groups: Array<ForecastGroupInput & { buckets: ForecastBuckets }>;
  teamNames: Map<string, string>;
  userNames: Map<string, string>;
}) {
  const groups = input.groups
    .map((group) => ({
      teamId: group.teamId,
      teamName: input.teamNames.get(group.teamId) ?? '',
      begeleiderId: group.begeleiderId,
      begeleiderName: input.userNames.get(group.begeleiderId) ?? '',
      ...group.buckets,
    }))
    .sort(
      (a, b) =>
        a.teamName.localeCompare(b.teamName, 'nl') ||
        a.begeleiderName.localeCompare(b.begeleiderName, 'nl'),
    );
  return { from: input.from, ...input.total, groups };
}
