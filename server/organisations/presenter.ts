import type { z } from 'zod';
import { catalogueCodes, type TariffPeriod } from '../../machines';
import type { Opdrachtgever } from './opdrachtgever.repository';
import type { opdrachtgeverView } from './schema';
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
