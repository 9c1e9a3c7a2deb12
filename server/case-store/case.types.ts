import type {
  CatalogueCode,
  MachineId,
  Role,
  TrajectoryEventType,
  TrajectoryOutcome,
  TrajectoryStateKey,
  Trede,
} from '../../machines';
import type { TeamScope } from '../policies/scope';
import type { OutboxEntry } from '../audit/outbox';

/**
 * The case aggregate as stored in the `cases` collection: one document per case holding the
 * participant, the ladder (every trede transition), the open trajectory and the closed ones
 * (docs/decisions/005-case-aggregate-persistence.md). Dates are BSON dates, so range queries compare
 * instants, not strings with different offsets.
 */
export interface CaseRecord<Closed extends ClosedTrajectory = ClosedTrajectory> {
  id: string;
  orgId: string;
  teamId: string;
  /** SPEC §4.1: the opdrachtgever the case belongs to (absent only on records built before it). */
  opdrachtgeverId?: string | null;
  /**
   * Every move to another opdrachtgever, oldest first (PATCH /cases/:id, decision 031): billing
   * goes to `from` before `at` and to `to` from then on. Absent on cases never moved.
   */
  opdrachtgeverMoves?: OpdrachtgeverMove[];
  begeleiderId: string;
  clientNumber: string;
  displayName: string;
  bsn: StoredBsn | null;
  currentTrede: Trede;
  ladder: LadderEntry[];
  /**
   * The latest measurement recorded outside a trajectory (POST /cases/:id/assessments), also at
   * an unchanged trede, which the ladder (changes only) does not show. Absent on older cases.
   */
  lastAssessedAt?: Date | null;
  openTrajectory: TrajectoryRecord | null;
  /**
   * Oldest first. As stored, each is an ArchivedTrajectory (decision 064); the trajectory an event
   * has just closed is whole until writeCase archives it.
   */
  closedTrajectories: Closed[];
  idempotency: IdempotencyRecord[];
  /** Audit entries written with the change that caused them, until copied to `audit` (audit/outbox.ts). */
  auditOutbox?: OutboxEntry[];
  /** Bumped by every write; the condition of every update (optimistic concurrency). */
  version: number;
  createdAt: Date;
  updatedAt: Date;
}

export interface OpdrachtgeverMove {
  /** null: the case had none (stored before opdrachtgevers; the organisation's default). */
  from: string | null;
  to: string;
  at: Date;
  /** The teamleider who moved it. */
  byUserId: string;
}

export interface StoredBsn {
  /** AES-256-GCM, see bsn.ts; never decrypted for the API, never exported or logged. */
  cipher: string;
}

/**
 * One trede measurement that changed the ladder (SPEC §2.1): the intake (from = null) and every
 * later change of trede. `seq` orders entries of one case; `at` is when it happened (may be
 * backdated), `recordedAt` when the server accepted it. Sub-steps (tussenstappen) can be added as
 * optional fields later without touching existing reports.
 */
export interface LadderEntry {
  seq: number;
  from: Trede | null;
  to: Trede;
  at: Date;
  trajectoryId: string | null;
  product: CatalogueCode | null;
  reason: 'intake' | 'assessment' | 'conclusion';
  begeleiderId: string;
  teamId: string;
  recordedAt: Date;
}

/** TrajectorySummary with its instants as dates (the indexed fields of SPEC §2.4). */
export interface StoredSummary {
  product: CatalogueCode;
  machineId: MachineId;
  state: TrajectoryStateKey;
  stateEnteredAt: Date;
  registeredAt: Date;
  startedAt: Date | null;
  deadlineAt: Date | null;
  targetTrede: Trede | null;
  currentTrede: Trede;
  lastActivityAt: Date;
  relapseAt: Date | null;
  growthAt: Date | null;
  /** Null only in summaries written before issue 7 (read back as registeredAt). */
  lastAssessedAt: Date | null;
  lastEventAt: Date;
  outcome: TrajectoryOutcome | null;
}

export interface StoredHistoryEntry {
  type: TrajectoryEventType | 'CREATED';
  occurredAt: Date;
  recordedAt: Date;
  actorId: string | null;
  actorRole: Role | null;
  fromState: TrajectoryStateKey | null;
  toState: TrajectoryStateKey;
  payload: Record<string, unknown>;
  flags: string[];
}

export interface TrajectoryRecord {
  id: string;
  product: CatalogueCode;
  machineId: MachineId;
  machineVersion: number;
  /**
   * xstate's persisted snapshot as a JSON string: it is never queried (the summary is), and as a
   * string it cannot trip FerretDB's rules on keys starting with '$' or holding '.'.
   */
  snapshotJson: string;
  version: number;
  summary: StoredSummary;
  /**
   * When the engine will send DEADLINE_PASSED if nothing else happens; null when no deadline is
   * pending (e.g. already overdue, or suspended). The sweeper's indexed query.
   */
  sweepDueAt: Date | null;
  history: StoredHistoryEntry[];
  createdAt: Date;
  createdBy: string | null;
  /** The Herontdekken trajectory whose conclusion opened this one (SPEC §2.3). */
  previousTrajectoryId: string | null;
  followUpTrajectoryId: string | null;
  closedAt: Date | null;
}

/**
 * A closed trajectory as the case document keeps it (decision 064): everything but its history and
 * snapshot, which never change after closing and are most of a three-year case's bytes. Those two
 * are in the `trajectory_archives` document `archiveId`, written before the case write that
 * stored this reference.
 */
export interface ArchivedTrajectory extends Omit<TrajectoryRecord, 'history' | 'snapshotJson'> {
  archiveId: string;
}

export type ClosedTrajectory = TrajectoryRecord | ArchivedTrajectory;

export function isArchived(trajectory: ClosedTrajectory): trajectory is ArchivedTrajectory {
  return 'archiveId' in trajectory;
}

/** A case with the history and snapshot of every closed trajectory: the case file, reports. */
export type CaseWithHistories = CaseRecord<TrajectoryRecord>;

/**
 * The first successful response to an event sent with an Idempotency-Key, per trajectory and user:
 * a key replays only for the user who sent it (hole 7), so another user cannot obtain that
 * response or skip a role check by reusing someone's key.
 */
export interface IdempotencyRecord {
  key: string;
  /** Records written before keys were scoped have none and never replay. */
  userId?: string;
  trajectoryId: string;
  requestHash: string;
  /** History length right after that event: history is append-only, so the replay is exact. */
  historyLength: number;
  response: Record<string, unknown>;
  at: Date;
}

/**
 * Which cases a caller may see: their organisation and teams (SPEC §2.5, policies/scope.ts). Every
 * case read of the repository takes one, so a query without the team scope does not compile.
 */
export type CaseScope = TeamScope;
