import type { AppContext } from '../../app-context';
import { NotFoundError } from '../../errors';
import type { OrgScope } from '../../policies/scope';
import { findOrganisation } from '../organisation.repository';
import { presentSettings } from '../presenter';
import { loadOrganisationSettings } from '../settings';

/** GET /settings: every role may read the catalogue (the client explains names and limits). */
export async function getSettings(context: AppContext, scope: OrgScope) {
  const organisation = await findOrganisation(context.db, scope);
  if (!organisation) throw new NotFoundError('Organisation');
  return presentSettings(organisation, await loadOrganisationSettings(context, scope.orgId));
}
