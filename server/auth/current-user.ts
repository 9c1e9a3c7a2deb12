import type { Request, RequestHandler } from 'express';
import type { Role } from '../../machines';
import { ForbiddenError, UnauthenticatedError } from '../errors';
import type { AuthUser } from './types';

/** The authenticated caller; throws 401 when the request carried no valid session or token. */
export function currentUser(req: Request): AuthUser {
  if (!req.user) throw new UnauthenticatedError();
  return req.user;
}

/** Route guard: 401 without a user, 403 when the role is not among `roles`. */
export function requireRole(...roles: Role[]): RequestHandler {
  return (req, _res, next) => {
    const user = currentUser(req);
    if (!roles.includes(user.role))
      throw new ForbiddenError(`This requires the role ${roles.join(' or ')}`);
    next();
  };
}

/** Roles that work on case files (SPEC §2.5: beleid sees aggregates only, beheerder administers). */
export const CASEWORK_ROLES: Role[] = ['begeleider', 'teamleider'];
