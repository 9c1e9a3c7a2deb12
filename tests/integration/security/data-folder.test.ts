import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { connectDatabase } from '../../../server/db/connection';
import { startEmbeddedDatabase } from '../../../server/db/embedded';
import { isPortInUse, findFreePort } from '../../../server/db/embedded/ports';
import { resolveSecret } from '../../../server/secret';

const toolsDir = path.resolve(
  process.env.TREDE_TOOLS_DIR ?? path.join(__dirname, '../../../.tools'),
);

/** Every entry under `dir` with a mode other than 0700 (directories) or 0600 (files). */
function looseEntries(dir: string): string[] {
  const loose: string[] = [];
  const visit = (entry: string): void => {
    const stat = fs.lstatSync(entry);
    const wanted = stat.isDirectory() ? 0o700 : 0o600;
    if (!stat.isSymbolicLink() && (stat.mode & 0o777) !== wanted)
      loose.push(`${entry} ${(stat.mode & 0o777).toString(8)}`);
    if (stat.isDirectory()) for (const name of fs.readdirSync(entry)) visit(path.join(entry, name));
  };
  visit(dir);
  return loose;
}

// These start engines of their own; with MONGODB_URI there is no embedded engine to test.
const describeEmbedded = process.env.MONGODB_URI ? describe.skip : describe;

/**
 * Hole 4: the data folder was 0755 with a 0644 database beside the key, and FerretDB (no
 * authentication) listened on TCP where any local process could connect and forge a session.
 */
describeEmbedded('the embedded data folder', () => {
  let dataDir: string;
  beforeEach(() => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'trede-folder-'));
  });
  afterEach(() => fs.rmSync(dataDir, { recursive: true, force: true }));

  it('moves an old layout into db/, makes everything owner-only and listens on a socket only', async () => {
    const port = await findFreePort();
    const log: string[] = [];
    const options = {
      dataDir,
      port,
      toolsDir,
      dbName: 'folder',
      log: (line: string) => log.push(line),
    };
    const first = await startEmbeddedDatabase(options);
    if (first.kind !== 'ferretdb') {
      await first.stop();
      return; // the socket and layout checks below are FerretDB's; mongod keeps loopback TCP
    }
    const writer = await connectDatabase(first.uri);
    await writer.collection('cases').insertOne({ clientNumber: 'K-1' });
    await writer.close();
    await first.stop();

    // The layout and modes an earlier version left behind.
    fs.renameSync(path.join(dataDir, 'db', 'ferretdb'), path.join(dataDir, 'ferretdb'));
    fs.chmodSync(dataDir, 0o755);
    for (const name of fs.readdirSync(path.join(dataDir, 'ferretdb')))
      fs.chmodSync(path.join(dataDir, 'ferretdb', name), 0o644);
    fs.writeFileSync(path.join(dataDir, 'secret.key'), 'k'.repeat(48), { mode: 0o644 });
    fs.chmodSync(path.join(dataDir, 'secret.key'), 0o644);

    const second = await startEmbeddedDatabase(options);
    try {
      expect(fs.existsSync(path.join(dataDir, 'ferretdb'))).toBe(false);
      expect(
        fs.readdirSync(path.join(dataDir, 'db', 'ferretdb')).some((f) => f.endsWith('.sqlite')),
      ).toBe(true);
      expect(looseEntries(dataDir)).toEqual([]);
      expect(log.join('\n')).toMatch(/moved the embedded database/);
      // The key stays in the root, outside the engine's folder.
      expect(resolveSecret(undefined, dataDir)).toBe('k'.repeat(48));
      // Only a Unix socket in the data folder; nothing on the TCP port.
      expect(second.uri).toContain(encodeURIComponent(path.join(dataDir, 'db', 'ferretdb.sock')));
      expect(await isPortInUse(port)).toBe(false);
      const reader = await connectDatabase(second.uri);
      expect(await reader.collection('cases').findOne({ clientNumber: 'K-1' })).not.toBeNull();
      // A database created while running gets owner-only files too (the engine's umask).
      await reader.useDb('created_later').collection('notes').insertOne({ text: 'x' });
      await reader.close();
      expect(looseEntries(dataDir)).toEqual([]);
    } finally {
      await second.stop();
    }
  });

  const asRoot = process.getuid?.() === 0 ? it : it.skip; // only root can give a file to another user
  asRoot('warns when an entry is not owned by the process user', async () => {
    fs.mkdirSync(path.join(dataDir, 'db'), { recursive: true });
    fs.writeFileSync(path.join(dataDir, 'db', 'planted'), 'x');
    fs.chownSync(path.join(dataDir, 'db', 'planted'), 1, 1);
    const log: string[] = [];
    const engine = await startEmbeddedDatabase({
      dataDir,
      port: await findFreePort(),
      toolsDir,
      dbName: 'owner',
      log: (line) => log.push(line),
    });
    await engine.stop();
    expect(log.join('\n')).toMatch(
      /WARNING: 1 entries .* not owned by this process's user .*planted/,
    );
  });
});
