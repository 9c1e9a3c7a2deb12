import { Schema, type Connection } from 'mongoose';
import { withKeyedLock } from '../db/keyed-lock';
import { modelFor } from '../db/model';

/**
 * Login attempt counters, shared by every instance through the database (hole 1). One document per
 * counter and time window, `_id` = `<counter>@<window start>`; it changes only by `$inc` in a
 * single-document update (upsert), which MongoDB and FerretDB v1 both apply to one document.
 * FerretDB v1 does that update as read-modify-replace (see cases/case-lock.ts), so within one
 * process the increments of one counter are serialised here; only one process may use an embedded
 * data folder. FerretDB has no TTL indexes: `purgeLoginAttempts` runs with the sweeper loop.
 */
interface LoginAttemptDocument {
  _id: string;
  count: number;
  expiresAt: Date;
}

const loginAttemptSchema = new Schema<LoginAttemptDocument>(
  {
    _id: { type: String, required: true },
    count: { type: Number, required: true },
    expiresAt: { type: Date, required: true },
  },
  { collection: 'login_attempts', versionKey: false },
);
loginAttemptSchema.index({ expiresAt: 1 });

function model(db: Connection) {
  return modelFor(db, 'LoginAttempt', loginAttemptSchema);
}

export async function ensureLoginAttemptIndexes(db: Connection): Promise<void> {
  await model(db).createIndexes();
}

/** Adds `by` to a counter of one window and returns its new value. */
export async function addToCounter(
  db: Connection,
  id: string,
  by: number,
  expiresAt: Date,
): Promise<number> {
  return withKeyedLock(`${db.name}/login-attempts/${id}`, async () => {
    const doc = await model(db)
      .findOneAndUpdate(
        { _id: id },
        { $inc: { count: by }, $setOnInsert: { expiresAt } },
        { upsert: true, returnDocument: 'after' },
      )
      .lean();
    return doc?.count ?? by;
  });
}

export async function purgeLoginAttempts(db: Connection, now: Date): Promise<number> {
  return (await model(db).deleteMany({ expiresAt: { $lte: now } })).deletedCount;
}
