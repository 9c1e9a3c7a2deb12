import type { AuthUser } from './actor';

/**
 * What a caller may see of tenant-owned data. Every repository read of such a collection takes
 * one of these, so a query without its organisation (and, for case data, its teams) does not
 * compile (SPEC §2.5).
 */
export interface OrgScope {
  readonly orgId: string;
}

/** Case data: the caller's organisation and teams. */
export interface TeamScope extends OrgScope {
  readonly teamIds: readonly string[];
}

export function orgScopeOf(user: AuthUser): OrgScope {
  return { orgId: user.orgId };
}

/** A begeleider or teamleider sees the cases of their own teams (SPEC §2.5). */
export function scopeOf(user: AuthUser): TeamScope {
  return { orgId: user.orgId, teamIds: user.teamIds };
}
