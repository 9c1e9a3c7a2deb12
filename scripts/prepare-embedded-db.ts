/**
 * Makes sure an embedded engine can start without waiting at first launch: reports a mongod or
 * FerretDB that is already there, or builds FerretDB into TREDE_TOOLS_DIR (CI caches that folder).
 */
import path from 'node:path';
import { buildFerretdb, findFerretdb, findGo } from '../server/db/embedded/ferretdb';
import { findMongod } from '../server/db/embedded/mongod';

async function prepare(): Promise<void> {
  const toolsDir = path.resolve(process.env.TREDE_TOOLS_DIR ?? '.tools');
  const mongod = findMongod(process.env.MONGOD_BIN);
  if (mongod) console.log(`mongod found at ${mongod}; FerretDB is the fallback only.`);
  const ferretdb = findFerretdb({ explicitBin: process.env.FERRETDB_BIN, toolsDir });
  if (ferretdb) {
    console.log(`FerretDB ready: ${ferretdb}`);
    return;
  }
  if (!findGo()) {
    if (mongod) return;
    throw new Error(
      'neither mongod, a FerretDB binary nor Go is available; tests will try mongodb-memory-server',
    );
  }
  await buildFerretdb({ toolsDir, log: (line) => console.log(line) });
}

prepare().catch((error: Error) => {
  console.error(`prepare-embedded-db: ${error.message}`);
  process.exit(1);
});
