import type { AppContext } from '../app-context';
import { purgeExpiredSecurityEvents } from '../audit/security-events';
import { purgeLoginAttempts } from '../auth/login-attempts.repository';
import { purgeExpiredSessions } from '../sessions/session.repository';
import { logger } from '../logger';
import { runSweep } from './run-sweep';

/**
 * The background loop (TREDE_SWEEP_INTERVAL_SECONDS; 0 = off). Deadlines are data, so a late or
 * missed run changes nothing about the outcome: events arriving after a deadline apply it first
 * (SPEC §2.3). The loop also purges expired sessions and login counters (FerretDB v1 has no TTL indexes).
 */
export function startSweeper(context: AppContext, intervalMs: number): { stop(): Promise<void> } {
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> | undefined;
  let stopped = false;

  const tick = async (): Promise<void> => {
    try {
      const now = context.clock.now();
      const result = await runSweep(context, now);
      if (result.applied || result.failed) logger.info({ sweep: result }, 'deadline sweep');
      await purgeExpiredSessions(context.db, now);
      await purgeLoginAttempts(context.db, now);
      await purgeExpiredSecurityEvents(context, now);
    } catch (error) {
      logger.error({ err: error }, 'deadline sweep failed');
    }
  };
  const schedule = (): void => {
    if (stopped) return;
    timer = setTimeout(() => {
      running = tick().finally(() => {
        running = undefined;
        schedule();
      });
    }, intervalMs);
    timer.unref();
  };
  schedule();

  return {
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      await running;
    },
  };
}
