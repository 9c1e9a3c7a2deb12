import type { AppContext } from '../../app-context';
import { recordAudit } from '../../audit/audit-log';
import type { AuthUser } from '../../policies/actor';
import { deleteSession } from '../../sessions/session.repository';

/** POST /auth/logout: ends the session of this token, if any; audited when it was a live one. */
export async function logOut(
  context: AppContext,
  token: string | undefined,
  user: AuthUser | undefined,
): Promise<void> {
  if (token) await deleteSession(context.db, token);
  if (user)
    await recordAudit(context, { orgId: user.orgId, actorId: user.id, action: 'auth.logout' });
}
