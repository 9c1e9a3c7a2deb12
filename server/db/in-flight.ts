/**
 * Writes started after an answer and not yet ended (decision 061), per database, so a read of what
 * they write can wait for them first. Each is remembered until it ends; one that fails must
 * handle its failure itself (its starter may not await it).
 */
const inFlightByDatabase = new Map<string, Set<Promise<void>>>();

function inFlightOf(databaseName: string): Set<Promise<void>> {
  let inFlight = inFlightByDatabase.get(databaseName);
  if (!inFlight) inFlightByDatabase.set(databaseName, (inFlight = new Set()));
  return inFlight;
}

/** Remembers `write` until it ends; answers it. */
export function trackInFlight(databaseName: string, write: Promise<void>): Promise<void> {
  const inFlight = inFlightOf(databaseName);
  const tracked = write.finally(() => inFlight.delete(tracked));
  inFlight.add(tracked);
  return tracked;
}

/**
 * The writes started so far have ended (those started later are not waited for, so a steady
 * stream of writes cannot hold a reader back).
 */
export async function startedWritesEnded(databaseName: string): Promise<void> {
  await Promise.all([...inFlightOf(databaseName)]);
}
