import { Router, type Response } from 'express';
import type { AppContext } from '../app-context';
import { recordSecurityEvent } from '../audit/security-events';
import { parseInput, parseNoQuery } from '../http/validate';
import { presentUser } from '../users/presenter';
import { SESSION_COOKIE } from '../sessions/session-cookie';
import { requestToken } from './authenticate';
import { currentUser } from '../http/current-user';
import { clientAddress } from '../http/client-address';
import { TooManyAttemptsError } from './login-throttle';
import { loginBodySchema } from './schema';
import { logIn } from './use-cases/log-in';
import { logOut } from './use-cases/log-out';

export function authRoutes(context: AppContext): Router {
  const router = Router();

  router.post('/auth/login', async (req, res) => {
    const body = parseInput(loginBodySchema, req.body);
    const login = await logIn(context, { ...body, clientAddress: clientAddress(req) }, (event) =>
      recordSecurityEvent(context, req, event),
    ).catch((error: unknown) => {
      if (error instanceof TooManyAttemptsError)
        res.set('Retry-After', String(error.retryAfterSeconds));
      throw error;
    });
    setSessionCookie(res, login.token, new Date(login.expiresAt), context.config.cookieSecure);
    res.json(login);
  });

  router.post('/auth/logout', async (req, res) => {
    await logOut(context, requestToken(req), req.user);
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
