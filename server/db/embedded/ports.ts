import net from 'node:net';

/** True when something already accepts connections on 127.0.0.1:port. */
export function isPortInUse(port: number, host = '127.0.0.1'): Promise<boolean> {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.once('error', () => resolve(true));
    server.once('listening', () => server.close(() => resolve(false)));
    server.listen(port, host);
  });
}

/** A port the OS considers free right now (tests use one per run). */
export function findFreePort(host = '127.0.0.1'): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, host, () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/** Resolves once `connect()` succeeds, trying every 100 ms until `timeoutMs` has passed. */
function waitForConnection(
  connect: () => net.Socket,
  where: string,
  timeoutMs: number,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  return new Promise((resolve, reject) => {
    const attempt = (): void => {
      const socket = connect();
      socket.once('connect', () => {
        socket.destroy();
        resolve();
      });
      socket.once('error', () => {
        socket.destroy();
        if (Date.now() > deadline)
          reject(new Error(`nothing listened on ${where} within ${timeoutMs} ms`));
        else setTimeout(attempt, 100);
      });
    };
    attempt();
  });
}

export function waitForPort(port: number, timeoutMs: number, host = '127.0.0.1'): Promise<void> {
  return waitForConnection(() => net.connect(port, host), `${host}:${port}`, timeoutMs);
}

/** Resolves once a Unix domain socket at `socketPath` accepts connections. */
export function waitForSocket(socketPath: string, timeoutMs: number): Promise<void> {
  return waitForConnection(() => net.connect(socketPath), socketPath, timeoutMs);
}
