import { resolveSettings, type OrganisationSettings } from '../../machines';
import type { AppContext } from '../app-context';
import { NotFoundError } from '../errors';
import { findOrganisation } from './organisation.repository';
import { settingsCache as cache } from './settings-cache';

/**
 * How long a process keeps an organisation's resolved settings. Every event, case file and
 * dashboard needs them; reading them each time was one extra database round trip per request
 * (docs/performance.md). A change made through this process is seen at once (the repository's
 * write forgets the entry); another instance sees it within this many milliseconds. A running
 * step never depends on it: it keeps the settings that were in force when it started (SPEC §4.1).
 */
export const SETTINGS_CACHE_MS = 5000;

/**
 * The organisation's catalogue, tariffs and thresholds: DEFAULT_SETTINGS with its stored overrides
 * (SPEC §2.2: a per-organisation setting, never a constant).
 */
export async function loadOrganisationSettings(
  context: AppContext,
  orgId: string,
): Promise<OrganisationSettings> {
  let byOrg = cache.get(context.db);
  if (!byOrg) cache.set(context.db, (byOrg = new Map()));
  const now = Date.now(); // a cache age, not domain time: the injected clock does not apply
  const hit = byOrg.get(orgId);
  if (hit && now - hit.at < SETTINGS_CACHE_MS) return hit.settings;
  const settings = findOrganisation(context.db, orgId).then((organisation) => {
    if (!organisation) throw new NotFoundError('Organisation');
    return resolveSettings(organisation.settingsOverrides);
  });
  byOrg.set(orgId, { at: now, settings });
  settings.catch(() => byOrg.delete(orgId));
  return settings;
}
