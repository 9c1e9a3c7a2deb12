import { ApiError } from '../../lib/api';
import { nl } from '../../i18n/nl';

/** A failed admin request in Dutch: the fields the server named, or the reason. */
export function adminFailure(error: unknown): string {
  if (!(error instanceof ApiError)) return nl.genericError;
  if (error.status === 0) return nl.serverUnreachable;
  const fields = error.fieldErrors();
  const names = Object.keys(fields);
  if (error.status === 409) return nl.admin.conflict(names.join(', ') || error.message);
  if (names.length)
    return nl.admin.invalid(names.map((field) => `${field}: ${fields[field]}`).join('; '));
  if (error.status === 403) return nl.teamOverview.results.forbidden;
  return nl.genericError;
}
