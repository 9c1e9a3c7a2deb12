import { isDeepStrictEqual } from 'node:util';
import type { Connection } from 'mongoose';
import { caseModel } from '../../server/case-store/case.model';

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
    const paths = differingPaths(stored, cast, '');
    if (paths.length) found.push({ caseId: String(stored._id), paths });
    if (found.length === limit) break;
  }
  return found;
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
