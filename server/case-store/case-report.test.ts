import { resolveSettings } from '../../machines';
import { generateCase, seededRandom } from '../../scripts/bench-data/generate-case';
import { caseReportContent, caseReportOf, onlyUnreportedEntriesAdded } from './case-report';
import type { CaseWithHistories } from './case.types';

/**
 * Decision 063: writeCase skips the report comparison when onlyUnreportedEntriesAdded says the
 * event appended only unreported contacts. Checked on every event of three-year cases lived by
 * the real engine (the benchmark generator): whenever it says so, the two report contents are
 * equal; and it does say so for most contacts, or the shortcut would be dead code.
 */
const settings = resolveSettings({});
const owner = { orgId: 'org', teamId: 'team', begeleiderId: 'beg', teamleiderId: 'tl' };

function everyEventOf(seed: number, count: number): Array<[CaseWithHistories, CaseWithHistories]> {
  const random = seededRandom(seed);
  const pairs: Array<[CaseWithHistories, CaseWithHistories]> = [];
  for (let index = 0; index < count; index += 1)
    generateCase({
      random,
      owner,
      clientNumber: `P-${index}`,
      displayName: 'Deelnemer',
      settings,
      now: new Date('2026-06-01T10:00:00.000Z'),
      historyYears: 3,
      onChange: (before, after) => pairs.push([before, after]),
    });
  return pairs;
}

const content = (record: CaseWithHistories) => caseReportContent(caseReportOf(record));

describe('onlyUnreportedEntriesAdded', () => {
  const pairs = everyEventOf(7, 60);

  it('is true only for events that leave the report content as it was', () => {
    let shortcuts = 0;
    let unchanged = 0;
    for (const [before, after] of pairs) {
      const same = content(before) === content(after);
      if (same) unchanged += 1;
      if (onlyUnreportedEntriesAdded(before, after)) {
        shortcuts += 1;
        expect(same).toBe(true);
      }
    }
    expect(pairs.length).toBeGreaterThan(1000);
    // Most events that change no report are contacts the shortcut recognises.
    expect(shortcuts).toBeGreaterThan(unchanged * 0.8);
  });

  it('is false when anything a report reads changed alongside a contact', () => {
    const [before, after] = pairs.find(([b, a]) => onlyUnreportedEntriesAdded(b, a))!;
    const open = after.openTrajectory!;
    const variants: CaseWithHistories[] = [
      { ...after, teamId: 'other-team' },
      { ...after, begeleiderId: 'other' },
      { ...after, opdrachtgeverId: 'other' },
      { ...after, ladder: [...after.ladder] },
      { ...after, closedTrajectories: [...after.closedTrajectories] },
      { ...after, opdrachtgeverMoves: [] },
      { ...after, openTrajectory: { ...open, closedAt: new Date('2026-06-01T10:00:00Z') } },
      { ...after, openTrajectory: { ...open, previousTrajectoryId: 'x' } },
      {
        ...after,
        openTrajectory: {
          ...open,
          summary: { ...open.summary, registeredAt: new Date('2020-01-01T00:00:00Z') },
        },
      },
      {
        ...after,
        openTrajectory: {
          ...open,
          history: [...open.history.slice(0, -1), { ...open.history.at(-1)!, toState: 'closed' }],
        },
      },
      {
        ...after,
        openTrajectory: { ...open, history: open.history.map((entry) => ({ ...entry })) },
      },
    ];
    for (const variant of variants) expect(onlyUnreportedEntriesAdded(before, variant)).toBe(false);
  });
});
