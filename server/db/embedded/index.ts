import fs from 'node:fs';
import path from 'node:path';
import { startDaemon, type Daemon } from './daemon';
import {
  buildFerretdb,
  ferretdbArgs,
  ferretdbGarbageCollection,
  findFerretdb,
  findGo,
  FERRETDB_BUILD,
} from './ferretdb';
import { findMongod, mongodArgs } from './mongod';
import { isPortInUse } from './ports';
import { claimDataDir, releaseDataDir } from './data-dir-lock';
import { EmbeddedDatabaseError } from './errors';
import { engineDataDir, ferretdbSocketPath, prepareDataFolder } from './data-folder';

export type EmbeddedEngineKind = 'mongod' | 'ferretdb' | 'mongodb-memory-server';

export interface EmbeddedDatabase {
  kind: EmbeddedEngineKind;
  uri: string;
  dataDir: string;
  /** One line for the console: what was started and where the data lives. */
  description: string;
  stop(): Promise<void>;
}

export interface EmbeddedDatabaseOptions {
  dataDir: string;
  port: number;
  toolsDir: string;
  dbName: string;
  mongodBin?: string;
  ferretdbBin?: string;
  log: (line: string) => void;
}

export { EmbeddedDatabaseError } from './errors';

/**
 * Starts a local MongoDB-compatible engine (SPEC §1), in this order of preference:
 * mongod → a FerretDB binary → FerretDB built with `go` → mongodb-memory-server's download.
 */
export async function startEmbeddedDatabase(
  options: EmbeddedDatabaseOptions,
): Promise<EmbeddedDatabase> {
  const dataDir = path.resolve(options.dataDir);
  fs.mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  await claimDataDir(dataDir);
  try {
    prepareDataFolder(dataDir, options.log);
    const tcpUri = `mongodb://127.0.0.1:${options.port}/${options.dbName}`;
    const attempts: string[] = [];
    const assertPortFree = async (): Promise<void> => {
      if (await isPortInUse(options.port)) {
        throw new EmbeddedDatabaseError(
          `Port ${options.port} on 127.0.0.1 is already in use, so the embedded database cannot start there; stop the program using it or set TREDE_DB_PORT to a free port.`,
        );
      }
    };

    const mongod = findMongod(options.mongodBin);
    if (mongod) await assertPortFree();
    const uri = tcpUri;
    if (mongod) {
      const daemon = await tryStart(attempts, 'mongod', () =>
        startDaemon({
          name: 'mongod',
          bin: mongod,
          args: mongodArgs(dataDir, options.port),
          endpoint: { port: options.port },
        }),
      );
      if (daemon) return supervised('mongod', uri, dataDir, daemon, `mongod (${mongod})`);
    } else attempts.push('mongod: not found (MONGOD_BIN or PATH)');

    let ferretdb = findFerretdb({ explicitBin: options.ferretdbBin, toolsDir: options.toolsDir });
    if (!ferretdb && findGo()) {
      ferretdb = await buildFerretdb({ toolsDir: options.toolsDir, log: options.log }).catch(
        (error: Error) => {
          attempts.push(`building FerretDB with go: ${error.message.split('\n')[0]}`);
          return undefined;
        },
      );
    } else if (!ferretdb)
      attempts.push(
        'FerretDB: no binary (FERRETDB_BIN, PATH, tools folder) and no `go` to build one',
      );
    if (ferretdb) {
      const bin = ferretdb;
      const socket = ferretdbSocketPath(dataDir);
      if (socket)
        fs.rmSync(socket, { force: true }); // a stale socket of a killed engine; the folder is ours
      else await assertPortFree();
      const endpoint = socket ? { socket } : { port: options.port };
      const daemon = await tryStart(attempts, 'FerretDB', () =>
        startDaemon({
          name: 'FerretDB',
          bin,
          args: ferretdbArgs(dataDir, endpoint),
          endpoint,
          env: { FERRETDB_TELEMETRY: 'disable', DO_NOT_TRACK: '1', ...ferretdbGarbageCollection() },
        }),
      );
      if (daemon) {
        if (socket) fs.chmodSync(socket, 0o600);
        return supervised(
          'ferretdb',
          socket ? `mongodb://${encodeURIComponent(socket)}/${options.dbName}` : uri,
          dataDir,
          daemon,
          `FerretDB ${FERRETDB_BUILD} with SQLite (${bin})`,
          socket ? `the Unix socket ${socket}` : undefined,
        );
      }
    }

    await assertPortFree();
    const memory = await startMemoryServer(dataDir, options.port).catch((error: Error) => {
      attempts.push(`mongodb-memory-server: ${error.message.split('\n')[0]}`);
      return undefined;
    });
    if (memory) return { ...memory, uri, dataDir, stop: withRelease(dataDir, memory.stop) };

    throw new EmbeddedDatabaseError(
      `No embedded database could be started (tried: ${attempts.join('; ')}); install mongod or Go, or set MONGODB_URI to an existing MongoDB.`,
    );
  } catch (error) {
    releaseDataDir(dataDir);
    throw error;
  }
}

async function tryStart(
  attempts: string[],
  name: string,
  start: () => Promise<Daemon>,
): Promise<Daemon | undefined> {
  try {
    return await start();
  } catch (error) {
    attempts.push(`${name}: ${(error as Error).message.split('\n')[0]}`);
    return undefined;
  }
}

function supervised(
  kind: EmbeddedEngineKind,
  uri: string,
  dataDir: string,
  daemon: Daemon,
  what: string,
  listener?: string,
): EmbeddedDatabase {
  fs.writeFileSync(path.join(dataDir, 'engine.pid'), String(daemon.pid), { mode: 0o600 });
  return {
    kind,
    uri,
    dataDir,
    description: `${what} on ${listener ?? uri.replace(/\/[^/]*$/, '')}, data in ${dataDir}`,
    stop: withRelease(dataDir, async () => {
      await daemon.stop();
      fs.rmSync(path.join(dataDir, 'engine.pid'), { force: true });
    }),
  };
}

function withRelease(dataDir: string, stop: () => Promise<void>): () => Promise<void> {
  return async () => {
    try {
      await stop();
    } finally {
      releaseDataDir(dataDir);
    }
  };
}

async function startMemoryServer(
  dataDir: string,
  port: number,
): Promise<{ kind: EmbeddedEngineKind; description: string; stop: () => Promise<void> }> {
  const { MongoMemoryServer } = await import('mongodb-memory-server-core');
  const dbPath = engineDataDir(dataDir, 'mongodb-memory-server');
  fs.mkdirSync(dbPath, { recursive: true, mode: 0o700 });
  const server = await MongoMemoryServer.create({
    instance: { port, ip: '127.0.0.1', dbPath, storageEngine: 'wiredTiger' },
  });
  return {
    kind: 'mongodb-memory-server',
    description: `mongod from mongodb-memory-server on 127.0.0.1:${port}, data in ${dataDir}`,
    stop: async () => {
      await server.stop({ doCleanup: false });
    },
  };
}
