import type {
  CatalogueCode,
  FollowUpTrajectory,
  HerontdekkenRoute,
  MachineId,
  OrganisationSettings,
  ProductCode,
  ProductFamily,
  ProductSettings,
  SignalThresholds,
  Trede,
} from './types';

export const PRODUCT_CODES: readonly ProductCode[] = ['ONT', 'STA-2', 'STA-3', 'STA-4', 'HER'];

/** Which machine runs a product (SPEC §2.3: one machine per product family). */
export const MACHINE_OF_PRODUCT: Readonly<Record<ProductCode, MachineId>> = {
  ONT: 'ontwikkeltraject',
  'STA-2': 'stabiel',
  'STA-3': 'stabiel',
  'STA-4': 'stabiel',
  HER: 'herontdekken',
};

/** The machine of each family: a variant runs on its family's machine (SPEC §4.1). */
export const MACHINE_OF_FAMILY: Readonly<Record<ProductFamily, MachineId>> = {
  ONT: 'ontwikkeltraject',
  STA: 'stabiel',
  HER: 'herontdekken',
};

export const PRODUCT_FAMILIES: readonly ProductFamily[] = ['ONT', 'STA', 'HER'];

/** Catalogue codes: capitals, digits and single hyphens (`STA-3-PLUS`), as stored and exported. */
export const CATALOGUE_CODE_PATTERN = /^[A-Z][A-Z0-9]*(?:-[A-Z0-9]+)*$/;

export function isCatalogueCode(value: unknown): value is CatalogueCode {
  return typeof value === 'string' && value.length <= 40 && CATALOGUE_CODE_PATTERN.test(value);
}

export function isProductCode(value: unknown): value is ProductCode {
  return typeof value === 'string' && (PRODUCT_CODES as readonly string[]).includes(value);
}

function stabiel(trede: Trede, enabled: boolean, tariffCentsPerHour: number): ProductSettings {
  return {
    code: `STA-${trede}` as ProductCode,
    name: `Stabiel op trede ${trede}`,
    family: 'STA',
    machineId: 'stabiel',
    enabled,
    limitMonths: null,
    reviewMonths: 6,
    stabielTrede: trede,
    tariffCentsPerHour,
    maxExtensionsPerStep: 0,
  };
}

/**
 * The catalogue and thresholds of SPEC §2.2 and §2.4. These are only the defaults: every
 * organisation (opdrachtgever) resolves its own settings with `resolveSettings(overrides)`.
 */
export const DEFAULT_SETTINGS: OrganisationSettings = {
  products: {
    ONT: {
      code: 'ONT',
      name: 'Ontwikkeltraject',
      family: 'ONT',
      machineId: 'ontwikkeltraject',
      enabled: true,
      limitMonths: 6,
      reviewMonths: null,
      stabielTrede: null,
      tariffCentsPerHour: 1100,
      maxExtensionsPerStep: 1,
    },
    // STA-2 has a higher tariff that the municipality sets; 14.50 is a placeholder (SPEC §2.2).
    'STA-2': stabiel(2, false, 1450),
    'STA-3': stabiel(3, true, 720),
    'STA-4': stabiel(4, true, 1100),
    HER: {
      code: 'HER',
      name: 'Herontdekken van interesses en vaardigheden',
      family: 'HER',
      machineId: 'herontdekken',
      enabled: true,
      limitMonths: 12,
      reviewMonths: null,
      stabielTrede: null,
      tariffCentsPerHour: 1100,
      maxExtensionsPerStep: 0,
    },
  },
  signals: {
    deadlineNearDays: 28,
    noActivityDays: 42,
    dropoutUnresolvedDays: 28,
    suspendedLongDays: 90,
    waitingStartDays: 28,
    relapseDays: 90,
    decisionPendingDays: 14,
    assessmentDueMonths: 6,
  },
};

/** What an organisation or opdrachtgever may override; code, family and Stabiel trede are fixed. */
export type ProductOverride = Partial<
  Pick<
    ProductSettings,
    | 'name'
    | 'enabled'
    | 'limitMonths'
    | 'reviewMonths'
    | 'tariffCentsPerHour'
    | 'maxExtensionsPerStep'
  >
