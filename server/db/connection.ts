import mongoose, { type Connection } from 'mongoose';

/**
 * One mongoose connection per app instance (not the global one), so tests and benchmarks can run
 * several app instances against one database, as production does behind a load balancer.
 */
export async function connectDatabase(uri: string): Promise<Connection> {
  // Operator injection (SPEC §6) is stopped at the boundary: every request value passes a zod
  // schema that admits only scalars where a filter takes one, and query strings use the 'simple'
  // parser (no nested objects). strictQuery drops filter keys the schema does not know.
  const connection = mongoose.createConnection(uri, {
    serverSelectionTimeoutMS: 10000,
    autoIndex: false,
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
