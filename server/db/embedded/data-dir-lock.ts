import fs from 'node:fs';
import path from 'node:path';
import { EmbeddedDatabaseError } from './errors';

/**
 * One Trede process per data directory: two engines on one SQLite folder would corrupt it.
 * The lock records our pid; an engine left running by a process that was killed (orphan)
 * is stopped before a new one starts on the same folder.
 */
const LOCK = 'trede.lock';
const ENGINE_PID = 'engine.pid';

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

function readPid(file: string): number | undefined {
  try {
    const pid = Number.parseInt(fs.readFileSync(file, 'utf8'), 10);
    return Number.isInteger(pid) && pid > 0 ? pid : undefined;
  } catch {
    return undefined;
  }
}

function isEngineProcess(pid: number): boolean {
  try {
    const cmdline = fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8');
    return /ferretdb|mongod/.test(cmdline);
  } catch {
    return false;
  }
}

export async function claimDataDir(dataDir: string): Promise<void> {
  const lockFile = path.join(dataDir, LOCK);
  const owner = readPid(lockFile);
  if (owner && owner !== process.pid && isAlive(owner)) {
    throw new EmbeddedDatabaseError(
      `The data folder ${dataDir} is in use by another Trede process (pid ${owner}); stop it first or set TREDE_DATA_DIR.`,
    );
  }
  const orphan = readPid(path.join(dataDir, ENGINE_PID));
  if (orphan && isAlive(orphan) && isEngineProcess(orphan)) {
    process.kill(orphan, 'SIGTERM');
    for (let waited = 0; waited < 10000 && isAlive(orphan); waited += 100) {
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
  fs.writeFileSync(lockFile, String(process.pid), { mode: 0o600 });
}

export function releaseDataDir(dataDir: string): void {
  const lockFile = path.join(dataDir, LOCK);
  if (readPid(lockFile) === process.pid) fs.rmSync(lockFile, { force: true });
}
