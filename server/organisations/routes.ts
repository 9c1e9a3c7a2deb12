import { Router } from 'express';
import type { AppContext } from '../app-context';
import { recordAudit } from '../audit/audit-log';
import { authorize, currentUser } from '../http/current-user';
import { NotFoundError } from '../errors';
import { parseInput } from '../http/validate';
import { findOrganisation, saveSettingsOverrides } from './organisation.repository';
import { settingsOverridesSchema, type SettingsOverrides } from './schema';
import { loadOrganisationSettings, recordTariffChanges } from './settings';

/** Merges a change into stored overrides: product by product, field by field. */
function mergeOverrides(stored: SettingsOverrides, change: SettingsOverrides): SettingsOverrides {
  const products = { ...stored.products };
  for (const [code, fields] of Object.entries(change.products ?? {})) {
    const key = code as keyof typeof products;
    products[key] = { ...products[key], ...fields };
  }
  return { products, signals: { ...stored.signals, ...change.signals } };
}

export function organisationRoutes(context: AppContext): Router {
  const router = Router();

  const view = async (orgId: string) => {
    const organisation = await findOrganisation(context.db, orgId);
    if (!organisation) throw new NotFoundError('Organisation');
    return {
      organisation: { id: organisation.id, name: organisation.name },
      settings: await loadOrganisationSettings(context, orgId),
      overrides: organisation.settingsOverrides,
    };
  };

  // Every role may read the catalogue: the client needs product names and limits to explain them.
  router.get('/settings', async (req, res) => {
    res.json(await view(currentUser(req).orgId));
  });

  router.patch('/settings', authorize('administer'), async (req, res) => {
    const me = currentUser(req);
    const change = parseInput(settingsOverridesSchema, req.body);
    const organisation = await findOrganisation(context.db, me.orgId);
    if (!organisation) throw new NotFoundError('Organisation');
    const stored = settingsOverridesSchema.parse(organisation.settingsOverrides);
    await saveSettingsOverrides(context.db, me.orgId, mergeOverrides(stored, change));
    // An organisation tariff reaches every opdrachtgever that does not set its own (SPEC §4.1).
    await recordTariffChanges(context, me.orgId, context.clock.now());
    await recordAudit(context, {
      orgId: me.orgId,
      actorId: me.id,
      action: 'settings.update',
      details: { change },
    });
    res.json(await view(me.orgId));
  });

  return router;
}
