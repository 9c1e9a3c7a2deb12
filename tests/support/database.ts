import crypto from 'node:crypto';
import type { Connection } from 'mongoose';
import { connectDatabase } from '../../server/db/connection';

/** The engine's base URI with another database name. */
export function testDatabaseUri(dbName: string): string {
  const base = process.env.TREDE_TEST_MONGODB_URI;
  if (!base)
    throw new Error(
      'TREDE_TEST_MONGODB_URI is not set: run tests through `npm test` (Jest global setup)',
    );
  const url = new URL(base);
  url.pathname = `/${dbName}`;
  return url.toString();
}

export function uniqueDatabaseName(prefix = 'test'): string {
  return `trede_${prefix}_${crypto.randomBytes(5).toString('hex')}`;
}

export interface TestDatabase {
  uri: string;
  connection: Connection;
  /** Drops the database and closes the connection. */
  cleanup(): Promise<void>;
}

/** A database of its own for one test file. */
export async function createTestDatabase(prefix?: string): Promise<TestDatabase> {
  const uri = testDatabaseUri(uniqueDatabaseName(prefix));
  const connection = await connectDatabase(uri);
  return {
    uri,
    connection,
    async cleanup() {
      await connection.dropDatabase();
      await connection.close();
    },
  };
}
