import type { AppContext } from '../../app-context';
import type { AuthUser } from '../../policies/actor';
import { mustFind, saveLayer } from '../opdrachtgever-layer';
import { storedOpdrachtgeverOverridesSchema, type VariantBody } from '../schema';

/** PUT /opdrachtgevers/:id/variants/:code (beheerder): adds or replaces one variant. */
export async function putVariant(
  context: AppContext,
  user: AuthUser,
  id: string,
  code: string,
  variant: VariantBody,
) {
  const current = await mustFind(context, user.orgId, id);
  const stored = storedOpdrachtgeverOverridesSchema.parse(current.settingsOverrides);
  const variants = (stored.variants ?? []).filter((existing) => existing.code !== code);
  variants.push({ ...variant, code });
  return saveLayer(
    context,
    user,
    current,
    { overrides: { ...stored, variants } },
    { variant: { code, ...variant } },
  );
}
