import { EJSON } from 'bson';
import type { StoredHistoryEntry, TrajectoryRecord } from './case.types';

/**
 * How the open trajectory keeps its history in the case document (decision 067): each entry as
 * its Extended JSON text, appended with `$push` as before. The history is an append-only log read
 * whole with its case and never queried by path; as objects, the embedded engine stored a type
 * schema beside every field of every entry (2.4× the entry) and SQLite parsed all of it again on
 * each case write. Older entries stored as objects are read as they are (a start-up pass rewrites
 * them, open-history.repository.ts).
 */
export type StoredHistoryItem = string | StoredHistoryEntry;

/** The stored form of the open trajectory; closed ones keep theirs in the archive (064). */
export type StoredOpenTrajectory = Omit<TrajectoryRecord, 'history'> & {
  history: StoredHistoryItem[];
};

/**
 * One entry's text: the schema's fields in its order with its defaults (what mongoose's casting of
 * historyEntrySchema gave before, checked in tests/support/stored-form.ts); relaxed Extended JSON
 * keeps dates (and any typed value in the payload) typed.
 */
export function encodeHistoryEntry(entry: StoredHistoryEntry): string {
  const canonical: StoredHistoryEntry = {
    type: entry.type,
    occurredAt: entry.occurredAt,
    recordedAt: entry.recordedAt,
    actorId: entry.actorId ?? null,
    actorRole: entry.actorRole ?? null,
    fromState: entry.fromState ?? null,
    toState: entry.toState,
    payload: entry.payload ?? {},
    flags: entry.flags ?? [],
  };
  return EJSON.stringify(canonical, { relaxed: true });
}

export function encodeHistory(entries: readonly StoredHistoryEntry[]): string[] {
  return entries.map(encodeHistoryEntry);
}

export function decodeHistory(
  stored: readonly StoredHistoryItem[] | undefined,
): StoredHistoryEntry[] {
  return (stored ?? []).map((item) =>
    typeof item === 'string' ? (EJSON.parse(item, { relaxed: true }) as StoredHistoryEntry) : item,
  );
}

/** Whether every entry is stored as text already. */
export function isEncoded(stored: readonly StoredHistoryItem[] | undefined): boolean {
  return (stored ?? []).every((item) => typeof item === 'string');
}

export function storedOpenTrajectory(trajectory: TrajectoryRecord): StoredOpenTrajectory {
  return { ...trajectory, history: encodeHistory(trajectory.history) };
}

export function openTrajectoryOf(stored: StoredOpenTrajectory): TrajectoryRecord {
  return { ...stored, history: decodeHistory(stored.history) };
}
