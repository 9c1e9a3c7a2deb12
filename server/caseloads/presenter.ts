import type { User } from '../users/user.repository';

/** Counts per (team, begeleider); a case's begeleider no longer in the team still gets a row. */
export function presentCaseloads(input: {
  teamIds: string[];
  members: Array<Pick<User, 'id' | 'displayName' | 'role' | 'teamIds'>>;
  trajectories: Array<{ teamId: string; begeleiderId: string; state: string }>;
}) {
  const names = new Map(input.members.map((member) => [member.id, member]));
  const rows = new Map<
    string,
    {
      teamId: string;
      begeleiderId: string;
      displayName: string;
      role: string;
      open: number;
      overdue: number;
      waiting: number;
    }
  >();
  const row = (teamId: string, begeleiderId: string) => {
    const key = `${teamId}/${begeleiderId}`;
    let found = rows.get(key);
    if (!found) {
      const member = names.get(begeleiderId);
      found = {
        teamId,
        begeleiderId,
        displayName: member?.displayName ?? '',
        role: member?.role ?? '',
        open: 0,
        overdue: 0,
        waiting: 0,
      };
      rows.set(key, found);
    }
    return found;
  };
  for (const member of input.members)
    for (const teamId of member.teamIds) if (input.teamIds.includes(teamId)) row(teamId, member.id);
  for (const trajectory of input.trajectories) {
    const target = row(trajectory.teamId, trajectory.begeleiderId);
    target.open += 1;
    if (trajectory.state === 'overdue' || trajectory.state === 'reviewDue') target.overdue += 1;
    if (trajectory.state === 'registered') target.waiting += 1;
  }
  return {
    items: [...rows.values()].sort((a, b) => a.displayName.localeCompare(b.displayName, 'nl')),
  };
}
