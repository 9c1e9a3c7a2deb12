import crypto from 'node:crypto';
import type { ErrorRequestHandler, Request } from 'express';
import type { AppContext } from '../app-context';
import { AppError } from '../errors';
import { clientAddress } from '../http/client-address';
import { logger } from '../logger';
import { appendAudit, purgeSecurityEvents } from './audit.repository';

/** The username as stored in logs and counters: a keyed hash, never the name itself. */
export function hashUsername(secret: string, username: string): string {
  return crypto
    .createHmac('sha256', secret)
    .update(`username:${username.trim().toLowerCase()}`)
    .digest('hex')
    .slice(0, 24);
}

/**
 * Security events (hole 3): written to the audit log with category `security` and as one structured
 * log line each. They hold the client address, the route, the outcome and, for logins, a keyed hash
 * of the username (never the name, never a password or token). Kept for
 * TREDE_SECURITY_EVENT_RETENTION_DAYS (purged by the sweeper loop); change and read entries are kept.
 */
export type SecurityAction =
  | 'security.login_failed'
  | 'security.login_locked'
  | 'security.invalid_session'
  | 'security.forbidden'
  | 'security.not_found'
  | 'security.cross_site_refused'
  | 'security.self_change_refused'
  | 'security.last_beheerder_refused'
  | 'security.user_access_changed';

export interface SecurityEvent {
  action: SecurityAction;
  /** Null when no organisation is known (an unknown username, a token of no session). */
  orgId: string | null;
  actorId: string | null;
  outcome: string;
  username?: string;
  details?: Record<string, unknown>;
}

/** The route pattern, not the URL: query strings may hold search text (names). */
export function routeOf(req: Request): string {
  const pattern: unknown = req.route?.path;
  const path = req.originalUrl.split('?')[0] ?? '';
  if (typeof pattern !== 'string') return `${req.method} ${path}`;
  // After the routers have returned (the error chain), baseUrl is empty again: take the mount.
  const base = req.baseUrl || (path.startsWith('/api/v1/') ? '/api/v1' : '');
  return `${req.method} ${base}${pattern}`;
}

export async function recordSecurityEvent(
  context: AppContext,
  req: Request,
  event: SecurityEvent,
): Promise<void> {
  const details: Record<string, unknown> = {
    address: clientAddress(req),
    route: routeOf(req),
    outcome: event.outcome,
    ...(event.username !== undefined && {
      usernameHash: hashUsername(context.secret, event.username),
    }),
    ...event.details,
  };
  logger.warn(
    { securityEvent: event.action, orgId: event.orgId, actorId: event.actorId, ...details },
    'security event',
  );
  try {
    await appendAudit(context.db, {
      orgId: event.orgId,
      at: context.clock.now(),
      actorId: event.actorId,
      action: event.action,
      category: 'security',
      caseId: null,
      trajectoryId: null,
      details,
    });
  } catch (error) {
    // The answer to the client does not depend on this write; the log line above is the fallback.
    logger.error({ err: error, securityEvent: event.action }, 'security event not stored');
  }
}

/** Case and trajectory routes: a 404 there may be a probe for another team's case (SPEC §2.5). */
const CASE_ROUTE = /^\/api\/v1\/(cases|trajectories)\//;

/**
 * Records refused requests as security events before the one error handler answers them:
 * every 403 and, on case and trajectory routes, every 404 of a logged-in user.
 */
export function securityEventsOnError(context: AppContext): ErrorRequestHandler {
  return (error: unknown, req, _res, next) => {
    const status = error instanceof AppError ? error.status : undefined;
    const user = req.user;
    const event: Pick<SecurityEvent, 'action' | 'outcome'> | undefined =
      status === 403
        ? {
            action:
              (error as AppError).code === 'CROSS_SITE_REQUEST'
                ? 'security.cross_site_refused'
                : 'security.forbidden',
            outcome: (error as AppError).code,
          }
        : status === 404 && user && CASE_ROUTE.test(req.originalUrl)
          ? { action: 'security.not_found', outcome: 'NOT_FOUND' }
          : undefined;
    if (!event) {
      next(error);
      return;
    }
    void recordSecurityEvent(context, req, {
      ...event,
      orgId: user?.orgId ?? null,
      actorId: user?.id ?? null,
      ...(user && { details: { role: user.role } }),
    }).then(() => next(error));
  };
}

/** Drops security events older than TREDE_SECURITY_EVENT_RETENTION_DAYS (run by the sweeper loop). */
export function purgeExpiredSecurityEvents(context: AppContext, now: Date): Promise<number> {
  const days = context.config.securityEventRetentionDays;
  return purgeSecurityEvents(context.db, new Date(now.getTime() - days * 24 * 3600 * 1000));
}
