import type { AppContext } from '../../app-context';
import { recordAudit } from '../../audit/audit-log';
import type { SecurityEvent } from '../../audit/security-events';
import { hashPassword } from '../password';
import { deleteSessionsOfUser } from '../../sessions/session.repository';
import type { AuthUser } from '../../policies/actor';
import { withKeyedLock } from '../../db/keyed-lock';
import { AppError, NotFoundError } from '../../errors';
import { decideAccessChange } from '../../policies/access-change';
import { orgScopeOf } from '../../policies/scope';
import { assertTeamsInOrganisation } from './create-user';
import { presentUser } from '../presenter';
import type { UpdateUserBody } from '../schema';
import { countOtherActiveBeheerders, findUserInOrganisation, updateUser } from '../user.repository';

type SecurityReporter = (event: Omit<SecurityEvent, 'orgId' | 'actorId'>) => Promise<void>;

/**
 * PATCH /users/:id. Changes of access (role, teams, active) follow policies/access-change.ts and are
 * security events. The check and the write run under one lock per organisation, so two beheerders
 * of one instance demoting each other cannot both pass the last-beheerder check; across instances
 * that window stays (no multi-document transactions on FerretDB v1), docs/security.md.
 */
export async function updateUserAsAdmin(
  context: AppContext,
  me: AuthUser,
  id: string,
  body: UpdateUserBody,
  reportSecurity: SecurityReporter,
) {
  const scope = orgScopeOf(me);
  if (body.teamIds) await assertTeamsInOrganisation(context, scope, body.teamIds);
  const passwordHash = body.password ? await hashPassword(body.password) : undefined;
  return withKeyedLock(`${context.db.name}/user-admin/${me.orgId}`, async () => {
    const target = await findUserInOrganisation(context.db, scope, id);
    if (!target) throw new NotFoundError('User');
    const decision = decideAccessChange({
      actorId: me.id,
      target,
      change: body,
      otherActiveBeheerders:
        target.role === 'beheerder'
          ? await countOtherActiveBeheerders(context.db, scope, target.id)
          : 1,
    });
    if (!decision.ok) {
      const self = decision.reason === 'SELF_CHANGE';
      await reportSecurity({
        action: self ? 'security.self_change_refused' : 'security.last_beheerder_refused',
        outcome: decision.reason,
        details: { userId: target.id, fields: decision.fields },
      });
      throw self
        ? new AppError(403, 'SELF_CHANGE', 'You cannot change your own role, teams or status', [
            ...decision.fields.map((field) => ({ field, message: 'your own access' })),
          ])
        : new AppError(
            409,
            'LAST_BEHEERDER',
            'The organisation needs at least one active beheerder',
            decision.fields.map((field) => ({ field, message: 'last active beheerder' })),
          );
    }
    const { password: _password, ...changes } = body;
    const updated = await updateUser(context.db, scope, id, {
      ...changes,
      ...(passwordHash && { passwordHash }),
      now: context.clock.now(),
    });
    if (!updated) throw new NotFoundError('User');
    if (body.active === false || body.password) await deleteSessionsOfUser(context.db, id);
    await recordAudit(context, {
      orgId: me.orgId,
      actorId: me.id,
      action: 'user.update',
      details: { userId: id, changed: Object.keys(body) },
    });
    if (decision.changed.length)
      await reportSecurity({
        action: 'security.user_access_changed',
        outcome: 'CHANGED',
        details: {
          userId: id,
          fields: decision.changed,
          from: { role: target.role, active: target.active, teams: target.teamIds.length },
          to: { role: updated.role, active: updated.active, teams: updated.teamIds.length },
        },
      });
    return presentUser(updated);
  });
}
