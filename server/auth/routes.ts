import { Router, type Response } from 'express';
import { ipKeyGenerator, rateLimit } from 'express-rate-limit';
import type { AppContext } from '../app-context';
import { recordAudit } from '../audit/audit-log';
import { AppError, UnauthenticatedError } from '../errors';
import { parseInput } from '../http/validate';
import { findCredentials } from '../users/user.repository';
import { presentUser } from '../users/presenter';
import { authenticate, requestToken, SESSION_COOKIE } from './authenticate';
import { currentUser } from '../http/current-user';
import { burnPasswordCheck, verifyPassword } from '../users/password';
import { loginBodySchema } from './schema';
import { createSession, deleteSession } from '../sessions/session.repository';

/**
 * Login is rate-limited per client address and username (SPEC §6). The limiter's memory is per
 * process; behind a load balancer each instance limits on its own (docs/security.md).
 */
function loginLimiter() {
  return rateLimit({
    windowMs: 15 * 60 * 1000,
    limit: 10,
    skipSuccessfulRequests: true,
    standardHeaders: 'draft-8',
    legacyHeaders: false,
    keyGenerator: (req) => {
      const username: unknown = req.body?.username;
      return `${ipKeyGenerator(req.ip ?? '')}|${typeof username === 'string' ? username.trim().toLowerCase() : ''}`;
    },
    handler: (_req, _res, next) =>
      next(
        new AppError(429, 'TOO_MANY_ATTEMPTS', 'Too many login attempts; try again in 15 minutes'),
      ),
  });
}

export function authRoutes(context: AppContext): Router {
  const router = Router();
  router.use(authenticate(context));

  router.post('/auth/login', loginLimiter(), async (req, res) => {
    const body = parseInput(loginBodySchema, req.body);
    const found = await findCredentials(context.db, body.username);
    if (!found) {
      await burnPasswordCheck(body.password);
      throw new UnauthenticatedError('Unknown username or wrong password');
    }
    if (!(await verifyPassword(body.password, found.passwordHash)) || !found.user.active) {
      throw new UnauthenticatedError('Unknown username or wrong password');
    }
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
