import type { Connection } from 'mongoose';
import type { OrganisationSettings } from '../../machines';

/**
 * Resolved settings per connection and organisation (settings.ts). Separate from settings.ts so
 * the repository can forget an entry when it writes, without an import cycle.
 */
export const settingsCache = new WeakMap<
  Connection,
  Map<string, { at: number; settings: Promise<OrganisationSettings> }>
>();

/** Called by the repository after every change of an organisation's overrides. */
export function forgetOrganisationSettings(db: Connection, orgId: string): void {
  settingsCache.get(db)?.delete(orgId);
}
