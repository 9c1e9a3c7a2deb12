import type { AppContext } from '../app-context';
import { listOrganisationIds } from '../organisations/organisation.repository';
import { defaultOpdrachtgever } from '../organisations/settings';
import { assignOpdrachtgeverWhereUnset } from './case.repository';

/**
 * Start-up: every organisation has an opdrachtgever, and every case belongs to one (cases stored
 * before opdrachtgevers existed go to the organisation's default). Here, not in organisations/,
 * because it writes cases: organisations/ sits below case-store/ and may not import it.
 * Returns how many cases it changed.
 */
export async function ensureOpdrachtgevers(context: AppContext): Promise<number> {
  let assigned = 0;
  for (const orgId of await listOrganisationIds(context.db)) {
    const fallback = await defaultOpdrachtgever(context, orgId);
    assigned += await assignOpdrachtgeverWhereUnset(context.db, orgId, fallback.id);
  }
  return assigned; // how many cases changed (without updatedAt: decision 045)
}
