import {
  sweepDeadline,
  type EngineOutcome,
  type HistoryEntry,
  type OrganisationSettings,
  type PersistedTrajectory,
  type Role,
  type TrajectorySummary,
} from '../../machines';
import type { StoredHistoryEntry, StoredSummary, TrajectoryRecord } from './case.types';

/**
 * Pure conversions between the engine's JSON values (ISO strings) and stored records (dates).
 * No I/O here: the use cases read, call the engine, fold its outcome in with these, and write.
 */

const date = (iso: string): Date => new Date(iso);
const dateOrNull = (iso: string | null): Date | null => (iso === null ? null : new Date(iso));
const iso = (value: Date): string => value.toISOString();
const isoOrNull = (value: Date | null): string | null =>
  value === null ? null : value.toISOString();

export function storeSummary(summary: TrajectorySummary): StoredSummary {
  return {
    product: summary.product,
    machineId: summary.machineId,
    state: summary.state,
    stateEnteredAt: date(summary.stateEnteredAt),
    registeredAt: date(summary.registeredAt),
    startedAt: dateOrNull(summary.startedAt),
    deadlineAt: dateOrNull(summary.deadlineAt),
    targetTrede: summary.targetTrede,
    currentTrede: summary.currentTrede,
    lastActivityAt: date(summary.lastActivityAt),
    relapseAt: dateOrNull(summary.relapseAt),
    growthAt: dateOrNull(summary.growthAt),
    lastAssessedAt: date(summary.lastAssessedAt),
    lastEventAt: date(summary.lastEventAt),
    outcome: summary.outcome,
  };
}

export function loadSummary(stored: StoredSummary): TrajectorySummary {
  return {
    product: stored.product,
    machineId: stored.machineId,
    state: stored.state,
    stateEnteredAt: iso(stored.stateEnteredAt),
    registeredAt: iso(stored.registeredAt),
    startedAt: isoOrNull(stored.startedAt),
    deadlineAt: isoOrNull(stored.deadlineAt),
    targetTrede: stored.targetTrede,
    currentTrede: stored.currentTrede,
    lastActivityAt: iso(stored.lastActivityAt),
    relapseAt: isoOrNull(stored.relapseAt),
    growthAt: isoOrNull(stored.growthAt),
    // A summary stored before issue 7 has no lastAssessedAt: registration is the safe fallback.
    lastAssessedAt: iso(stored.lastAssessedAt ?? stored.registeredAt),
    lastEventAt: iso(stored.lastEventAt),
    outcome: stored.outcome ?? null,
  };
}

export function toPersisted(record: TrajectoryRecord): PersistedTrajectory {
  return {
    machineId: record.machineId,
    machineVersion: record.machineVersion,
    snapshot: JSON.parse(record.snapshotJson) as unknown,
  };
}

export function storeHistoryEntry(entry: HistoryEntry, actorRole: Role | null): StoredHistoryEntry {
  return {
    type: entry.type,
    occurredAt: date(entry.occurredAt),
    recordedAt: date(entry.recordedAt),
    actorId: entry.actorId,
    // The system's DEADLINE_PASSED has no actor; every other entry carries the sender's role.
    actorRole: entry.actorId === null ? null : actorRole,
    fromState: entry.fromState,
    toState: entry.toState,
    payload: entry.payload,
    flags: entry.flags,
  };
}

export type PresentedHistoryEntry = Readonly<ReturnType<typeof presentEntry>>;

/**
 * Entries never change once stored, and a case the process remembers (decision 065) keeps the
 * same entry objects from event to event: each is presented once, not once per answer (an event's
 * answer carries the whole history, SPEC §3). Frozen, because every answer shares it.
 */
const presented = new WeakMap<StoredHistoryEntry, PresentedHistoryEntry>();

export function presentHistoryEntry(entry: StoredHistoryEntry): PresentedHistoryEntry {
  let view = presented.get(entry);
  if (!view) presented.set(entry, (view = Object.freeze(presentEntry(entry))));
  return view;
}

function presentEntry(entry: StoredHistoryEntry) {
  return {
    type: entry.type,
    occurredAt: iso(entry.occurredAt),
    recordedAt: iso(entry.recordedAt),
    actorId: entry.actorId,
    actorRole: entry.actorRole,
    fromState: entry.fromState,
    toState: entry.toState,
    payload: entry.payload,
    flags: entry.flags,
  };
}

/** Far enough ahead that any pending deadline is due: used to ask the engine *whether* one is pending. */
const END_OF_TIME = '2999-12-31T00:00:00.000Z';

/**
 * When the sweeper must look at this trajectory again: the instant the engine would apply
 * DEADLINE_PASSED, or null if it never would in the current state. Asking the engine keeps the
 * rule of which states have a running deadline in machines/ (SPEC §2.3), not in a server query.
 */
export function computeSweepDueAt(
  persisted: PersistedTrajectory,
  settings: OrganisationSettings,
): Date | null {
  const probe = sweepDeadline({ persisted, now: END_OF_TIME, settings });
  if (!probe || !probe.ok) return null;
  const first = probe.historyEntries[0];
  return first ? date(first.occurredAt) : null;
}

/**
 * The record after an outcome of the engine: a new version with the entries appended, after the
 * system entries the engine withdrew (re-derived after a backdated event, decision 006).
 */
export function advanceTrajectory(
  record: TrajectoryRecord,
  outcome: EngineOutcome,
  options: { actorRole: Role | null; settings: OrganisationSettings },
): TrajectoryRecord {
  const summary = storeSummary(outcome.summary);
  return {
    ...record,
    machineId: outcome.persisted.machineId,
    machineVersion: outcome.persisted.machineVersion,
    snapshotJson: JSON.stringify(outcome.persisted.snapshot),
    version: record.version + 1,
    summary,
    sweepDueAt:
      summary.state === 'closed' ? null : computeSweepDueAt(outcome.persisted, options.settings),
    history: [
      ...record.history.slice(0, record.history.length - outcome.retractedEntries),
      ...outcome.historyEntries.map((entry) => storeHistoryEntry(entry, options.actorRole)),
    ],
    closedAt: summary.state === 'closed' ? summary.stateEnteredAt : null,
  };
}

export function newTrajectoryRecord(
  outcome: EngineOutcome,
  options: {
    id: string;
    now: Date;
    createdBy: string | null;
    actorRole: Role | null;
    previousTrajectoryId: string | null;
    settings: OrganisationSettings;
  },
): TrajectoryRecord {
  return {
    id: options.id,
    product: outcome.summary.product,
    machineId: outcome.persisted.machineId,
    machineVersion: outcome.persisted.machineVersion,
    snapshotJson: JSON.stringify(outcome.persisted.snapshot),
    version: 1,
    summary: storeSummary(outcome.summary),
    sweepDueAt: computeSweepDueAt(outcome.persisted, options.settings),
    history: outcome.historyEntries.map((entry) => storeHistoryEntry(entry, options.actorRole)),
    createdAt: options.now,
    createdBy: options.createdBy,
    previousTrajectoryId: options.previousTrajectoryId,
    followUpTrajectoryId: null,
    closedAt: null,
  };
}
