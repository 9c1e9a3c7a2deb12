import { DEFAULT_SETTINGS } from '../../../machines';
import { ontTrajectory } from '../test/fixtures';
import { crossCheckedEvents, stepFacts } from './trajectory-rules';

describe('crossCheckedEvents', () => {
  const running = ontTrajectory();

  it("agrees with the server's list for a restored snapshot", () => {
    const checked = crossCheckedEvents(running, 'begeleider', DEFAULT_SETTINGS);
    expect(checked).toEqual({ events: running.allowedEvents, mismatch: false });
    expect(checked.events).toContain('ASSESS_TREDE');
    expect(checked.events).not.toContain('NEXT_STEP');
  });

  it('offers only what both allow, and says when they disagree', () => {
    const claimed = { ...running, allowedEvents: [...running.allowedEvents, 'NEXT_STEP'] };
    const checked = crossCheckedEvents(claimed, 'begeleider', DEFAULT_SETTINGS);
    expect(checked.events).not.toContain('NEXT_STEP');
    expect(checked.mismatch).toBe(true);
  });

  it('moves with the machine: after the step is achieved, NEXT_STEP is possible', () => {
    const achieved = ontTrajectory([
      { event: { type: 'ASSESS_TREDE', trede: 2 }, at: '2026-04-01T09:00:00.000Z' },
    ]);
    expect(crossCheckedEvents(achieved, 'begeleider', DEFAULT_SETTINGS).events).toContain(
      'NEXT_STEP',
    );
  });

  it('leaves the server to decide alone when the snapshot cannot be restored', () => {
    const broken = { ...running, snapshot: { value: 'nowhere', context: {} } };
    expect(crossCheckedEvents(broken, 'begeleider', DEFAULT_SETTINGS)).toEqual({
      events: running.allowedEvents,
      mismatch: true,
    });
  });
});

describe('stepFacts', () => {
  it('reads the step start and counters from the snapshot context', () => {
    expect(stepFacts(ontTrajectory().snapshot)).toMatchObject({
      stepStartedAt: '2026-03-02T09:00:00.000Z',
      suspendedDaysThisStep: 0,
      extensionsThisStep: 0,
    });
    expect(stepFacts(null).stepStartedAt).toBeNull();
  });
});
