import { createTrajectory } from './engine';
import { resolveSettings } from './products';
import { begeleider, expectOk, LATER, TrajectoryDriver } from './test-support';

/** SPEC §4.1: a product variant runs on its family's machine with its own parameters. */
const nijmegen = resolveSettings(
  {},
  {
    variants: [
      {
        code: 'STA-3-PLUS',
        name: 'Stabiel op trede 3 plus',
        family: 'STA',
        stabielTrede: 3,
        tariffCentsPerHour: 960,
        reviewMonths: 3,
      },
      {
        code: 'ONT-KORT',
        name: 'Ontwikkeltraject kort',
        family: 'ONT',
        tariffCentsPerHour: 1300,
        limitMonths: 4,
      },
    ],
  },
);

describe('product variants (SPEC §4.1)', () => {
  it('runs STA-3-PLUS on the Stabiel machine with its own review period', () => {
    const driver = TrajectoryDriver.create(
      { product: 'STA-3-PLUS', currentTrede: 3, registeredAt: '2026-01-05' },
      nijmegen,
    );
    expect(driver.persisted.machineId).toBe('stabiel');
    const started = driver.must({ type: 'START' }, '2026-01-06');
    expect(started.summary).toMatchObject({ product: 'STA-3-PLUS', machineId: 'stabiel' });
    // 3 months from 6 January: the last day is 6 April, late from 00:00 on 7 April (CEST).
    expect(started.summary.deadlineAt).toBe('2026-04-06T22:00:00.000Z');
    const relapse = driver.must({ type: 'ASSESS_TREDE', trede: 2 }, '2026-02-01');
    expect(relapse.historyEntries.at(-1)?.flags).toContain('relapse');
    expect(driver.sweep('2026-04-07T00:00:00+02:00')?.ok).toBe(true);
    expect(driver.summary.state).toBe('reviewDue');
  });

  it('runs an ONT variant with its own step limit, and a restored snapshot keeps working', () => {
    const driver = TrajectoryDriver.create(
      { product: 'ONT-KORT', targetTrede: 3, currentTrede: 2, registeredAt: '2026-01-05' },
      nijmegen,
    );
    const started = driver.must({ type: 'START' }, '2026-01-05');
    expect(started.persisted.machineId).toBe('ontwikkeltraject');
    expect(started.summary.deadlineAt).toBe('2026-05-05T22:00:00.000Z');
    const roundTripped = JSON.parse(JSON.stringify(driver.persisted));
    driver.persisted = roundTripped;
    expect(driver.must({ type: 'ASSESS_TREDE', trede: 3 }, '2026-03-01').summary.state).toBe(
      'stepAchieved',
    );
  });

  it('refuses a variant the catalogue does not hold', () => {
    const refused = createTrajectory({
      product: 'STA-3-PLUS',
      currentTrede: 3,
      registeredAt: '2026-01-05',
      now: LATER,
      actor: begeleider,
      settings: resolveSettings(),
    });
    expect(refused).toMatchObject({ ok: false, code: 'PRODUCT_DISABLED' });
    expect(
      expectOk(
        createTrajectory({
          product: 'STA-3-PLUS',
          currentTrede: 3,
          registeredAt: '2026-01-05',
          now: LATER,
          actor: begeleider,
          settings: nijmegen,
        }),
      ).summary.product,
    ).toBe('STA-3-PLUS');
  });
});
