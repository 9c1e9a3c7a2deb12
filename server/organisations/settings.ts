import { resolveSettings, type OrganisationSettings } from '../../machines';
import type { AppContext } from '../app-context';
import { NotFoundError } from '../errors';
import { findOrganisation } from './organisation.repository';

/**
 * The organisation's catalogue, tariffs and thresholds: DEFAULT_SETTINGS with its stored overrides
 * (SPEC §2.2: a per-organisation setting, never a constant).
 */
export async function loadOrganisationSettings(
  context: AppContext,
  orgId: string,
): Promise<OrganisationSettings> {
  const organisation = await findOrganisation(context.db, orgId);
  if (!organisation) throw new NotFoundError('Organisation');
  return resolveSettings(organisation.settingsOverrides);
}
