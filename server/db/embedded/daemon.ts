import { spawn, type ChildProcess } from 'node:child_process';
import { waitForPort, waitForSocket } from './ports';

/** Where the engine accepts connections: a loopback TCP port or a Unix socket in the data folder. */
export type Endpoint = { port: number } | { socket: string };

export interface Daemon {
  pid: number;
  /** Asks the engine to shut down (SIGTERM, so it flushes), escalating to SIGKILL after the grace time. */
  stop(graceMs?: number): Promise<void>;
  exited: Promise<number | null>;
}

/**
 * Starts a database engine as a child process and resolves once its port accepts connections.
 * The child gets its own process group (detached) so a terminal Ctrl-C reaches only the server,
 * which then closes its connections before stopping the engine: no write is cut off mid-flight.
 */
export async function startDaemon(options: {
  name: string;
  bin: string;
  args: string[];
  endpoint: Endpoint;
  env?: NodeJS.ProcessEnv;
  startTimeoutMs?: number;
}): Promise<Daemon> {
  const child: ChildProcess = withOwnerOnlyUmask(() =>
    spawn(options.bin, options.args, {
      detached: true,
      stdio: ['ignore', 'ignore', 'pipe'],
      env: { ...process.env, ...options.env },
    }),
  );
  let stderrTail = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    stderrTail = (stderrTail + chunk.toString()).slice(-4000);
  });
  const exited = new Promise<number | null>((resolve) =>
    child.once('exit', (code) => resolve(code)),
  );
  const spawnError = new Promise<never>((_, reject) =>
    child.once('error', (error) =>
      reject(new Error(`${options.name} could not be started: ${error.message}`)),
    ),
  );
  const earlyExit = exited.then((code) => {
    throw new Error(
      `${options.name} exited with code ${code} while starting: ${stderrTail.trim().slice(-500)}`,
    );
  });
  await Promise.race([
    'socket' in options.endpoint
      ? waitForSocket(options.endpoint.socket, options.startTimeoutMs ?? 30000)
      : waitForPort(options.endpoint.port, options.startTimeoutMs ?? 30000),
    spawnError,
    earlyExit,
  ]);
  // From here on an exit is reported by the caller's supervision, not as a start failure.
  earlyExit.catch(() => undefined);
  spawnError.catch(() => undefined);

  const pid = child.pid ?? -1;
  return {
    pid,
    exited,
    async stop(graceMs = 10000) {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
      await exited;
      clearTimeout(timer);
    },
  };
}

/**
 * The engine inherits the umask at spawn: 077 makes every file it creates later (a new database's
 * SQLite file, its journal) owner-only too, not only what the start-up check fixed (hole 4).
 */
function withOwnerOnlyUmask<T>(work: () => T): T {
  let previous: number | undefined;
  try {
    previous = process.umask(0o077);
  } catch {
    // worker threads cannot change the umask; the start-up permission check still applies
  }
  try {
    return work();
  } finally {
    if (previous !== undefined) process.umask(previous);
  }
}
