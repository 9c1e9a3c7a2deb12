import type { Role } from '../../machines';

/**
 * Who may change a user's access (hole 2). A beheerder administers others, never themselves: a
 * change of one's own role, teams or active flag would let a beheerder give themselves casework
 * access to every case file (SPEC §2.5 keeps the roles apart). And an organisation always keeps at
 * least one active beheerder, or nobody could administer it again.
 */
export interface AccessChange {
  role?: Role;
  teamIds?: string[];
  active?: boolean;
}

export interface AccessTarget {
  id: string;
  role: Role;
  teamIds: string[];
  active: boolean;
}

export type AccessDecision =
  | { ok: true; changed: Array<keyof AccessChange> }
  | { ok: false; reason: 'SELF_CHANGE' | 'LAST_BEHEERDER'; fields: Array<keyof AccessChange> };

const sameTeams = (a: string[], b: string[]): boolean =>
  a.length === b.length && [...a].sort().join() === [...b].sort().join();

/** The access fields this change really alters (a form may resend unchanged values). */
export function changedAccessFields(target: AccessTarget, change: AccessChange) {
  const fields: Array<keyof AccessChange> = [];
  if (change.role !== undefined && change.role !== target.role) fields.push('role');
  if (change.teamIds !== undefined && !sameTeams(change.teamIds, target.teamIds))
    fields.push('teamIds');
  if (change.active !== undefined && change.active !== target.active) fields.push('active');
  return fields;
}

export function decideAccessChange(input: {
  actorId: string;
  target: AccessTarget;
  change: AccessChange;
  /** Active beheerders of the organisation other than the target. */
  otherActiveBeheerders: number;
}): AccessDecision {
  const changed = changedAccessFields(input.target, input.change);
  if (changed.length && input.actorId === input.target.id)
    return { ok: false, reason: 'SELF_CHANGE', fields: changed };
  const stillBeheerder =
    (input.change.role ?? input.target.role) === 'beheerder' &&
    (input.change.active ?? input.target.active);
  const wasBeheerder = input.target.role === 'beheerder' && input.target.active;
  if (wasBeheerder && !stillBeheerder && input.otherActiveBeheerders === 0)
    return {
      ok: false,
      reason: 'LAST_BEHEERDER',
      fields: changed.filter((field) => field !== 'teamIds'),
    };
  return { ok: true, changed };
}
