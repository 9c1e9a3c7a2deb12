import type { AppContext } from '../../app-context';
import { recordAudit } from '../../audit/audit-log';
import { NotFoundError } from '../../errors';
import type { AuthUser } from '../../policies/actor';
import { orgScopeOf } from '../../policies/scope';
import { findOrganisation, saveSettingsOverrides } from '../organisation.repository';
import { settingsOverridesSchema, type SettingsOverrides } from '../schema';
import { recordTariffChanges } from '../settings';
import { getSettings } from './get-settings';

/** Merges a change into stored overrides: product by product, field by field. */
function mergeOverrides(stored: SettingsOverrides, change: SettingsOverrides): SettingsOverrides {
  const products = { ...stored.products };
  for (const [code, fields] of Object.entries(change.products ?? {})) {
    const key = code as keyof typeof products;
    products[key] = { ...products[key], ...fields };
  }
  return { products, signals: { ...stored.signals, ...change.signals } };
}

/** PATCH /settings (beheerder): applies to trajectories created afterwards. */
export async function changeSettings(
  context: AppContext,
  actor: AuthUser,
  change: SettingsOverrides,
) {
  const organisation = await findOrganisation(context.db, orgScopeOf(actor));
  if (!organisation) throw new NotFoundError('Organisation');
  const stored = settingsOverridesSchema.parse(organisation.settingsOverrides);
  await saveSettingsOverrides(context.db, orgScopeOf(actor), mergeOverrides(stored, change));
  // An organisation tariff reaches every opdrachtgever that does not set its own (SPEC §4.1).
  await recordTariffChanges(context, actor.orgId, context.clock.now());
  await recordAudit(context, {
    orgId: actor.orgId,
    actorId: actor.id,
    action: 'settings.update',
    details: { change },
  });
  return getSettings(context, orgScopeOf(actor));
}
