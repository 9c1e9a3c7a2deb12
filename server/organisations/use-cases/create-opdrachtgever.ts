import { resolveSettings, tariffsOf } from '../../../machines';
import type { AppContext } from '../../app-context';
import { recordAudit } from '../../audit/audit-log';
import type { AuthUser } from '../../policies/actor';
import { orgScopeOf } from '../../policies/scope';
import { duplicateName, organisationOverrides } from '../opdrachtgever-layer';
import { insertOpdrachtgever } from '../opdrachtgever.repository';
import { presentOpdrachtgever } from '../presenter';

/** POST /opdrachtgevers (beheerder): starts with the organisation's tariffs, since ever. */
export async function createOpdrachtgever(
  context: AppContext,
  user: AuthUser,
  input: { name: string; gemeentecode: string },
) {
  const layer = await organisationOverrides(context, user.orgId);
  const created = await insertOpdrachtgever(context.db, orgScopeOf(user), {
    name: input.name,
    gemeentecode: input.gemeentecode,
    tariffs: tariffsOf(resolveSettings(layer)),
    now: context.clock.now(),
  }).catch(duplicateName);
  await recordAudit(context, {
    orgId: user.orgId,
    actorId: user.id,
    action: 'opdrachtgever.create',
    details: { opdrachtgeverId: created.id, gemeentecode: input.gemeentecode },
  });
  return presentOpdrachtgever(created, layer);
}
