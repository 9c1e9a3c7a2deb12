import { api, ApiError } from '../../lib/api';
import type { EventBody, Trajectory } from '../../lib/api-types';
import { nl } from '../../i18n/nl';

export interface ItemResult {
  trajectoryId: string;
  displayName: string;
  ok: boolean;
  message: string;
}

type EventWithoutVersion = EventBody extends infer E
  ? E extends EventBody
    ? Omit<E, 'expectedVersion'>
    : never
  : never;

/**
 * One ordinary event, as the case file sends it: the trajectory's current version as
 * expectedVersion (a change in between is a 409, never overwritten) and a fresh Idempotency-Key.
 */
export async function sendOnLatestVersion(
  trajectoryId: string,
  event: EventWithoutVersion,
): Promise<Trajectory> {
  const path = `/trajectories/${encodeURIComponent(trajectoryId)}`;
  const current = await api<Trajectory>(path);
  return api<Trajectory>(`${path}/events`, {
    method: 'POST',
    body: { ...event, expectedVersion: current.version },
    headers: { 'Idempotency-Key': crypto.randomUUID() },
  });
}

/** The reason a request failed, in Dutch, for the per-item result list. */
export function failureMessage(error: unknown): string {
  if (!(error instanceof ApiError)) return nl.genericError;
  if (error.status === 0) return nl.serverUnreachable;
  if (error.status === 409) return nl.teamOverview.results.conflict;
  if (error.status === 403) return nl.teamOverview.results.forbidden;
  if (error.status === 422) return nl.teamOverview.results.refused;
  if (error.status === 400) {
    const fields = Object.keys(error.fieldErrors());
    return nl.teamOverview.results.invalid(fields.join(', '));
  }
  return nl.genericError;
}

/** Runs one action per item, one after the other (each its own event), and reports each. */
export async function runPerItem(
  items: ReadonlyArray<{ trajectoryId: string; displayName: string }>,
  action: (trajectoryId: string) => Promise<unknown>,
): Promise<ItemResult[]> {
  const results: ItemResult[] = [];
  for (const item of items) {
    try {
      await action(item.trajectoryId);
      results.push({ ...item, ok: true, message: nl.teamOverview.results.done });
    } catch (error) {
      results.push({ ...item, ok: false, message: failureMessage(error) });
    }
  }
  return results;
}
