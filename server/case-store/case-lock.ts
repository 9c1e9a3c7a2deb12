/**
 * Serialises the read → decide → write of one case within this process.
 *
 * Why: FerretDB v1 (the embedded engine) executes `updateOne(filter, update)` as "query, apply the
 * update in memory, replace the document by _id" without re-checking the filter inside its SQLite
 * transaction (FerretDB v1.24 internal/handler/msg_update.go → backends/sqlite UpdateAll). Two
 * concurrent conditional updates therefore both report matchedCount 1 and the last writer wins. On
 * MongoDB the conditional update itself is atomic and is what makes N processes safe; on FerretDB
 * only one Trede process may use the data folder (the embedded engine's lock file), so a lock in
 * this process restores compare-and-set there. See docs/decisions/005-case-aggregate-persistence.md.
 */
const tails = new Map<string, Promise<void>>();

export async function withCaseLock<T>(
  databaseName: string,
  caseId: string,
  work: () => Promise<T>,
): Promise<T> {
  const key = `${databaseName}/${caseId}`;
  const previous = tails.get(key) ?? Promise.resolve();
  let release!: () => void;
  const current = new Promise<void>((resolve) => (release = resolve));
  const tail = previous.then(() => current);
  tails.set(key, tail);
  await previous;
  try {
    return await work();
  } finally {
    release();
    if (tails.get(key) === tail) tails.delete(key);
  }
}