>;

/**
 * A product variant (SPEC §4.1): its own code, name and tariff, run by one of the three machine
 * families with that family's parameters. Unset parameters take the family's default product's
 * (ONT, HER, or STA-<stabielTrede>) resolved values.
 */
export interface VariantDefinition {
  code: string;
  name: string;
  family: ProductFamily;
  tariffCentsPerHour: number;
  enabled?: boolean;
  /** STA only: the trede the variant keeps (2–4). */
  stabielTrede?: Trede;
  limitMonths?: number;
  reviewMonths?: number;
  maxExtensionsPerStep?: number;
}

export interface SettingsOverrides {
  products?: Partial<Record<CatalogueCode, ProductOverride>>;
  signals?: Partial<SignalThresholds>;
  variants?: VariantDefinition[];
}

type OverrideLayer = SettingsOverrides | Record<string, unknown> | null | undefined;

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const isCount = (value: unknown): value is number =>
  typeof value === 'number' && Number.isInteger(value) && value >= 0;

function mergeProduct(base: ProductSettings, override: unknown): ProductSettings {
  if (!isRecord(override)) return { ...base };
  const merged = { ...base };
  if (typeof override.name === 'string' && override.name.trim() !== '') merged.name = override.name;
  if (typeof override.enabled === 'boolean') merged.enabled = override.enabled;
  // A product without a limit stays without one: only Stabiel has no end (SPEC §2.2).
  if (base.limitMonths !== null && isCount(override.limitMonths) && override.limitMonths > 0) {
    merged.limitMonths = override.limitMonths;
  }
  if (base.reviewMonths !== null && isCount(override.reviewMonths) && override.reviewMonths > 0) {
    merged.reviewMonths = override.reviewMonths;
  }
  if (isCount(override.tariffCentsPerHour)) merged.tariffCentsPerHour = override.tariffCentsPerHour;
  if (isCount(override.maxExtensionsPerStep))
    merged.maxExtensionsPerStep = override.maxExtensionsPerStep;
  return merged;
}

/** The built-in product a variant of this family (and Stabiel trede) takes its defaults from. */
function familyBase(
  products: Record<string, ProductSettings>,
  family: ProductFamily,
  stabielTrede: unknown,
): ProductSettings | null {
  if (family === 'ONT') return products.ONT ?? null;
  if (family === 'HER') return products.HER ?? null;
  if (stabielTrede === 2 || stabielTrede === 3 || stabielTrede === 4)
    return products[`STA-${stabielTrede}`] ?? null;
  return null;
}

/** A stored variant as settings; null when it is not usable (read defensively, like overrides). */
function variantSettings(
  products: Record<string, ProductSettings>,
  raw: unknown,
): ProductSettings | null {
  if (!isRecord(raw) || !isCatalogueCode(raw.code) || isProductCode(raw.code)) return null;
  if (!(PRODUCT_FAMILIES as readonly unknown[]).includes(raw.family)) return null;
  const family = raw.family as ProductFamily;
  const base = familyBase(products, family, raw.stabielTrede);
  if (!base || typeof raw.name !== 'string' || raw.name.trim() === '') return null;
  if (!isCount(raw.tariffCentsPerHour)) return null;
  const variant: ProductSettings = {
    ...base,
    code: raw.code,
    variantOf: base.code as ProductCode,
    enabled: true,
  };
  return mergeProduct(variant, raw);
}

/**
 * DEFAULT_SETTINGS with each layer's overrides applied in order: defaults → organisation →
 * opdrachtgever (SPEC §4.1). A layer may change built-in products and earlier variants field by
 * field, and add variants. Stored data is read defensively: unknown keys and values of the wrong
 * type are ignored rather than trusted, so a bad document can never break the machines.
 */
