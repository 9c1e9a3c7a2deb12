import type { Request, RequestHandler } from 'express';
import type { AppContext } from '../app-context';
import { recordSecurityEvent } from '../audit/security-events';
import { actorOf } from '../policies/actor';
import { findUserForAuthentication } from '../users/user.repository';
import { SESSION_COOKIE } from '../sessions/session-cookie';
import { findSessionUserId } from '../sessions/session.repository';

/** The token from `Authorization: Bearer …` (API clients) or the httpOnly session cookie (the browser). */
export function requestToken(req: Request): string | undefined {
  const header = req.get('authorization');
  if (header?.startsWith('Bearer ')) return header.slice('Bearer '.length).trim() || undefined;
  const cookie: unknown = req.cookies?.[SESSION_COOKIE];
  return typeof cookie === 'string' && cookie ? cookie : undefined;
}

/** Sets req.user when the request carries a live session of an active user; never rejects by itself. */
export function authenticate(context: AppContext): RequestHandler {
  return async (req, _res, next) => {
    const token = requestToken(req);
    if (token) {
      const userId = await findSessionUserId(context.db, token, context.clock.now());
      const user = userId ? await findUserForAuthentication(context.db, userId) : null;
      if (!user?.active) {
        await recordSecurityEvent(context, req, {
          action: 'security.invalid_session',
          outcome: userId ? 'INACTIVE_USER' : 'NO_SUCH_SESSION',
          orgId: user?.orgId ?? null,
          actorId: user?.id ?? null,
        });
      } else {
        req.user = actorOf(user);
      }
    }
    next();
  };
}
