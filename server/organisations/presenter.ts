import type { z } from 'zod';
import { catalogueCodes } from '../../machines';
import type { Opdrachtgever } from './opdrachtgever.repository';
import type { opdrachtgeverView } from './schema';
import { settingsOfOpdrachtgever } from './settings';

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
    tariffHistory: opdrachtgever.tariffHistory,
  };
}
