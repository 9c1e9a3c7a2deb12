import fc from 'fast-check';
import { resolveSettings } from '../../machines';
import { generateCase, seededRandom } from '../../scripts/bench-data/generate-case';
import { caseReportContent, caseReportOf } from '../case-store/case-report';
import type { CaseWithHistories } from '../case-store/case.types';
import { IndicatorAccumulator, type IndicatorPeriod } from './indicators';
import { monthsOfPeriod, trendRow } from './monthly-indicators';
import type { ReportCase } from './report-cases.repository';

/**
 * The report read model (decision 046) leaves out the contacts: every indicator and every month of
 * the trend computed from the projection must equal the same figure computed from the whole case,
 * on three-year cases lived by the real engine (the benchmark generator: contacts every 1–3
 * weeks, assessments, suspensions, drop-outs, relapse, Herontdekken conclusions, re-entry).
 */
const NOW = new Date('2026-06-01T10:00:00.000Z');
const settings = resolveSettings({});
const owner = { orgId: 'org', teamId: 'team', begeleiderId: 'beg', teamleiderId: 'tl' };

/** What the indicators were fed before the read model: the case with its whole histories. */
function fromWholeCase(record: CaseWithHistories): ReportCase {
  const open = record.openTrajectory;
  return {
    caseId: record.id,
    teamId: record.teamId,
    begeleiderId: record.begeleiderId,
    opdrachtgeverId: record.opdrachtgeverId ?? null,
    opdrachtgeverMoves: record.opdrachtgeverMoves ?? [],
    ladder: record.ladder,
    trajectories: [...record.closedTrajectories, ...(open ? [open] : [])],
  };
}

function fromProjection(record: CaseWithHistories): ReportCase {
  const { orgId: _org, caseVersion: _version, ...report } = caseReportOf(record);
  return report;
}

function generated(seed: number, count: number): CaseWithHistories[] {
  const random = seededRandom(seed);
  return Array.from(
    { length: count },
    (_, index) =>
      generateCase({
        random,
        owner,
        clientNumber: `P-${index}`,
        displayName: 'Deelnemer',
        settings,
        now: NOW,
        historyYears: 3,
      }).record,
  );
}

const PERIODS: IndicatorPeriod[] = [
  { from: '2023-06-01', to: '2026-06-01', asOf: NOW },
  { from: '2024-01-01', to: '2024-12-31', asOf: NOW },
  { from: '2025-01-01', to: '2025-12-31', asOf: NOW },
  // asOf inside the period: entries after it are ignored, later figures "not yet known".
  { from: '2025-01-01', to: '2025-12-31', asOf: new Date('2025-07-15T22:00:00.000Z') },
];

function indicators(records: CaseWithHistories[], of: (record: CaseWithHistories) => ReportCase) {
  return PERIODS.map((period) => {
    const accumulator = new IndicatorAccumulator(period, ['ONT', 'HER']);
    for (const record of records) accumulator.add(of(record));
    return accumulator.result();
  });
}

function trend(records: CaseWithHistories[], of: (record: CaseWithHistories) => ReportCase) {
  const months = monthsOfPeriod('2024-07-01', '2026-06-01');
  const accumulators = months.map(
    (month) =>
      new IndicatorAccumulator({ from: month.from, to: month.to, asOf: NOW }, ['ONT', 'HER']),
  );
  for (const record of records) for (const accumulator of accumulators) accumulator.add(of(record));
  return months.map((month, index) => trendRow(month, accumulators[index]!.result()));
}

describe('the report read model (decision 046)', () => {
  it('every indicator and trend month equals the one computed from the whole cases', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 2 ** 30 }), (seed) => {
        const records = generated(seed, 12);
        expect(indicators(records, fromProjection)).toEqual(indicators(records, fromWholeCase));
        expect(trend(records, fromProjection)).toEqual(trend(records, fromWholeCase));
      }),
      { numRuns: 5, seed: 20261202 },
    );
  });

  it('leaves out the contacts, and what the reports count is really there', () => {
    const records = generated(7, 40);
    const entries = (of: (record: CaseWithHistories) => ReportCase) =>
      records.reduce(
        (sum, record) =>
          sum + of(record).trajectories.reduce((count, t) => count + t.history.length, 0),
        0,
      );
    const whole = entries(fromWholeCase);
    const projected = entries(fromProjection);
    expect(projected).toBeLessThan(whole / 2); // contacts are most of a history
    const projectedContacts = records.flatMap((record) =>
      caseReportOf(record).trajectories.flatMap((trajectory) =>
        trajectory.history.filter((entry) => entry.type === 'RECORD_CONTACT'),
      ),
    );
    expect(projectedContacts.every((entry) => entry.fromState !== entry.toState)).toBe(true);
    // The oracle is not vacuous: the three years hold steps, closes and Herontdekken years.
    const [threeYears] = indicators(records, fromWholeCase);
    expect(threeYears!.steps.transitions).toBeGreaterThan(0);
    expect(threeYears!.trajectories.started).toBeGreaterThan(0);
    expect(Object.values(threeYears!.trajectories.closedByOutcome).some(Boolean)).toBe(true);
  });

  it('a contact changes nothing a report reads; a state change or a step does', () => {
    const record = generated(11, 20).find((candidate) => candidate.openTrajectory);
    const open = record!.openTrajectory!;
    const last = open.history.at(-1)!;
    const contact = {
      ...last,
      type: 'RECORD_CONTACT' as const,
      occurredAt: new Date(last.occurredAt.getTime() + 1000),
      fromState: last.toState,
      payload: { note: 'gesprek', minutes: 30 },
      flags: [],
    };
    const withContact = {
      ...record!,
      version: record!.version + 1,
      openTrajectory: { ...open, history: [...open.history, contact] },
    };
    expect(caseReportContent(caseReportOf(withContact))).toBe(
      caseReportContent(caseReportOf(record!)),
    );
    const suspended = {
      ...withContact,
      openTrajectory: {
        ...open,
        history: [...open.history, { ...contact, type: 'SUSPEND' as const, toState: 'suspended' }],
      },
    } as CaseWithHistories;
    expect(caseReportContent(caseReportOf(suspended))).not.toBe(
      caseReportContent(caseReportOf(record!)),
    );
    const moved = { ...record!, teamId: 'another-team' };
    expect(caseReportContent(caseReportOf(moved))).not.toBe(
      caseReportContent(caseReportOf(record!)),
    );
  });
});
