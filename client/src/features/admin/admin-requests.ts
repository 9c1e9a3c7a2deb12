import { useState } from 'react';
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

export interface AdminMessage {
  ok: boolean;
  text: string;
}

/**
 * A section's requests: `run` sends one, says in Dutch how it went and bumps `reload` so the
 * section's list is fetched again after a success.
 */
export function useAdminRequest() {
  const [reload, setReload] = useState(0);
  const [message, setMessage] = useState<AdminMessage | null>(null);

  async function run(request: () => Promise<unknown>, success: string): Promise<boolean> {
    setMessage(null);
    try {
      await request();
      setMessage({ ok: true, text: success });
      setReload((value) => value + 1);
      return true;
    } catch (error) {
      setMessage({ ok: false, text: adminFailure(error) });
      return false;
    }
  }

  return { reload, message, run };
}
