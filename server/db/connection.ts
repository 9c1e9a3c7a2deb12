import mongoose, { type Connection } from 'mongoose';

/**
 * One mongoose connection per app instance (not the global one), so tests and benchmarks can run
 * several app instances against one database, as production does behind a load balancer.
 */
export async function connectDatabase(uri: string): Promise<Connection> {
  // strictQuery: unknown filter keys are dropped; sanitizeFilter: `{ $gt: '' }` from a request body
  // is wrapped in $eq, so operator injection cannot reach a query (SPEC §6).
  const connection = mongoose.createConnection(uri, {
    serverSelectionTimeoutMS: 10000,
    autoIndex: false,
    sanitizeFilter: true,
  });
  connection.set('strictQuery', true);
  await connection.asPromise();
  return connection;
}

export async function pingDatabase(connection: Connection): Promise<boolean> {
  try {
    await connection.db?.admin().ping();
    return connection.readyState === 1;
  } catch {
    return false;
  }
}
