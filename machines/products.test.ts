import { isTrede, LADDER, tredeName } from './ladder';
import {
  catalogueCodes,
  DEFAULT_SETTINGS,
  enabledProduct,
  PRODUCT_CODES,
  resolveSettings,
  tariffAt,
  tariffsOf,
} from './products';
import type { TariffPeriod } from './products';

describe('ladder (SPEC §2.1)', () => {
  it('has six treden with their Dutch names', () => {
    expect(LADDER.map((step) => step.trede)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(tredeName(1)).toBe('Geïsoleerd');
    expect(tredeName(6)).toBe('Betaald werk');
  });

  it.each([[0], [7], [2.5], ['3'], [null]])('%p is not a trede', (value) => {
    expect(isTrede(value)).toBe(false);
  });
});

describe('catalogue and settings (SPEC §2.2)', () => {
  it('has the defaults of the SPEC', () => {
    const { products, signals } = DEFAULT_SETTINGS;
    expect(products.ONT).toMatchObject({
      limitMonths: 6,
      tariffCentsPerHour: 1100,
      maxExtensionsPerStep: 1,
      enabled: true,
    });
    expect(products.HER).toMatchObject({ limitMonths: 12, tariffCentsPerHour: 1100 });
    expect(products['STA-3']).toMatchObject({
      reviewMonths: 6,
      stabielTrede: 3,
      tariffCentsPerHour: 720,
    });
    expect(products['STA-4']).toMatchObject({
      reviewMonths: 6,
      stabielTrede: 4,
      tariffCentsPerHour: 1100,
    });
    expect(products['STA-2']).toMatchObject({ enabled: false, stabielTrede: 2 });
    expect(signals).toEqual({
      decisionPendingDays: 14,
      assessmentDueMonths: 6,
      deadlineNearDays: 28,
      noActivityDays: 42,
      dropoutUnresolvedDays: 28,
      suspendedLongDays: 90,
      waitingStartDays: 28,
      relapseDays: 90,
    });
  });

  it('deep-merges overrides without touching the defaults', () => {
    const settings = resolveSettings({
      products: { 'STA-2': { enabled: true, tariffCentsPerHour: 1600 }, ONT: { limitMonths: 4 } },
      signals: { noActivityDays: 30 },
    });
    expect(settings.products['STA-2']).toMatchObject({
      enabled: true,
      tariffCentsPerHour: 1600,
      reviewMonths: 6,
    });
    expect(settings.products.ONT.limitMonths).toBe(4);
    expect(settings.signals).toMatchObject({ noActivityDays: 30, deadlineNearDays: 28 });
    expect(DEFAULT_SETTINGS.products['STA-2'].enabled).toBe(false);
    expect(enabledProduct(settings, 'STA-2')).not.toBeNull();
    expect(enabledProduct(DEFAULT_SETTINGS, 'STA-2')).toBeNull();
  });

  it('ignores what is not a valid override, and keeps code-owned fields', () => {
    const settings = resolveSettings({
      products: {
        ONT: { limitMonths: -1, machineId: 'stabiel', stabielTrede: 2 },
        'STA-3': { limitMonths: 6 },
        XYZ: {},
      },
      signals: { relapseDays: 'many' },
    });
    expect(settings).toEqual(resolveSettings(null));
    expect(settings).toEqual(DEFAULT_SETTINGS);
  });
});

describe('opdrachtgever layer and product variants (SPEC §4.1)', () => {
  const organisation = { products: { 'STA-3': { tariffCentsPerHour: 750 } } };
  const nijmegen = {
    variants: [
      {
        code: 'STA-3-PLUS',
        name: 'Stabiel op trede 3 plus',
        family: 'STA' as const,
        stabielTrede: 3 as const,
        tariffCentsPerHour: 960,
      },
    ],
    products: { ONT: { limitMonths: 5 } },
  };

  it('resolves defaults → organisation → opdrachtgever, the later layer winning', () => {
    const settings = resolveSettings(organisation, {
      products: { 'STA-3': { tariffCentsPerHour: 800 } },
    });
    expect(settings.products['STA-3'].tariffCentsPerHour).toBe(800);
    expect(resolveSettings(organisation).products['STA-3'].tariffCentsPerHour).toBe(750);
    expect(settings.products.ONT.tariffCentsPerHour).toBe(1100);
  });

  it('adds a variant with its family, its parameters from the family product', () => {
    const settings = resolveSettings(organisation, nijmegen);
    expect(settings.products['STA-3-PLUS']).toEqual({
      ...settings.products['STA-3'],
      code: 'STA-3-PLUS',
      name: 'Stabiel op trede 3 plus',
      tariffCentsPerHour: 960,
      enabled: true,
      variantOf: 'STA-3',
    });
    expect(settings.products['STA-3-PLUS']).toMatchObject({
      family: 'STA',
      machineId: 'stabiel',
      stabielTrede: 3,
      reviewMonths: 6,
    });
    expect(catalogueCodes(settings)).toEqual([...PRODUCT_CODES, 'STA-3-PLUS']);
    expect(settings.products.ONT.limitMonths).toBe(5);
    expect(enabledProduct(resolveSettings(organisation), 'STA-3-PLUS')).toBeNull();
  });

  it('ignores variants that shadow a built-in code or lack a family, trede or tariff', () => {
    const settings = resolveSettings({
      variants: [
        { code: 'ONT', name: 'x', family: 'ONT', tariffCentsPerHour: 1 },
        { code: 'STA-9', name: 'x', family: 'STA', stabielTrede: 9, tariffCentsPerHour: 1 },
        { code: 'X-1', name: 'x', family: 'XYZ', tariffCentsPerHour: 1 },
        { code: 'X-2', name: 'x', family: 'HER' },
        { code: 'bad code', name: 'x', family: 'HER', tariffCentsPerHour: 1 },
      ],
    });
    expect(settings).toEqual(DEFAULT_SETTINGS);
  });

  it('finds the tariff in force at an instant', () => {
    const history: TariffPeriod[] = [
      { from: null, tariffs: { ONT: 1100 } },
      { from: '2026-03-15T12:00:00.000Z', tariffs: { ONT: 1200, 'STA-3-PLUS': 960 } },
    ];
    expect(tariffAt(history, 'ONT', '2026-03-15T11:59:59.999Z')).toBe(1100);
    expect(tariffAt(history, 'ONT', '2026-03-15T12:00:00.000Z')).toBe(1200);
    expect(tariffAt(history, 'ONT', '2020-01-01T00:00:00.000Z')).toBe(1100);
    // A variant added later: before it existed, its first tariff.
    expect(tariffAt(history, 'STA-3-PLUS', '2026-01-01T00:00:00.000Z')).toBe(960);
    expect(tariffAt(history, 'HER', '2026-01-01T00:00:00.000Z')).toBeNull();
    expect(tariffsOf(resolveSettings(nijmegen))).toMatchObject({
      ONT: 1100,
      'STA-3-PLUS': 720 + 240,
    });
  });
});