export function resolveSettings(...layers: OverrideLayer[]): OrganisationSettings {
  const products: Record<string, ProductSettings> = {};
  for (const code of PRODUCT_CODES) products[code] = { ...DEFAULT_SETTINGS.products[code] };
  const signals: SignalThresholds = { ...DEFAULT_SETTINGS.signals };
  for (const layer of layers) {
    const source: Record<string, unknown> = isRecord(layer) ? layer : {};
    if (Array.isArray(source.variants)) {
      for (const raw of source.variants) {
        const variant = variantSettings(products, raw);
        if (variant) products[variant.code] = variant;
      }
    }
    const productOverrides = isRecord(source.products) ? source.products : {};
    for (const [code, override] of Object.entries(productOverrides)) {
      const base = products[code];
      if (base) products[code] = mergeProduct(base, override);
    }
    const signalOverrides = isRecord(source.signals) ? source.signals : {};
    for (const key of Object.keys(signals) as Array<keyof SignalThresholds>) {
      const value = signalOverrides[key];
      if (isCount(value) && value > 0) signals[key] = value;
    }
  }
  return { products: products as OrganisationSettings['products'], signals };
}

/** The product's settings when the catalogue offers it; null when missing or disabled. */
export function enabledProduct(
  settings: OrganisationSettings,
  code: CatalogueCode,
): ProductSettings | null {
  const product = Object.hasOwn(settings.products, code) ? settings.products[code] : undefined;
  return product && product.enabled ? product : null;
}

/**
 * The products a new trajectory may have for a participant on `currentTrede` (SPEC §2.2, §2.3):
 * an Ontwikkeltraject towards the next trede (2–5, so only from trede 1–4), Stabiel only on the
 * product's own trede, Herontdekken always — each only when the catalogue offers it (variants
 * included, SPEC §4.1).
 */
export function offeredProducts(
  settings: OrganisationSettings,
  currentTrede: Trede,
): Array<{ product: CatalogueCode; targetTrede: Trede | null }> {
  const offered: Array<{ product: CatalogueCode; targetTrede: Trede | null }> = [];
  for (const code of catalogueCodes(settings)) {
    const product = enabledProduct(settings, code);
    if (!product) continue;
    if (product.machineId === 'ontwikkeltraject') {
      if (currentTrede <= 4)
        offered.push({ product: code, targetTrede: (currentTrede + 1) as Trede });
    } else if (product.machineId === 'stabiel') {
      if (product.stabielTrede === currentTrede) offered.push({ product: code, targetTrede: null });
    } else {
      offered.push({ product: code, targetTrede: null });
    }
  }
  return offered;
}

/** Every catalogue code of the settings: the built-in products first, then variants by code. */
export function catalogueCodes(settings: OrganisationSettings): CatalogueCode[] {
  const variants = Object.keys(settings.products)
    .filter((code) => !isProductCode(code))
    .sort();
  return [...PRODUCT_CODES, ...variants];
}

/**
 * Tariffs by date (SPEC §4.1: a later tariff change rewrites no past invoice). Each period holds
 * the tariffs (cents per hour, per catalogue code) in force from `from` (null: since ever) until
 * the next period's `from`. The server appends a period whenever a change alters a tariff.
 */
export interface TariffPeriod {
  from: string | null;
  tariffs: Record<string, number>;
}

export function tariffsOf(settings: OrganisationSettings): Record<string, number> {
  const tariffs: Record<string, number> = {};
  for (const code of catalogueCodes(settings))
    tariffs[code] = settings.products[code]!.tariffCentsPerHour;
  return tariffs;
}

/**
 * The tariff of `code` in force at instant `at` (ISO): the last period that began at or before it;
 * before every period, the first one. Null when no period knows the code.
 */
export function tariffAt(
  history: readonly TariffPeriod[],
  code: CatalogueCode,
  at: string,
): number | null {
  const when = Date.parse(at);
  let found: number | null = null;
  for (const period of history) {
    const begins = period.from === null ? -Infinity : Date.parse(period.from);
    const tariff = Object.hasOwn(period.tariffs, code) ? period.tariffs[code] : undefined;
    if (begins > when && found !== null) break;
    if (tariff !== undefined && (begins <= when || found === null)) found = tariff;
  }
  return found;
}

