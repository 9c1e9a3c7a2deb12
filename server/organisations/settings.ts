import { resolveSettings, tariffsOf, type OrganisationSettings } from '../../machines';
import type { AppContext } from '../app-context';
import { NotFoundError } from '../errors';
import { findOrganisation } from './organisation.repository';
import {
  DuplicateOpdrachtgeverError,
  findOpdrachtgever,
  insertOpdrachtgever,
  listOpdrachtgevers,
  updateOpdrachtgever,
  type Opdrachtgever,
} from './opdrachtgever.repository';
import { caseSettingsCache, settingsCache as cache } from './settings-cache';

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
 * (SPEC §2.2: a per-organisation setting, never a constant). Without an opdrachtgever: the
 * organisation layer alone (signal thresholds, the settings page).
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
  const settings = findOrganisation(context.db, { orgId }).then((organisation) => {
    if (!organisation) throw new NotFoundError('Organisation');
    return resolveSettings(organisation.settingsOverrides);
  });
  byOrg.set(orgId, { at: now, settings });
  settings.catch(() => byOrg.delete(orgId));
  return settings;
}

/**
 * The settings a case works with (SPEC §4.1): defaults → organisation → the case's opdrachtgever.
 * A case without one (stored before opdrachtgevers existed) belongs to the organisation's default.
 * Cached like the organisation's (SETTINGS_CACHE_MS, decision 027): every event and case file
 * asked for two documents that change a few times a year.
 */
export async function loadCaseSettings(
  context: AppContext,
  orgId: string,
  opdrachtgeverId: string | null | undefined,
): Promise<OrganisationSettings> {
  let byKey = caseSettingsCache.get(context.db);
  if (!byKey) caseSettingsCache.set(context.db, (byKey = new Map()));
  const key = `${orgId}/${opdrachtgeverId ?? ''}`;
  const now = Date.now(); // a cache age, not domain time: the injected clock does not apply
  const hit = byKey.get(key);
  if (hit && now - hit.at < SETTINGS_CACHE_MS) return hit.settings;
  const settings = readCaseSettings(context, orgId, opdrachtgeverId);
  const entries = byKey;
  entries.set(key, { at: now, settings });
  settings.catch(() => entries.delete(key));
  return settings;
}

async function readCaseSettings(
  context: AppContext,
  orgId: string,
  opdrachtgeverId: string | null | undefined,
): Promise<OrganisationSettings> {
  const organisation = await findOrganisation(context.db, { orgId });
  if (!organisation) throw new NotFoundError('Organisation');
  const opdrachtgever = opdrachtgeverId
    ? await findOpdrachtgever(context.db, { orgId }, opdrachtgeverId)
    : await defaultOpdrachtgever(context, orgId);
  return resolveSettings(organisation.settingsOverrides, opdrachtgever?.settingsOverrides);
}

export function settingsOfOpdrachtgever(
  organisationOverrides: Record<string, unknown>,
  opdrachtgever: Opdrachtgever,
): OrganisationSettings {
  return resolveSettings(organisationOverrides, opdrachtgever.settingsOverrides);
}

/** The first opdrachtgever of the organisation; one named after it is created when there is none. */
export async function defaultOpdrachtgever(
  context: AppContext,
  orgId: string,
): Promise<Opdrachtgever> {
  const existing = await listOpdrachtgevers(context.db, { orgId });
  if (existing[0]) return existing[0];
  const organisation = await findOrganisation(context.db, { orgId });
  if (!organisation) throw new NotFoundError('Organisation');
  try {
    return await insertOpdrachtgever(
      context.db,
      { orgId },
      {
        name: organisation.name,
        gemeentecode: null,
        tariffs: tariffsOf(resolveSettings(organisation.settingsOverrides)),
        now: context.clock.now(),
      },
    );
  } catch (error) {
    // Two first cases at once: the other request created it (unique orgId + name).
    if (!(error instanceof DuplicateOpdrachtgeverError)) throw error;
    const created = (await listOpdrachtgevers(context.db, { orgId }))[0];
    if (!created) throw error;
    return created;
  }
}

/**
 * After any settings change: each opdrachtgever whose resolved tariffs changed gets a new tariff
 * period from `now`, so contacts before the change keep the tariff of their date.
 */
export async function recordTariffChanges(
  context: AppContext,
  orgId: string,
  now: Date,
): Promise<void> {
  const organisation = await findOrganisation(context.db, { orgId });
  if (!organisation) return;
  for (const opdrachtgever of await listOpdrachtgevers(context.db, { orgId })) {
    const tariffs = tariffsOf(
      settingsOfOpdrachtgever(organisation.settingsOverrides, opdrachtgever),
    );
    const last = opdrachtgever.tariffHistory.at(-1)?.tariffs ?? {};
    const changed =
      Object.keys(tariffs).length !== Object.keys(last).length ||
      Object.entries(tariffs).some(([code, cents]) => last[code] !== cents);
    if (changed)
      await updateOpdrachtgever(context.db, { orgId }, opdrachtgever.id, {
        appendTariffs: { from: now, tariffs },
      });
  }
}
