import { builtInFollowUpCode, fitsFollowUpRoute, type ProductSettings } from '../../../../machines';

/**
 * The follow-up products a Herontdekken conclusion may name (docs/api.md `followUpProduct`,
 * decision 032): the enabled products of the case's catalogue of the route's family, for
 * `stabiel` on the concluded trede, by the engine's own rule (machines/products.ts). The server
 * decides (followUpOfConclusion); this only spares a refused round trip. `builtIn` is what the server opens
 * when nothing is named, or null when it would ask to choose.
 */
export function followUpOptions(
  catalogue: readonly ProductSettings[],
  trede: number,
  route: string,
): { options: ProductSettings[]; builtIn: string | null } {
  if (route !== 'ontwikkeltraject' && route !== 'stabiel') return { options: [], builtIn: null };
  const options = catalogue.filter(
    (product) => product.enabled && fitsFollowUpRoute(product, route, trede),
  );
  const builtInCode = builtInFollowUpCode(route, trede);
  const builtIn = options.some((product) => product.code === builtInCode) ? builtInCode : null;
  return { options, builtIn };
}
