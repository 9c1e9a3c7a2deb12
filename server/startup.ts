import type { AppContext } from './app-context';
import { ensureAuditIndexes } from './audit/audit.repository';
import { bootstrapAdministrator } from './auth/bootstrap-admin';
import { ensureSessionIndexes } from './auth/session.repository';
import { ensureTeamIndexes } from './teams/team.repository';
import { ensureUserIndexes } from './users/user.repository';

export interface BackgroundTasks {
  stop(): Promise<void>;
}

/**
 * Everything that happens once at start-up after the database is reachable and before the port
 * opens: indexes, the bootstrap administrator, demo data, and the deadline sweeper loop.
 */
export async function startupTasks(context: AppContext, _options: { embedded: boolean }): Promise<BackgroundTasks> {
  await Promise.all([
    ensureUserIndexes(context.db),
    ensureTeamIndexes(context.db),
    ensureSessionIndexes(context.db),
    ensureAuditIndexes(context.db),
  ]);
  const admin = await bootstrapAdministrator(context);
  if (admin === 'created') console.log(`Created administrator ${context.config.admin?.username}.`);
  const stops: Array<() => Promise<void>> = [];
  return {
    stop: async () => {
      for (const stop of stops) await stop();
    },
  };
}
