import type { AppContext } from './app-context';

export interface BackgroundTasks {
  stop(): Promise<void>;
}

/**
 * Everything that happens once at start-up after the database is reachable and before the port
 * opens: indexes, the bootstrap administrator, demo data, and the deadline sweeper loop.
 */
export async function startupTasks(_context: AppContext, _options: { embedded: boolean }): Promise<BackgroundTasks> {
  return { stop: async () => undefined };
}
