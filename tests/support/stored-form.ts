import { isDeepStrictEqual } from 'node:util';
import type { Connection, Model } from 'mongoose';
import { caseModel, historyEntrySchema } from '../../server/case-store/case.model';
import { decodeHistory, encodeHistoryEntry } from '../../server/case-store/stored-history';

/**
 * The paths where a stored case differs from the same document after the schema's casting
 * (defaults applied, unknown fields dropped, values cast), up to `limit` cases.
 *
 * Case updates go through the driver, not mongoose (decision 063): their values are typed records
 * already in the stored form. This check holds them to it: every test server runs it when it
 * closes (tests/support/test-server.ts), so each write path the integration suite takes is covered.
 */
export async function casesNotInStoredForm(
  db: Connection,
  limit = 5,
): Promise<Array<{ caseId: string; paths: string[] }>> {
  const Case = caseModel(db);
  const found: Array<{ caseId: string; paths: string[] }> = [];
  for await (const stored of db.collection('cases').find()) {
    const cast = new Case(stored).toObject({ versionKey: false, depopulate: true });
    const paths = [
      ...differingPaths(stored, cast, ''),
      ...historyNotInStoredForm(db, stored.openTrajectory?.history),
    ];
    if (paths.length) found.push({ caseId: String(stored._id), paths });
    if (found.length === limit) break;
  }
  return found;
}

/**
 * Decision 067: each entry of the open history is a text; it must be the canonical text of an
 * entry that historyEntrySchema's casting leaves unchanged (what the schema checked before).
 */
function historyNotInStoredForm(db: Connection, history: unknown): string[] {
  if (!Array.isArray(history)) return [];
  const Entry = historyEntryModel(db);
  return history.flatMap((item: unknown, index) => {
    const path = `openTrajectory.history.${index}`;
    if (typeof item !== 'string') return [`${path}: stored ${describe(item)}, schema a text`];
    const [entry] = decodeHistory([item]);
    const cast = new Entry(entry).toObject({ versionKey: false });
    delete (cast as { _id?: unknown })._id;
    const paths = differingPaths(entry, cast, path);
    if (encodeHistoryEntry(entry!) !== item) paths.push(`${path}: not in canonical form: ${item}`);
    return paths;
  });
}

function historyEntryModel(db: Connection): Model<unknown> {
  return (db.models.HistoryEntryFormCheck ??
    db.model('HistoryEntryFormCheck', historyEntrySchema)) as Model<unknown>;
}

function differingPaths(stored: unknown, cast: unknown, path: string): string[] {
  if (isPlainRecord(stored) && isPlainRecord(cast)) {
    const keys = new Set([...Object.keys(stored), ...Object.keys(cast)]);
    return [...keys].flatMap((key) =>
      differingPaths(stored[key], cast[key], path ? `${path}.${key}` : key),
    );
  }
  if (Array.isArray(stored) && Array.isArray(cast) && stored.length === cast.length)
    return stored.flatMap((entry, index) => differingPaths(entry, cast[index], `${path}.${index}`));
  return isDeepStrictEqual(stored, cast)
    ? []
    : [`${path}: stored ${describe(stored)}, schema ${describe(cast)}`];
}

function isPlainRecord(value: unknown): value is Record<string, unknown> {
  return (
    typeof value === 'object' &&
    value !== null &&
    !Array.isArray(value) &&
    Object.getPrototypeOf(value) === Object.prototype
  );
}

function describe(value: unknown): string {
  if (value === undefined) return 'absent';
  if (value instanceof Date) return `Date ${value.toISOString()}`;
  return JSON.stringify(value) ?? String(value);
}
