import type { AppContext } from '../../app-context';
import type { AuthUser } from '../../policies/actor';
import { mustFind, saveLayer } from '../opdrachtgever-layer';
import { storedOpdrachtgeverOverridesSchema } from '../schema';

/** PATCH /opdrachtgevers/:id (beheerder): name, gemeentecode, products field by field. */
export async function updateOpdrachtgeverSettings(
  context: AppContext,
  user: AuthUser,
  id: string,
  input: {
    name?: string;
    gemeentecode?: string;
    products?: Record<string, Record<string, unknown>>;
  },
) {
  const current = await mustFind(context, user.orgId, id);
  const stored = storedOpdrachtgeverOverridesSchema.parse(current.settingsOverrides);
  let overrides: Record<string, unknown> | undefined;
  if (input.products) {
    const products: Record<string, Record<string, unknown>> = { ...stored.products };
    for (const [code, fields] of Object.entries(input.products))
      products[code] = { ...products[code], ...fields };
    overrides = { ...stored, products };
  }
  return saveLayer(
    context,
    user,
    current,
    { name: input.name, gemeentecode: input.gemeentecode, overrides },
    { change: input },
  );
}
