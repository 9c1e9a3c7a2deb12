import { decideAccessChange } from './access-change';

const beheerder = { id: 'a', role: 'beheerder' as const, teamIds: [], active: true };

describe('decideAccessChange', () => {
  it('refuses a change of one’s own role, teams or active flag', () => {
    for (const change of [{ role: 'teamleider' as const }, { teamIds: ['t1'] }, { active: false }])
      expect(
        decideAccessChange({ actorId: 'a', target: beheerder, change, otherActiveBeheerders: 3 }),
      ).toMatchObject({ ok: false, reason: 'SELF_CHANGE' });
  });

  it('lets one resend one’s own unchanged values', () => {
    expect(
      decideAccessChange({
        actorId: 'a',
        target: beheerder,
        change: { role: 'beheerder', teamIds: [], active: true },
        otherActiveBeheerders: 0,
      }),
    ).toEqual({ ok: true, changed: [] });
  });

  it('never demotes or deactivates the last active beheerder', () => {
    for (const change of [{ role: 'beleid' as const }, { active: false }])
      expect(
        decideAccessChange({ actorId: 'b', target: beheerder, change, otherActiveBeheerders: 0 }),
      ).toMatchObject({ ok: false, reason: 'LAST_BEHEERDER' });
    expect(
      decideAccessChange({
        actorId: 'b',
        target: beheerder,
        change: { active: false },
        otherActiveBeheerders: 1,
      }),
    ).toEqual({ ok: true, changed: ['active'] });
  });
});
