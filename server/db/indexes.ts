import type { Connection, Model, mongo } from 'mongoose';
import { logger } from '../logger';

/**
 * Creates a collection's indexes; a unique index that existing data violates (e.g. two teams whose
 * names differ only in case, created before names were compared that way) is reported in the log
 * instead of stopping the start-up, and the application-level check still refuses new duplicates.
 */
export async function createIndexesOrWarn(
  collection: string,
  create: () => Promise<unknown>,
): Promise<void> {
  try {
    await create();
  } catch (error) {
    if ((error as { code?: number }).code !== 11000) throw error;
    logger.warn(
      { collection, err: (error as Error).message },
      'existing data violates a unique index; resolve the duplicates',
    );
    console.warn(
      `Warning: existing ${collection} violate a unique index (duplicates differing only in case); resolve them.`,
    );
  }
}

type IndexKey = Record<string, 1 | -1>;

const ferretDbByConnection = new WeakMap<Connection, Promise<boolean>>();

/** Whether `db` is the embedded FerretDB engine (asked once per connection). */
export function isFerretDb(db: Connection): Promise<boolean> {
  let known = ferretDbByConnection.get(db);
  if (!known) {
    known = db
      .db!.admin()
      .command({ buildInfo: 1 })
      .then((info) => typeof info.ferretdbVersion === 'string');
    ferretDbByConnection.set(db, known);
  }
  return known;
}

/**
 * The schema's indexes of `model`, but on FerretDB without those keyed like one of `mongoDbOnly`,
 * which that engine cannot use and would recompute on every write (decisions 058, 066); a database
 * that has them from an earlier version loses them here, as it loses every key in `obsolete`.
 */
export async function ensureSchemaIndexes<T>(
  db: Connection,
  model: Model<T>,
  {
    mongoDbOnly,
    obsolete = [],
  }: { mongoDbOnly: readonly IndexKey[]; obsolete?: readonly IndexKey[] },
): Promise<void> {
  const collection = model.collection.collectionName;
  const onFerretDb = await isFerretDb(db);
  const skipped = new Set(onFerretDb ? mongoDbOnly.map((key) => JSON.stringify(key)) : []);
  for (const [key, options] of model.schema.indexes())
    if (!skipped.has(JSON.stringify(key)))
      // The schema's options are plain ({unique: true}), never mongoose's [true, message] form.
      await createIndexesOrWarn(collection, () =>
        model.collection.createIndex(key as IndexKey, options as mongo.CreateIndexesOptions),
      );
  const dropped = new Set([...skipped, ...obsolete.map((key) => JSON.stringify(key))]);
  for (const index of await model.collection.indexes())
    if (index.name && dropped.has(JSON.stringify(index.key)))
      await model.collection.dropIndex(index.name);
}
