import { createTrajectory } from './engine';
import { followUpOfConclusion, resolveSettings } from './products';
import { begeleider, expectOk, LATER, TrajectoryDriver } from './test-support';

/**
 * SPEC §2.3 + §4.1: a Herontdekken conclusion opens the opdrachtgever's variant when one is asked
 * for, or when it replaced the built-in product; the follow-up runs with the variant's limits.
 */
const variants = [
  {
    code: 'STA-3-PLUS',
    name: 'Stabiel op trede 3 plus',
    family: 'STA' as const,
    stabielTrede: 3 as const,
    tariffCentsPerHour: 960,
    reviewMonths: 3,
  },
  {
    code: 'ONT-KORT',
    name: 'Ontwikkeltraject kort',
    family: 'ONT' as const,
    tariffCentsPerHour: 1300,
    limitMonths: 4,
  },
];
const nijmegen = resolveSettings({}, { variants });
/** An opdrachtgever that buys only its own Stabiel op trede 3 and its own short ONT. */
const onlyVariants = resolveSettings(
  {},
  { variants, products: { ONT: { enabled: false }, 'STA-3': { enabled: false } } },
);

function startedHer(settings = nijmegen) {
  const driver = TrajectoryDriver.create(
    { product: 'HER', currentTrede: 1, registeredAt: '2026-01-10' },
    settings,
  );
  driver.must({ type: 'START' }, '2026-01-15T10:00:00+01:00');
  return driver;
}

describe('Herontdekken follow-ups with variants (SPEC §4.1)', () => {
  it('opens the asked variant, with target trede + 1 for ONT', () => {
    expect(
      startedHer().must(
        { type: 'CONCLUDE', trede: 3, route: 'stabiel', followUpProduct: 'STA-3-PLUS' },
        '2026-10-01',
      ).followUp,
    ).toEqual({ product: 'STA-3-PLUS', targetTrede: null });
    expect(
      startedHer().must(
        { type: 'CONCLUDE', trede: 2, route: 'ontwikkeltraject', followUpProduct: 'ONT-KORT' },
        '2026-10-01',
      ).followUp,
    ).toEqual({ product: 'ONT-KORT', targetTrede: 3 });
  });

  it('keeps the built-in product when none is asked and the catalogue offers it', () => {
    expect(followUpOfConclusion(nijmegen, { trede: 3, route: 'stabiel' })).toEqual({
      ok: true,
      followUp: { product: 'STA-3', targetTrede: null },
    });
  });

  it('opens the one fitting variant where the built-in is not offered', () => {
    expect(followUpOfConclusion(onlyVariants, { trede: 3, route: 'stabiel' })).toEqual({
      ok: true,
      followUp: { product: 'STA-3-PLUS', targetTrede: null },
    });
    expect(followUpOfConclusion(onlyVariants, { trede: 1, route: 'ontwikkeltraject' })).toEqual({
      ok: true,
      followUp: { product: 'ONT-KORT', targetTrede: 2 },
    });
    // Stabiel op trede 4 is still the built-in one; trede 2 has no product at all.
    expect(followUpOfConclusion(onlyVariants, { trede: 4, route: 'stabiel' })).toMatchObject({
      followUp: { product: 'STA-4' },
    });
    expect(followUpOfConclusion(onlyVariants, { trede: 2, route: 'stabiel' })).toMatchObject({
      ok: false,
      code: 'PRODUCT_DISABLED',
    });
  });

  it('asks to choose when several variants fit and the built-in is not offered', () => {
    const two = resolveSettings(
      {},
      {
        variants: [
          ...variants,
          {
            code: 'ONT-LANG',
            name: 'Lang',
            family: 'ONT',
            tariffCentsPerHour: 1100,
            limitMonths: 9,
          },
        ],
        products: { ONT: { enabled: false } },
      },
    );
    const choice = followUpOfConclusion(two, { trede: 1, route: 'ontwikkeltraject' });
    expect(choice).toEqual({
      ok: false,
      code: 'GUARD_FAILED',
      message: 'Choose the follow-up with followUpProduct: ONT-KORT, ONT-LANG',
    });
  });

  it('refuses a variant of another family or trede, an unknown one, and one on another route', () => {
    const driver = startedHer();
    expect(
      driver.send(
        { type: 'CONCLUDE', trede: 3, route: 'ontwikkeltraject', followUpProduct: 'STA-3-PLUS' },
        '2026-10-01',
      ),
    ).toMatchObject({ code: 'GUARD_FAILED', message: 'STA-3-PLUS is no Ontwikkeltraject product' });
    expect(
      driver.send(
        { type: 'CONCLUDE', trede: 4, route: 'stabiel', followUpProduct: 'STA-3-PLUS' },
        '2026-10-01',
      ),
    ).toMatchObject({
      code: 'GUARD_FAILED',
      message: 'STA-3-PLUS is no Stabiel product for trede 4',
    });
    expect(
      driver.send(
        { type: 'CONCLUDE', trede: 3, route: 'stabiel', followUpProduct: 'STA-3-EXTRA' },
        '2026-10-01',
      ),
    ).toMatchObject({ code: 'PRODUCT_DISABLED' });
    expect(
      driver.send(
        { type: 'CONCLUDE', trede: 3, route: 'zelfstandig', followUpProduct: 'ONT-KORT' },
        '2026-10-01',
      ),
    ).toMatchObject({ code: 'GUARD_FAILED' });
    expect(
      driver.send(
        // A payload from outside TypeScript: not a catalogue code.
        { type: 'CONCLUDE', trede: 3, route: 'stabiel', followUpProduct: 'sta 3' as never },
        '2026-10-01',
      ),
    ).toMatchObject({ code: 'GUARD_FAILED', message: 'followUpProduct must be a catalogue code' });
    expect(driver.summary.state).toBe('active'); // nothing was applied
  });

  it('the follow-up runs with the variant’s own limit (ONT-KORT: 4 months)', () => {
    const concluded = startedHer().must(
      { type: 'CONCLUDE', trede: 2, route: 'ontwikkeltraject', followUpProduct: 'ONT-KORT' },
      '2026-10-01',
    );
    const created = expectOk(
      createTrajectory({
        product: concluded.followUp!.product,
        targetTrede: concluded.followUp!.targetTrede ?? undefined,
        currentTrede: 2,
        registeredAt: '2026-10-01T10:00:00+02:00',
        now: LATER,
        actor: begeleider,
        settings: nijmegen,
      }),
    );
    expect(created.summary).toMatchObject({ product: 'ONT-KORT', machineId: 'ontwikkeltraject' });
    const driver = new TrajectoryDriver(created, nijmegen);
    // Started 5 October: 4 months, so the last day is 5 February 2027 (CET).
    expect(driver.must({ type: 'START' }, '2026-10-05T10:00:00+02:00').summary.deadlineAt).toBe(
      '2027-02-05T23:00:00.000Z',
    );
  });
});
