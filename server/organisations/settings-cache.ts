import type { Connection } from 'mongoose';
import type { OrganisationSettings } from '../../machines';

interface Entry {
  at: number;
  settings: Promise<OrganisationSettings>;
}

/**
 * Resolved settings per connection (settings.ts): by organisation, and by organisation +
 * opdrachtgever for a case's settings. Separate from settings.ts so the repositories can forget
 * entries when they write, without an import cycle.
 */
export const settingsCache = new WeakMap<Connection, Map<string, Entry>>();
export const caseSettingsCache = new WeakMap<Connection, Map<string, Entry>>();

/** Called by the repository after every change of an organisation's overrides. */
export function forgetOrganisationSettings(db: Connection, orgId: string): void {
  settingsCache.get(db)?.delete(orgId);
  // Every opdrachtgever's settings are layered on the organisation's.
  caseSettingsCache.delete(db);
}

/**
 * Called by the opdrachtgever repository after every insert or change: all case settings of the
 * connection are forgotten (changes are rare; the default opdrachtgever of a case without one is
 * whichever is first, so a narrower key could miss it).
 */
export function forgetCaseSettings(db: Connection): void {
  caseSettingsCache.delete(db);
}
