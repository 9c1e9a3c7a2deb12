import type { Server } from 'node:http';
import { createApp } from './app';
import type { AppContext } from './app-context';
import { systemClock } from './clock';
import { ConfigError, loadConfig } from './config';
import { connectDatabase } from './db/connection';
import { startEmbeddedDatabase, type EmbeddedDatabase } from './db/embedded';
import { logger } from './logger';
import { resolveSecret } from './secret';
import { startupTasks } from './startup';
import { startedWritesEnded } from './db/in-flight';

const SHUTDOWN_GRACE_MS = 10_000;

/**
 * One process serves the API and the built client (SPEC §6). Without MONGODB_URI it starts the
 * embedded engine first and stops it last, so Ctrl-C never cuts off an acknowledged write.
 */
async function main(): Promise<void> {
  const config = loadConfig();
  let embedded: EmbeddedDatabase | undefined;
  if (!config.mongodbUri) {
    embedded = await startEmbeddedDatabase({
      dataDir: config.dataDir,
      port: config.embeddedDbPort,
      toolsDir: config.toolsDir,
      dbName: 'trede',
      mongodBin: config.mongodBin,
      ferretdbBin: config.ferretdbBin,
      log: (line) => console.log(line),
    });
    console.log(`Embedded database: ${embedded.description}`);
  }
  const db = await connectDatabase(config.mongodbUri ?? embedded!.uri);
  const context: AppContext = {
    config,
    clock: systemClock,
    db,
    databaseKind: embedded?.kind ?? 'external',
    secret: resolveSecret(config.secret, config.dataDir),
  };
  const background = await startupTasks(context, { embedded: Boolean(embedded) });

  const app = createApp(context);
  const server: Server = await new Promise((resolve, reject) => {
    const listening = app.listen(config.port, () => resolve(listening));
    listening.once('error', reject);
  });
  console.log(`Trede is running on http://localhost:${config.port}`);

  let stopping = false;
  const shutdown = async (signal: string): Promise<void> => {
    if (stopping) return;
    stopping = true;
    console.log(`\n${signal} received: stopping…`);
    // Requests in flight may wait on a database that is gone; after the grace period the process
    // leaves anyway (every acknowledged event is already stored; an unanswered one was not
    // acknowledged), so a supervisor's stop never hangs.
    setTimeout(() => {
      console.error(`Not stopped after ${SHUTDOWN_GRACE_MS / 1000} s: leaving without waiting.`);
      process.exit(1);
    }, SHUTDOWN_GRACE_MS).unref();
    await background.stop();
    const closed = new Promise<void>((resolve) => server.close(() => resolve()));
    server.closeIdleConnections(); // requests in flight finish; idle keep-alive sockets go now
    await closed;
    // Answered events' audit copies and summaries (decision 061); a crash instead is repaired at
    // the next start.
    await startedWritesEnded(db.name);
    await db.close();
    await embedded?.stop();
    console.log('Stopped cleanly.');
    process.exit(0);
  };
  for (const signal of ['SIGINT', 'SIGTERM'] as const)
    process.on(signal, () => void shutdown(signal));
}

main().catch((error: unknown) => {
  if (error instanceof ConfigError) console.error(error.message);
  else if (error instanceof Error) console.error(`Trede could not start: ${error.message}`);
  logger.debug({ err: error }, 'start-up failure');
  process.exit(1);
});