/**
 * Whether `product` may follow a Herontdekken conclusion on `route` at `trede`: of the route's
 * family, and for stabiel on the concluded trede. The browser's conclusion form asks the same.
 */
export function fitsFollowUpRoute(product: ProductSettings, route: string, trede: number): boolean {
  if (route !== 'ontwikkeltraject' && route !== 'stabiel') return false;
  return product.machineId === route && (route !== 'stabiel' || product.stabielTrede === trede);
}

/** The built-in product a conclusion on `route` opens when none is named. */
export function builtInFollowUpCode(route: 'ontwikkeltraject' | 'stabiel', trede: number): string {
  return route === 'ontwikkeltraject' ? 'ONT' : `STA-${trede}`;
}

/** What a Herontdekken conclusion opens, or why it cannot (a refusal as a value). */
export type FollowUpChoice =
  | { ok: true; followUp: FollowUpTrajectory | null }
  | { ok: false; code: 'PRODUCT_DISABLED' | 'GUARD_FAILED'; message: string };

/**
 * The trajectory a Herontdekken conclusion opens (SPEC §2.3, §4.1): route ontwikkeltraject → an
 * Ontwikkeltraject towards trede + 1 (at most 5), route stabiel → a Stabiel product on the
 * concluded trede; other routes open nothing. The product is, in this order:
 * 1. `followUpProduct` when asked: any enabled product of the catalogue of the route's family
 *    (and, for stabiel, of the concluded trede) — a variant such as STA-3-PLUS runs with its own
 *    limits and tariff;
 * 2. the built-in ONT / STA-<trede> when the catalogue offers it;
 * 3. otherwise the one enabled variant that fits (an opdrachtgever that replaced the built-in by
 *    its own variant); with several, the caller must choose.
 */
export function followUpOfConclusion(
  settings: OrganisationSettings,
  conclusion: { trede: Trede; route: HerontdekkenRoute; followUpProduct?: CatalogueCode },
): FollowUpChoice {
  const { trede, route, followUpProduct } = conclusion;
  if (route !== 'ontwikkeltraject' && route !== 'stabiel') {
    return followUpProduct === undefined
      ? { ok: true, followUp: null }
      : {
          ok: false,
          code: 'GUARD_FAILED',
          message: 'followUpProduct needs route ontwikkeltraject or stabiel',
        };
  }
  const targetTrede = route === 'ontwikkeltraject' ? (Math.min(trede + 1, 5) as Trede) : null;
  const fits = (product: ProductSettings) => fitsFollowUpRoute(product, route, trede);
  const open = (code: CatalogueCode): FollowUpChoice => ({
    ok: true,
    followUp: { product: code, targetTrede },
  });
  if (followUpProduct !== undefined) {
    const asked = enabledProduct(settings, followUpProduct);
    if (!asked)
      return {
        ok: false,
        code: 'PRODUCT_DISABLED',
        message: `Product ${followUpProduct} is not offered`,
      };
    if (!fits(asked))
      return {
        ok: false,
        code: 'GUARD_FAILED',
        message:
          route === 'stabiel'
            ? `${followUpProduct} is no Stabiel product for trede ${trede}`
            : `${followUpProduct} is no Ontwikkeltraject product`,
      };
    return open(followUpProduct);
  }
  const builtIn = builtInFollowUpCode(route, trede);
  if (isProductCode(builtIn) && enabledProduct(settings, builtIn)) return open(builtIn);
  const variants = catalogueCodes(settings).filter((code) => {
    const product = enabledProduct(settings, code);
    return !isProductCode(code) && product !== null && fits(product);
  });
  if (variants.length === 1) return open(variants[0]!);
  if (variants.length === 0)
    return {
      ok: false,
      code: 'PRODUCT_DISABLED',
      message: 'The product of this route is not offered',
    };
  return {
    ok: false,
    code: 'GUARD_FAILED',
    message: `Choose the follow-up with followUpProduct: ${variants.join(', ')}`,
  };
}
