import { addCalendarDays, localDateOf, startOfLocalDay } from '../calendar';
import { isTrede } from '../ladder';
import type { Trede } from '../types';

/**
 * Version 1 → 2 (the three machines share their context, so one migration serves them all).
 *
 * Version 1 stored suspensions as exact milliseconds (`suspendedMs`, `suspendedMsThisStep`) and
 * moved the deadline by exactly that, so a deadline could fall at any time of day. It kept every
 * assessment (`assessments: [{trede, at}]`) and derived relapses when asked.
 *
 * Version 2 counts suspensions in whole Amsterdam calendar days with midnight deadlines
 * (decision 004) and keeps only what the signals need: `previousTrede`, `lastAssessedAt` and
 * `relapseAt` (SPEC §2.4 RELAPSE, an indexed summary field).
 */

const MS_PER_DAY = 24 * 60 * 60 * 1000;

type Json = Record<string, unknown>;

const isRecord = (value: unknown): value is Json =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

function fail(reason: string): never {
  throw new Error(`v1 snapshot: ${reason}`);
}

function readAssessments(value: unknown): Array<{ trede: Trede; at: string }> {
  if (!Array.isArray(value)) fail('assessments is not a list');
  return value.map((item: unknown) => {
    if (!isRecord(item) || !isTrede(item.trede) || typeof item.at !== 'string')
      fail('bad assessment');
    return { trede: item.trede, at: item.at };
  });
}

function wholeDays(ms: unknown, field: string): number {
  if (typeof ms !== 'number' || !Number.isFinite(ms) || ms < 0) fail(`${field} is not a duration`);
  // Rounded up, like the deadline below: a migrated window is never shorter than it was.
  return Math.ceil(ms / MS_PER_DAY);
}

/** A v1 deadline at another time than midnight moves on to the next midnight: never shorter. */
function alignDeadline(deadlineAt: unknown): string | null {
  if (deadlineAt === null) return null;
  if (typeof deadlineAt !== 'string' || Number.isNaN(Date.parse(deadlineAt)))
    fail('deadlineAt is not a date');
  const day = localDateOf(deadlineAt);
  const midnight = startOfLocalDay(day);
  return Date.parse(midnight) === Date.parse(deadlineAt)
    ? midnight
    : startOfLocalDay(addCalendarDays(day, 1));
}

export function contextV1ToV2(context: Json): Json {
  const { suspendedMs, suspendedMsThisStep, assessments: rawAssessments, ...rest } = context;
  const assessments = readAssessments(rawAssessments);
  const last = assessments.at(-1);
  const before = assessments.at(-2);
  if (!isTrede(rest.currentTrede)) fail('currentTrede is not a trede');
  return {
    ...rest,
    deadlineAt: alignDeadline(rest.deadlineAt),
    suspendedDaysTotal: wholeDays(suspendedMs, 'suspendedMs'),
    suspendedDaysThisStep: wholeDays(suspendedMsThisStep, 'suspendedMsThisStep'),
    previousTrede: before?.trede ?? null,
    lastAssessedAt: last?.at ?? null,
    relapseAt: last && before && last.trede < before.trede ? last.at : null,
  };
}

export function snapshotV1ToV2(snapshot: unknown): unknown {
  if (!isRecord(snapshot) || !isRecord(snapshot.context)) fail('no context');
  return { ...snapshot, context: contextV1ToV2(snapshot.context) };
}
