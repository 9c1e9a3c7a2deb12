import crypto from 'node:crypto';
import { Schema, type Connection } from 'mongoose';
import { modelFor } from '../db/model';
import { ProcessCache } from '../db/process-cache';

/**
 * Sessions are stored by the SHA-256 of their token, so a database dump holds no usable token.
 * FerretDB v1 has no TTL indexes: expiry is checked on every lookup and old rows are purged by
 * `purgeExpiredSessions` (run with the sweeper).
 */
interface SessionDocument {
  _id: string;
  userId: string;
  orgId: string;
  createdAt: Date;
  expiresAt: Date;
}

const sessionSchema = new Schema<SessionDocument>(
  {
    _id: { type: String, required: true },
    userId: { type: String, required: true },
    orgId: { type: String, required: true },
    createdAt: { type: Date, required: true },
    expiresAt: { type: Date, required: true },
  },
  { collection: 'sessions', versionKey: false },
);
sessionSchema.index({ userId: 1 });
sessionSchema.index({ expiresAt: 1 });

function model(db: Connection) {
  return modelFor(db, 'Session', sessionSchema);
}

export const SESSION_HOURS = 10;

const digest = (token: string): string => crypto.createHash('sha256').update(token).digest('hex');

export async function ensureSessionIndexes(db: Connection): Promise<void> {
  await model(db).createIndexes();
}

export async function createSession(
  db: Connection,
  input: { userId: string; orgId: string; now: Date },
): Promise<{ token: string; expiresAt: Date }> {
  const token = crypto.randomBytes(32).toString('base64url');
  const expiresAt = new Date(input.now.getTime() + SESSION_HOURS * 3600 * 1000);
  await model(db).create({
    _id: digest(token),
    userId: input.userId,
    orgId: input.orgId,
    createdAt: input.now,
    expiresAt,
  });
  return { token, expiresAt };
}

/**
 * How long a process trusts a session it has read (decision 028): every request looks its session
 * up. A logout, a deactivation or a password change through this process is seen at once (the
 * deletes below forget the entries); another process sees it within this many milliseconds.
 */
export const SESSION_CACHE_MS = 2000;

const sessionCache = new ProcessCache<{ userId: string; expiresAt: Date } | null>(
  SESSION_CACHE_MS,
  { keep: (session) => session !== null },
);

export async function findSessionUserId(
  db: Connection,
  token: string,
  now: Date,
): Promise<string | null> {
  const key = digest(token);
  const session = await sessionCache.read(db, key, async () => {
    const doc = await model(db).findOne({ _id: key }).lean();
    return doc && { userId: doc.userId, expiresAt: doc.expiresAt };
  });
  // Expiry against the request's clock on every call, cached or not.
  return session && session.expiresAt > now ? session.userId : null;
}

export async function deleteSession(db: Connection, token: string): Promise<void> {
  await model(db).deleteOne({ _id: digest(token) });
  sessionCache.forget(db, digest(token));
}

export async function deleteSessionsOfUser(db: Connection, userId: string): Promise<void> {
  await model(db).deleteMany({ userId });
  sessionCache.forgetAll(db); // rare (deactivation, new password): every cached session re-read
}

export async function purgeExpiredSessions(db: Connection, now: Date): Promise<number> {
  return (await model(db).deleteMany({ expiresAt: { $lte: now } })).deletedCount;
}
