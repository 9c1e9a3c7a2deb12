import type { RequestHandler } from 'express';
import { SESSION_COOKIE } from '../sessions/session-cookie';
import { AppError } from '../errors';

/** API answers hold personal data: no browser or proxy may keep a copy (hole 9). */
export const noStore: RequestHandler = (_req, res, next) => {
  res.set('Cache-Control', 'no-store');
  res.set('Pragma', 'no-cache');
  next();
};

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

export class CrossSiteRequestError extends AppError {
  constructor() {
    super(403, 'CROSS_SITE_REQUEST', 'Cross-site requests may not change anything');
  }
}

/**
 * A second CSRF layer beside the SameSite=Strict cookie (hole 9): an unsafe request that would be
 * authenticated by the session cookie must come from Trede's own pages. Browsers say so with
 * `Sec-Fetch-Site: same-origin` (or `none` for a user's own navigation) and an `Origin` equal to
 * the host. Requests with a bearer token are not affected: a browser never adds that header by
 * itself, so a forged cross-site request cannot carry it. Login is checked too (login CSRF).
 */
export const rejectCrossSiteCookieWrites: RequestHandler = (req, _res, next) => {
  if (SAFE_METHODS.has(req.method) || req.get('authorization')?.startsWith('Bearer ')) {
    next();
    return;
  }
  const usesCookie = typeof req.cookies?.[SESSION_COOKIE] === 'string';
  if (!usesCookie && req.path !== '/auth/login') {
    next();
    return;
  }
  const fetchSite = req.get('sec-fetch-site');
  if (fetchSite !== undefined && fetchSite !== 'same-origin' && fetchSite !== 'none') {
    next(new CrossSiteRequestError());
    return;
  }
  const origin = req.get('origin');
  if (origin !== undefined && !sameOrigin(origin, req.host)) {
    next(new CrossSiteRequestError());
    return;
  }
  next();
};

function sameOrigin(origin: string, host: string | undefined): boolean {
  if (origin === 'null' || !host) return false;
  try {
    return new URL(origin).host === host;
  } catch {
    return false;
  }
}
