import { chronologyFloor } from '../../machines';
import type { CaseRecord } from './case.types';

/**
 * SPEC §2.3 "the ladder is always in date order": the earliest date a new trajectory or event of
 * this case may carry — its latest ladder entry or the previous trajectory's close. The rule is the
 * engine's (`chronologyFloor`, `notBefore`); this only gathers the case's dates.
 */
export function ladderFloorOf(record: Pick<CaseRecord, 'ladder' | 'closedTrajectories'>) {
  return chronologyFloor({
    ladderDates: record.ladder.map((entry) => entry.at.toISOString()),
    closedAt: record.closedTrajectories.map(
      (trajectory) => trajectory.closedAt?.toISOString() ?? null,
    ),
  });
}

/**
 * When the participant's trede was last measured: the latest ladder entry, an assessment at the
 * same trede in an earlier trajectory, or one recorded outside a trajectory (SPEC §2.4
 * ASSESSMENT_DUE). A new trajectory starts from this date.
 */
export function lastAssessmentOf(
  record: Pick<CaseRecord, 'ladder' | 'closedTrajectories' | 'lastAssessedAt'>,
): string | null {
  const dates = [
    ...record.ladder.map((entry) => entry.at),
    ...record.closedTrajectories.map((trajectory) => trajectory.summary.lastAssessedAt),
    record.lastAssessedAt ?? null,
  ].filter((value): value is Date => value instanceof Date);
  if (dates.length === 0) return null;
  return new Date(Math.max(...dates.map((value) => value.getTime()))).toISOString();
}
