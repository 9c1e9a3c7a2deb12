import { Router, type Response } from 'express';
import type { AppContext } from '../app-context';
import { recordAudit } from '../audit/audit-log';
import { recordSecurityEvent, type SecurityAction } from '../audit/security-events';
import { UnauthenticatedError } from '../errors';
import { parseInput, parseNoQuery } from '../http/validate';
import { findCredentials } from '../users/user.repository';
import { presentUser } from '../users/presenter';
import { SESSION_COOKIE } from '../sessions/session-cookie';
import { requestToken } from './authenticate';
import { currentUser } from '../http/current-user';
import { burnPasswordCheck, verifyPassword } from '../users/password';
import { clientAddress } from '../http/client-address';
import { countLoginAttempt, TooManyAttemptsError } from './login-throttle';
import { loginBodySchema } from './schema';
import { createSession, deleteSession } from '../sessions/session.repository';

export function authRoutes(context: AppContext): Router {
  const router = Router();

  router.post('/auth/login', async (req, res) => {
    const body = parseInput(loginBodySchema, req.body);
    const found = await findCredentials(context.db, body.username);
    const security = (action: SecurityAction, outcome: string) =>
      recordSecurityEvent(context, req, {
        action,
        outcome,
        orgId: found?.user.orgId ?? null,
        actorId: found?.user.id ?? null,
        username: body.username,
      });
    const attempt = await countLoginAttempt(context, clientAddress(req), body.username).catch(
      async (error: unknown) => {
        if (error instanceof TooManyAttemptsError) {
          res.set('Retry-After', String(error.retryAfterSeconds));
          await security('security.login_locked', 'TOO_MANY_ATTEMPTS');
        }
        throw error;
      },
    );
    if (!found) {
      await burnPasswordCheck(body.password);
      await security('security.login_failed', 'UNKNOWN_USERNAME');
      throw new UnauthenticatedError('Unknown username or wrong password');
    }
    if (!(await verifyPassword(body.password, found.passwordHash))) {
      await security('security.login_failed', 'WRONG_PASSWORD');
      throw new UnauthenticatedError('Unknown username or wrong password');
    }
    if (!found.user.active) {
      await security('security.login_failed', 'INACTIVE_USER');
      throw new UnauthenticatedError('Unknown username or wrong password');
    }
    await attempt.succeeded();
    const now = context.clock.now();
    const session = await createSession(context.db, {
      userId: found.user.id,
      orgId: found.user.orgId,
      now,
    });
    await recordAudit(context, {
      orgId: found.user.orgId,
      actorId: found.user.id,
      action: 'auth.login',
    });
    setSessionCookie(res, session.token, session.expiresAt, context.config.cookieSecure);
    res.json({
      token: session.token,
      expiresAt: session.expiresAt.toISOString(),
      user: presentUser(found.user),
    });
  });

  router.post('/auth/logout', async (req, res) => {
    const token = requestToken(req);
    if (token) await deleteSession(context.db, token);
    if (req.user)
      await recordAudit(context, {
        orgId: req.user.orgId,
        actorId: req.user.id,
        action: 'auth.logout',
      });
    res.clearCookie(SESSION_COOKIE, { path: '/' });
    res.status(204).end();
  });

  router.get('/me', (req, res) => {
    parseNoQuery(req.query);
    res.json(presentUser(currentUser(req)));
  });

  return router;
}

function setSessionCookie(res: Response, token: string, expires: Date, secure: boolean): void {
  // SameSite=Strict: the cookie never rides along on a cross-site request, which is the CSRF defence.
  res.cookie(SESSION_COOKIE, token, {
    httpOnly: true,
    secure,
    sameSite: 'strict',
    path: '/',
    expires,
  });
}
