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
