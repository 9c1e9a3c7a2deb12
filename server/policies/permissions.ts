import { actsOnCases, roleMaySend, ROLES, type Role } from '../../machines';
import type { AuthUser } from './actor';

/**
 * "May this user do this?" for every route and use case (SPEC §2.5), in one place. Who may send
 * which trajectory event is a workflow rule, a guard of the machines (decision 038): machines/'s
 * `roleMaySend`, re-exported here so the server asks policies/ alone, while the browser gets the
 * same answer from the machines it restores.
 */
export { roleMaySend };

/** What a route or use case asks permission for. */
export type Permission =
  /** Case files, trajectories, events, signals: begeleider and teamleider. */
  | 'casework'
  /** Users, teams, settings, the audit log: beheerder. */
  | 'administer'
  /** Pseudonymised trede-transition export: beleid (organisation), teamleider (own teams). */
  | 'exportTransitions'
  /** Moving a case to another opdrachtgever (decision 031): teamleider (own teams). */
  | 'moveCase';

const ROLES_WITH: Readonly<Record<Permission, readonly Role[]>> = {
  casework: ROLES.filter(actsOnCases), // begeleider, teamleider: the roles the machines accept
  administer: ['beheerder'],
  exportTransitions: ['beleid', 'teamleider'],
  moveCase: ['teamleider'],
};

export function rolesWith(permission: Permission): readonly Role[] {
  return ROLES_WITH[permission];
}

export function may(user: Pick<AuthUser, 'role'>, permission: Permission): boolean {
  return ROLES_WITH[permission].includes(user.role);
}

/**
 * The teams whose data a user sees: null for every team of the organisation (beheerder and beleid
 * work organisation-wide), else their own teams.
 */
export function teamsInView(user: Pick<AuthUser, 'role' | 'teamIds'>): string[] | null {
  return user.role === 'beheerder' || user.role === 'beleid' ? null : user.teamIds;
}

/** A user as the begeleider check needs it (a users repository record fits). */
export interface Candidate {
  orgId: string;
  role: Role;
  teamIds: readonly string[];
  active: boolean;
}

/**
 * Who may be a case's begeleider (POST /cases, REASSIGN): an active begeleider or teamleider of
 * the case's team in the case's organisation.
 */
export function mayBeBegeleiderOf(
  candidate: Candidate | null,
  kase: { orgId: string; teamId: string },
): boolean {
  return (
    candidate !== null &&
    candidate.active &&
    candidate.orgId === kase.orgId &&
    candidate.teamIds.includes(kase.teamId) &&
    actsOnCases(candidate.role)
  );
}

/** A case is created in one of the creator's own teams. */
export function mayCreateCaseIn(user: Pick<AuthUser, 'teamIds'>, teamId: string): boolean {
  return user.teamIds.includes(teamId);
}
