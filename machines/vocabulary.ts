import type { Role, TrajectoryStateKey } from './types';

/**
 * The lists behind the union types of types.ts, for code that must enumerate them (request
 * schemas, the users collection's enum). `satisfies` plus the exhaustiveness checks below keep
 * each list and its type the same set.
 */
export const ROLES = [
  'begeleider',
  'teamleider',
  'beleid',
  'beheerder',
] as const satisfies readonly Role[];

export const TRAJECTORY_STATE_KEYS = [
  'registered',
  'active',
  'stepAchieved',
  'overdue',
  'reviewDue',
  'suspended',
  'droppedOut',
  'closed',
] as const satisfies readonly TrajectoryStateKey[];

type Missing<All, Listed> = Exclude<All, Listed> extends never ? true : Exclude<All, Listed>;
const _allRoles: Missing<Role, (typeof ROLES)[number]> = true;
const _allStates: Missing<TrajectoryStateKey, (typeof TRAJECTORY_STATE_KEYS)[number]> = true;
void _allRoles;
void _allStates;
