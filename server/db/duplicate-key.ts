/**
 * A write refused by a unique index. MongoDB answers E11000 (code 11000); FerretDB v1 does too on
 * inserts, but on updates its SQLite backend reports a generic error (code 1) whose message names
 * the SQLite constraint (found by schema fuzzing: a rename onto an existing name was a 500).
 */
export function isDuplicateKeyError(error: unknown): boolean {
  const { code, message } = (error ?? {}) as { code?: unknown; message?: unknown };
  return (
    code === 11000 ||
    (code === 1 && typeof message === 'string' && message.includes('UNIQUE constraint failed'))
  );
}

/**
 * An unordered bulk write (insertMany, bulkWrite) whose every refused operation was refused by a
 * unique index: the drivers report each in `writeErrors` (an array, or one error object), with
 * `errmsg` where a single error has `message`.
 */
export function isOnlyDuplicateKeyFailure(error: unknown): boolean {
  const reported = (error as { writeErrors?: unknown } | null)?.writeErrors;
  const failures = (Array.isArray(reported) ? reported : reported ? [reported] : []) as Array<{
    code?: number;
    errmsg?: string;
  }>;
  if (!failures.length) return isDuplicateKeyError(error);
  return failures.every((failure) =>
    isDuplicateKeyError({ code: failure.code, message: failure.errmsg }),
  );
}
