import type { z } from 'zod';
import {
  catalogueCodes,
  type OrganisationSettings,
  type ProductSettings,
  type TariffPeriod,
} from '../../machines';
import type { Opdrachtgever } from './opdrachtgever.repository';
import type { Organisation } from './organisation.repository';
import { settingsOverridesSchema, type opdrachtgeverView, type settingsView } from './schema';
import { settingsOfOpdrachtgever } from './settings';

/** The dated tariffs as machines/ (billing's tariffAt) and the API take them: ISO instants. */
export function tariffPeriodsOf(opdrachtgever: Opdrachtgever): TariffPeriod[] {
  return opdrachtgever.tariffHistory.map((period) => ({
    from: period.from ? period.from.toISOString() : null,
    tariffs: period.tariffs,
  }));
}

/** An opdrachtgever with its resolved catalogue (defaults → organisation → opdrachtgever). */
export function presentOpdrachtgever(
  opdrachtgever: Opdrachtgever,
  organisationLayer: Record<string, unknown>,
): z.infer<typeof opdrachtgeverView> {
  const settings = settingsOfOpdrachtgever(organisationLayer, opdrachtgever);
  return {
    id: opdrachtgever.id,
    name: opdrachtgever.name,
    gemeentecode: opdrachtgever.gemeentecode,
    catalogue: catalogueCodes(settings).map((code) => settings.products[code]!),
    overrides: opdrachtgever.settingsOverrides,
    tariffHistory: tariffPeriodsOf(opdrachtgever),
  };
}

/**
 * GET /settings: the organisation layer resolved on the defaults, and the overrides it stores.
 * A catalogue code without a product (the type allows it for variant codes) is left out, as JSON
 * would drop it anyway.
 */
export function presentSettings(
  organisation: Organisation,
  settings: OrganisationSettings,
): z.infer<typeof settingsView> {
  const products: Record<string, ProductSettings> = {};
  for (const [code, product] of Object.entries(settings.products))
    if (product) products[code] = product;
  return {
    organisation: { id: organisation.id, name: organisation.name },
    settings: { products, signals: { ...settings.signals } },
    // Stored only through PATCH /settings, which validates against this schema.
    overrides: settingsOverridesSchema.parse(organisation.settingsOverrides),
  };
}
