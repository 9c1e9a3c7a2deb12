import type { CaseScope } from './case.types';

/** The caller's organisation and teams as a filter on a case-keyed collection (cases, case_summaries). */
export function scopeFilter(scope: CaseScope): Record<string, unknown> {
  return { orgId: scope.orgId, teamId: { $in: [...scope.teamIds] } };
}

/**
 * The scope narrowed to one team when the caller asks for one (or has only one), as a top-level
 * string equality: the embedded engine pushes that down to an index (decision 022), while
 * `teamId: {$in}` inside `$and` made it decode every case. Null: the team is outside the scope.
 */
export function scopedTeamFilter(
  scope: CaseScope,
  teamId?: string,
): Record<string, unknown> | null {
  if (teamId) return scope.teamIds.includes(teamId) ? { orgId: scope.orgId, teamId } : null;
  if (scope.teamIds.length === 1) return { orgId: scope.orgId, teamId: scope.teamIds[0] };
  return scopeFilter(scope);
}
