import mongoose, { Types, type Connection } from 'mongoose';
import { createTestDatabase, type TestDatabase } from '../support/database';

/**
 * FerretDB v1.24 kept the read of an update's documents open (a SQLite pool connection, 100 in
 * all) while waiting for its turn to write (decision 056), and the writer holding the turn needed
 * one more connection: a bulk update matching 100 stored documents, or 100 concurrent updates,
 * stopped the database for good. The embedded build closes the read first (decision 060). Without
 * that patch each test here hangs until Jest's timeout.
 */
describe('updates that hold no read while they wait to write', () => {
  let database: TestDatabase;
  let wide: Connection;
  beforeAll(async () => {
    database = await createTestDatabase('updateread');
    // More concurrent commands than FerretDB's SQLite pool has connections.
    wide = await mongoose.createConnection(database.uri, { maxPoolSize: 160 }).asPromise();
  });
  afterAll(async () => {
    await wide.close();
    await database.cleanup();
  });

  const seed = async (name: string, count: number) => {
    const ids = Array.from({ length: count }, () => new Types.ObjectId());
    await wide.collection(name).insertMany(ids.map((_id) => ({ _id, version: 1 })));
    return ids;
  };
  const versions = async (name: string) =>
    (await wide.collection(name).find({}).toArray()).map((doc) => doc.version as number);

  it('applies one bulk update whose 150 statements each match a stored document', async () => {
    const ids = await seed('bulk', 150);
    const result = await wide.collection('bulk').bulkWrite(
      ids.map((_id) => ({
        updateOne: {
          filter: { _id, version: { $lte: 1 } },
          update: { $set: { version: 2 } },
          upsert: true,
        },
      })),
      { ordered: false },
    );
    expect(result.matchedCount).toBe(150);
    expect(new Set(await versions('bulk'))).toEqual(new Set([2]));
  }, 30_000);

  it('applies 150 concurrent single-document updates', async () => {
    const ids = await seed('concurrent', 150);
    const results = await Promise.all(
      ids.map((_id) => wide.collection('concurrent').updateOne({ _id }, { $set: { version: 2 } })),
    );
    expect(results.every((result) => result.matchedCount === 1)).toBe(true);
    expect(new Set(await versions('concurrent'))).toEqual(new Set([2]));
  }, 30_000);

  it('applies 150 concurrent findOneAndUpdate calls', async () => {
    const ids = await seed('modify', 150);
    const before = await Promise.all(
      ids.map((_id) =>
        wide.collection('modify').findOneAndUpdate({ _id }, { $inc: { version: 1 } }),
      ),
    );
    expect(before.every((doc) => doc?.version === 1)).toBe(true);
    expect(new Set(await versions('modify'))).toEqual(new Set([2]));
  }, 30_000);
});
