import type { AppContext } from '../app-context';
import { recordAudit } from '../audit/audit-log';
import { ConflictError, NotFoundError } from '../errors';
import type { AuthUser } from '../policies/actor';
import { orgScopeOf } from '../policies/scope';
import {
  DuplicateOpdrachtgeverError,
  findOpdrachtgever,
  updateOpdrachtgever,
  type Opdrachtgever,
} from './opdrachtgever.repository';
import { findOrganisation } from './organisation.repository';
import { presentOpdrachtgever } from './presenter';
import { recordTariffChanges } from './settings';

/** What the opdrachtgever use cases (use-cases/) share: the layers they read and the one write. */

export async function organisationOverrides(context: AppContext, orgId: string) {
  const organisation = await findOrganisation(context.db, { orgId });
  if (!organisation) throw new NotFoundError('Organisation');
  return organisation.settingsOverrides;
}

export function duplicateName(error: unknown): never {
  if (error instanceof DuplicateOpdrachtgeverError)
    throw new ConflictError('An opdrachtgever of that name exists', [
      { field: 'name', message: 'already exists' },
    ]);
  throw error;
}

export async function mustFind(context: AppContext, orgId: string, id: string) {
  const found = await findOpdrachtgever(context.db, { orgId }, id);
  if (!found) throw new NotFoundError('Opdrachtgever');
  return found;
}

/** Stores a new overrides layer, then dates any tariff it changed from now (SPEC §4.1). */
export async function saveLayer(
  context: AppContext,
  user: AuthUser,
  opdrachtgever: Opdrachtgever,
  change: { name?: string; gemeentecode?: string; overrides?: Record<string, unknown> },
  audit: Record<string, unknown>,
) {
  await updateOpdrachtgever(context.db, orgScopeOf(user), opdrachtgever.id, {
    name: change.name,
    gemeentecode: change.gemeentecode,
    settingsOverrides: change.overrides,
  }).catch(duplicateName);
  const now = context.clock.now();
  await recordTariffChanges(context, user.orgId, now);
  await recordAudit(context, {
    orgId: user.orgId,
    actorId: user.id,
    action: 'opdrachtgever.update',
    details: { opdrachtgeverId: opdrachtgever.id, ...audit },
  });
  const layer = await organisationOverrides(context, user.orgId);
  return presentOpdrachtgever(await mustFind(context, user.orgId, opdrachtgever.id), layer);
}
