import type {
  MachineId,
  OrganisationSettings,
  ProductCode,
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

export function isProductCode(value: unknown): value is ProductCode {
  return typeof value === 'string' && (PRODUCT_CODES as readonly string[]).includes(value);
}

function stabiel(trede: Trede, enabled: boolean, tariffCentsPerHour: number): ProductSettings {
  return {
    code: `STA-${trede}` as ProductCode,
    name: `Stabiel op trede ${trede}`,
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

/** What an organisation may override; the product code, machine and Stabiel trede are fixed by code. */
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

export interface SettingsOverrides {
  products?: Partial<Record<ProductCode, ProductOverride>>;
  signals?: Partial<SignalThresholds>;
}

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

/**
 * DEFAULT_SETTINGS deep-merged with an organisation's stored overrides. Stored data is read
 * defensively: unknown keys and values of the wrong type are ignored rather than trusted, so a
 * bad document can never produce settings that break the machines.
 */
export function resolveSettings(
  overrides?: SettingsOverrides | Record<string, unknown> | null,
): OrganisationSettings {
  const source: Record<string, unknown> = isRecord(overrides) ? overrides : {};
  const productOverrides = isRecord(source.products) ? source.products : {};
  const signalOverrides = isRecord(source.signals) ? source.signals : {};

  const products = {} as Record<ProductCode, ProductSettings>;
  for (const code of PRODUCT_CODES) {
    products[code] = mergeProduct(DEFAULT_SETTINGS.products[code], productOverrides[code]);
  }
  const signals: SignalThresholds = { ...DEFAULT_SETTINGS.signals };
  for (const key of Object.keys(signals) as Array<keyof SignalThresholds>) {
    const value = signalOverrides[key];
    if (isCount(value) && value > 0) signals[key] = value;
  }
  return { products, signals };
}

/** The product's settings when the organisation offers it; null when missing or disabled. */
export function enabledProduct(
  settings: OrganisationSettings,
  code: ProductCode,
): ProductSettings | null {
  const product = settings.products[code] as ProductSettings | undefined;
  return product && product.enabled ? product : null;
}

/**
 * The products a new trajectory may have for a participant on `currentTrede` (SPEC §2.2, §2.3):
 * an Ontwikkeltraject towards the next trede (2–5, so only from trede 1–4), Stabiel only on the
 * product's own trede, Herontdekken always — each only when the organisation offers it.
 */
export function offeredProducts(
  settings: OrganisationSettings,
  currentTrede: Trede,
): Array<{ product: ProductCode; targetTrede: Trede | null }> {
  const offered: Array<{ product: ProductCode; targetTrede: Trede | null }> = [];
  for (const code of PRODUCT_CODES) {
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
