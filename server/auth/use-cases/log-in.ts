import type { AppContext } from '../../app-context';
import { recordAudit } from '../../audit/audit-log';
import type { SecurityEvent } from '../../audit/security-events';
import { UnauthenticatedError } from '../../errors';
import { createSession } from '../../sessions/session.repository';
import { burnPasswordCheck, verifyPassword } from '../../users/password';
import { findCredentials, type User } from '../../users/user.repository';
import { countLoginAttempt, TooManyAttemptsError } from '../login-throttle';
import { presentLogin } from '../presenter';

type SecurityReporter = (event: SecurityEvent) => Promise<void>;

export interface LoggedIn {
  token: string;
  expiresAt: Date;
  user: User;
}

/**
 * POST /auth/login (SPEC §6): counted against the login limits before the password is checked;
 * every refusal is the same 401 (an unknown username costs a password check too, so timing does not
 * tell) and a security event.
 */
export async function logIn(
  context: AppContext,
  input: { username: string; password: string; clientAddress: string },
  reportSecurity: SecurityReporter,
) {
  const found = await findCredentials(context.db, input.username);
  const security = (action: SecurityEvent['action'], outcome: string) =>
    reportSecurity({
      action,
      outcome,
      orgId: found?.user.orgId ?? null,
      actorId: found?.user.id ?? null,
      username: input.username,
    });
  const attempt = await countLoginAttempt(context, input.clientAddress, input.username).catch(
    async (error: unknown) => {
      if (error instanceof TooManyAttemptsError)
        await security('security.login_locked', 'TOO_MANY_ATTEMPTS');
      throw error;
    },
  );
  if (!found) {
    await burnPasswordCheck(input.password);
    await security('security.login_failed', 'UNKNOWN_USERNAME');
    throw new UnauthenticatedError('Unknown username or wrong password');
  }
  if (!(await verifyPassword(input.password, found.passwordHash))) {
    await security('security.login_failed', 'WRONG_PASSWORD');
    throw new UnauthenticatedError('Unknown username or wrong password');
  }
  if (!found.user.active) {
    await security('security.login_failed', 'INACTIVE_USER');
    throw new UnauthenticatedError('Unknown username or wrong password');
  }
  await attempt.succeeded();
  const session = await createSession(context.db, {
    userId: found.user.id,
    orgId: found.user.orgId,
    now: context.clock.now(),
  });
  await recordAudit(context, {
    orgId: found.user.orgId,
    actorId: found.user.id,
    action: 'auth.login',
  });
  return presentLogin({ token: session.token, expiresAt: session.expiresAt, user: found.user });
}
