import type { AppContext } from '../../app-context';
import { NotFoundError } from '../../errors';
import { findOrganisation } from '../organisation.repository';
import { loadOrganisationSettings } from '../settings';

/** GET /settings: every role may read the catalogue (the client explains names and limits). */
export async function getSettings(context: AppContext, orgId: string) {
  const organisation = await findOrganisation(context.db, orgId);
  if (!organisation) throw new NotFoundError('Organisation');
  return {
    organisation: { id: organisation.id, name: organisation.name },
    settings: await loadOrganisationSettings(context, orgId),
    overrides: organisation.settingsOverrides,
  };
}
