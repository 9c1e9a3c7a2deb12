import fs from 'node:fs';
import path from 'node:path';

/**
 * The embedded engine's folder layout and permissions (hole 4). FerretDB's SQLite backend has no
 * authentication, so the files themselves are the boundary:
 *
 *   TREDE_DATA_DIR/            0700  trede.lock, engine.pid, secret.key (0600, server/secret.ts)
 *   TREDE_DATA_DIR/db/         0700  the engine's data: ferretdb/ | mongod/ | mongodb-memory-server/
 *   TREDE_DATA_DIR/db/ferretdb.sock  FerretDB's only listener (no TCP) where the path fits
 *
 * Every directory is made 0700 and every file 0600 at start-up; an entry owned by another user is
 * reported (it may have been planted or copied in), because chmod cannot fix ownership.
 */
export const ENGINE_FOLDER = 'db';
const ENGINE_KINDS = ['ferretdb', 'mongod', 'mongodb-memory-server'];

export function engineDataDir(dataDir: string, engine: string): string {
  return path.join(dataDir, ENGINE_FOLDER, engine);
}

/** Unix socket paths are limited to 107 bytes (sun_path); longer data folders fall back to TCP. */
export const MAX_SOCKET_PATH = 100;

export function ferretdbSocketPath(dataDir: string): string | undefined {
  const socket = path.join(dataDir, ENGINE_FOLDER, 'ferretdb.sock');
  return Buffer.byteLength(socket) <= MAX_SOCKET_PATH ? socket : undefined;
}

/**
 * Earlier versions kept the engine's folder directly in TREDE_DATA_DIR, beside the key. Moves it
 * into db/ once (a rename within one file system: atomic, nothing copied).
 */
export function migrateLayout(dataDir: string, log: (line: string) => void): void {
  for (const kind of ENGINE_KINDS) {
    const old = path.join(dataDir, kind);
    const target = engineDataDir(dataDir, kind);
    if (fs.existsSync(old) && !fs.existsSync(target)) {
      fs.mkdirSync(path.dirname(target), { recursive: true, mode: 0o700 });
      fs.renameSync(old, target);
      log(`moved the embedded database ${old} to ${target}`);
    }
  }
}

export interface PermissionReport {
  fixed: string[];
  foreign: string[];
}

/** chmod 0700 on directories and 0600 on files under `dataDir`, itself included. */
export function securePermissions(dataDir: string): PermissionReport {
  const report: PermissionReport = { fixed: [], foreign: [] };
  const uid = typeof process.getuid === 'function' ? process.getuid() : undefined;
  const visit = (entry: string): void => {
    const stat = fs.lstatSync(entry);
    if (stat.isSymbolicLink()) return; // never follow a link out of the folder
    if (uid !== undefined && stat.uid !== uid) report.foreign.push(entry);
    const wanted = stat.isDirectory() ? 0o700 : 0o600;
    if ((stat.mode & 0o777) !== wanted) {
      try {
        fs.chmodSync(entry, wanted);
        report.fixed.push(entry);
      } catch {
        report.foreign.push(entry);
      }
    }
    if (stat.isDirectory()) for (const name of fs.readdirSync(entry)) visit(path.join(entry, name));
  };
  visit(dataDir);
  report.foreign = [...new Set(report.foreign)];
  return report;
}

/** Creates the folders with their modes, migrates an old layout and fixes permissions, with warnings. */
export function prepareDataFolder(dataDir: string, log: (line: string) => void): void {
  fs.mkdirSync(path.join(dataDir, ENGINE_FOLDER), { recursive: true, mode: 0o700 });
  migrateLayout(dataDir, log);
  const report = securePermissions(dataDir);
  if (report.fixed.length)
    log(`data folder: set owner-only permissions on ${report.fixed.length} entries in ${dataDir}`);
  if (report.foreign.length)
    log(
      `WARNING: ${report.foreign.length} entries in ${dataDir} are not owned by this process's user (uid ${process.getuid?.()}) or cannot be changed, e.g. ${report.foreign[0]}; any user who owns them can read or forge data.`,
    );
}
