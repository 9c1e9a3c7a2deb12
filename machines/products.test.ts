import { isTrede, LADDER, tredeName } from './ladder';
import { DEFAULT_SETTINGS, enabledProduct, resolveSettings } from './products';

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
