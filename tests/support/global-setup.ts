import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startEmbeddedDatabase, type EmbeddedDatabase } from '../../server/db/embedded';
import { findFreePort } from '../../server/db/embedded/ports';

/**
 * One engine for the whole Jest run (SPEC §1: tests use the same mechanism as the app, in a fresh
 * temporary folder), or MONGODB_URI when given. Workers read the base URI from the environment;
 * every test file then uses a database of its own (tests/support/database.ts).
 */
export default async function globalSetup(): Promise<void> {
  if (process.env.MONGODB_URI) {
    process.env.TREDE_TEST_MONGODB_URI = process.env.MONGODB_URI;
    return;
  }
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'trede-test-db-'));
  const engine: EmbeddedDatabase = await startEmbeddedDatabase({
    dataDir,
    port: await findFreePort(),
    toolsDir: path.resolve(process.env.TREDE_TOOLS_DIR ?? path.join(__dirname, '../../.tools')),
    dbName: 'trede_test',
    mongodBin: process.env.MONGOD_BIN,
    ferretdbBin: process.env.FERRETDB_BIN,
    log: (line) => console.log(line),
  });
  console.log(`\nTest database: ${engine.description}`);
  process.env.TREDE_TEST_MONGODB_URI = engine.uri;
  process.env.TREDE_TEST_ENGINE = engine.kind;
  (globalThis as { __tredeEngine?: { engine: EmbeddedDatabase; dataDir: string } }).__tredeEngine =
    { engine, dataDir };
}
