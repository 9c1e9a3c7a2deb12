import type { AppContext } from '../../app-context';
import { organisationOverrides } from '../opdrachtgever-layer';
import { listOpdrachtgevers as findOpdrachtgevers } from '../opdrachtgever.repository';
import { presentOpdrachtgever } from '../presenter';
import { defaultOpdrachtgever } from '../settings';

/** GET /opdrachtgevers (SPEC §4.1): every role reads the catalogues. */
export async function listOpdrachtgevers(context: AppContext, orgId: string) {
  await defaultOpdrachtgever(context, orgId); // an organisation always has one
  const layer = await organisationOverrides(context, orgId);
  const items = await findOpdrachtgevers(context.db, { orgId });
  return { items: items.map((item) => presentOpdrachtgever(item, layer)) };
}
