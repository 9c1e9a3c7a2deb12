import type { Express } from 'express';
import { createApp } from '../../server/app';
import type { AppContext } from '../../server/app-context';
import { FixedClock } from '../../server/clock';
import { loadConfig, type Config } from '../../server/config';
import { startupTasks, type BackgroundTasks } from '../../server/startup';
import { startedWritesEnded } from '../../server/db/in-flight';
import { createTestDatabase, type TestDatabase } from './database';
import { casesNotInStoredForm } from './stored-form';

export interface TestServer {
  app: Express;
  context: AppContext;
  clock: FixedClock;
  database: TestDatabase;
  close(): Promise<void>;
}

export const TEST_SECRET = 'test-secret-test-secret-test-secret-0123456789';

/**
 * An app instance on a database of its own, with a clock the test controls and no background loop
 * (tests call the sweeper directly). Pass `database` to run a second instance on the same data.
 */
export async function startTestServer(
  options: {
    now?: string;
    config?: Partial<Config>;
    database?: TestDatabase;
  } = {},
): Promise<TestServer> {
  const database = options.database ?? (await createTestDatabase());
  const clock = new FixedClock(new Date(options.now ?? '2026-06-01T10:00:00.000Z'));
  const config: Config = {
    ...loadConfig(
      { TREDE_SECRET: TEST_SECRET, TREDE_DEMO: 'false', TREDE_SWEEP_INTERVAL_SECONDS: '0' },
      [],
    ),
    mongodbUri: database.uri,
    ...options.config,
  };
  const context: AppContext = {
    config,
    clock,
    db: database.connection,
    databaseKind: 'test',
    secret: TEST_SECRET,
  };
  const background: BackgroundTasks = await startupTasks(context, { embedded: false });
  const ownsDatabase = !options.database;
  return {
    app: createApp(context),
    context,
    clock,
    database,
    async close() {
      await startedWritesEnded(context.db.name); // as the server's shutdown does (061)
      await background.stop();
      if (!ownsDatabase) return;
      // Every case the app wrote must be as the schema would store it (decision 063).
      const notInStoredForm = await casesNotInStoredForm(database.connection);
      await database.cleanup();
      if (notInStoredForm.length)
        throw new Error(
          `Cases not in the schema's stored form:\n${JSON.stringify(notInStoredForm, null, 2)}`,
        );
    },
  };
}
