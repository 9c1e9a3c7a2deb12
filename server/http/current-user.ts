import type { Request, RequestHandler } from 'express';
import { ForbiddenError, UnauthenticatedError } from '../errors';
import type { AuthUser } from '../policies/actor';
import { may, rolesWith, type Permission } from '../policies/permissions';

declare module 'express-serve-static-core' {
  interface Request {
    /** Set by auth/authenticate.ts for a request with a live session of an active user. */
    user?: AuthUser;
  }
}

/** The authenticated caller; throws 401 when the request carried no valid session or token. */
export function currentUser(req: Request): AuthUser {
  if (!req.user) throw new UnauthenticatedError();
  return req.user;
}

/** Route guard: 401 without a user, 403 when policies/ does not give the user `permission`. */
export function authorize(permission: Permission): RequestHandler {
  return (req, _res, next) => {
    const user = currentUser(req);
    if (!may(user, permission))
      throw new ForbiddenError(`This requires the role ${rolesWith(permission).join(' or ')}`);
    next();
  };
}
