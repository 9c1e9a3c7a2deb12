/**
 * The public vocabulary of Trede's workflow rules (SPEC §2). State keys, event types,
 * products and signal codes appear in the API's JSON: they are a public contract.
 * Everything here is plain data: it crosses JSON unchanged (dates are ISO-8601 strings).
 */

export type Trede = 1 | 2 | 3 | 4 | 5 | 6;

export type ProductCode = 'ONT' | 'STA-2' | 'STA-3' | 'STA-4' | 'HER';

/** The three machine families a product or product variant runs on (SPEC §2.3, §4.1). */
export type ProductFamily = 'ONT' | 'STA' | 'HER';

/**
 * A code in a catalogue: one of the built-in ProductCodes or an opdrachtgever's variant
 * (SPEC §4.1, e.g. Nijmegen's `STA-3-PLUS`). Trajectories store this.
 */
export type CatalogueCode = ProductCode | (string & {});

/** One machine per product family (SPEC §2.3). */
export type MachineId = 'ontwikkeltraject' | 'stabiel' | 'herontdekken';

export type TrajectoryStateKey =
  | 'registered'
  | 'active'
  | 'stepAchieved'
  | 'overdue'
  | 'reviewDue'
  | 'suspended'
  | 'droppedOut'
  | 'closed';

export type Role = 'begeleider' | 'teamleider' | 'beleid' | 'beheerder';

export type CloseOutcome =
  'goalReached' | 'goalNotReached' | 'dropout' | 'paidWork' | 'moved' | 'switched' | 'other';

/** What a closed trajectory ended with: a CLOSE (or Stabiel REVIEW close) outcome, or a Herontdekken conclusion. */
export type TrajectoryOutcome = CloseOutcome | 'concluded';

export type HerontdekkenRoute =
  'ontwikkeltraject' | 'stabiel' | 'werktraject' | 'vrijwilligerswerk' | 'zelfstandig' | 'geen';

export type ReviewDecision = 'continue' | 'close';

/** Events a person may send (POST /trajectories/:id/events). */
export type ClientEvent =
  | { type: 'START' }
  | { type: 'RECORD_CONTACT'; note: string; minutes?: number }
  | { type: 'ASSESS_TREDE'; trede: Trede; note?: string }
  | { type: 'NEXT_STEP' }
  | { type: 'EXTEND'; months: 1 | 2 | 3; reason: string }
  | { type: 'REVIEW'; decision: ReviewDecision; outcome?: CloseOutcome; note?: string }
  | {
      type: 'CONCLUDE';
      trede: Trede;
      route: HerontdekkenRoute;
      note?: string;
      /** The follow-up's catalogue code when it is not the built-in ONT / STA-<trede> (a variant). */
      followUpProduct?: CatalogueCode;
    }
  | { type: 'SUSPEND'; reason: string }
  | { type: 'RESUME' }
  | { type: 'DROP_OUT'; reason: string }
  | { type: 'REASSIGN'; begeleiderId: string }
  | { type: 'CLOSE'; outcome: CloseOutcome; note?: string };

export type ClientEventType = ClientEvent['type'];

/** Sent by the system only (sweeper, or inserted before a late event); never accepted from a client. */
export type SystemEvent = { type: 'DEADLINE_PASSED' };

export type TrajectoryEvent = ClientEvent | SystemEvent;
export type TrajectoryEventType = TrajectoryEvent['type'];

/** Who sends an event. The machines check roles for EXTEND and REASSIGN (SPEC §2.5). */
export interface Actor {
  userId: string;
  role: Role;
}

export type SignalCode =
  | 'DEADLINE_PASSED'
  | 'DEADLINE_NEAR'
  | 'NO_ACTIVITY'
  | 'DROPOUT_UNRESOLVED'
  | 'SUSPENDED_LONG'
  | 'WAITING_START'
  | 'REVIEW_OVERDUE'
  | 'RELAPSE'
  | 'DECISION_PENDING'
  | 'ASSESSMENT_DUE'
  | 'GROWTH';

/** Days per signal (SPEC §2.4); per-organisation settings with these defaults. */
export interface SignalThresholds {
  deadlineNearDays: number; // 28
  noActivityDays: number; // 42
  dropoutUnresolvedDays: number; // 28
  suspendedLongDays: number; // 90
  waitingStartDays: number; // 28
  relapseDays: number; // 90
  decisionPendingDays: number; // 14
  /** Calendar months, not days: the ladder is measured at least twice a year (SPEC §2.1). */
  assessmentDueMonths: number; // 6
}

export interface ProductSettings {
  code: CatalogueCode;
  name: string; // Dutch display name
  /** The machine family it runs on; a variant names its family (SPEC §4.1). */
  family: ProductFamily;
  machineId: MachineId;
  enabled: boolean;
  /** ONT: months per step (6); HER: months in all (12); Stabiel: null (no end). */
  limitMonths: number | null;
  /** Stabiel: months between reviews (6); others null. */
  reviewMonths: number | null;
  /** Stabiel: the trede the product keeps (2, 3 or 4); others null. */
  stabielTrede: Trede | null;
  /** Tariff in euro cents per hour (integer money). */
  tariffCentsPerHour: number;
  /** ONT: how many EXTEND per step (default 1). */
  maxExtensionsPerStep: number;
  /** A variant's built-in family product it derives from (null for the built-in products). */
  variantOf?: ProductCode | null;
}

/** Per organisation (opdrachtgever); never a constant in code paths (SPEC §2.2). */
export interface OrganisationSettings {
  /** The built-in products always exist (maybe disabled); variants are added by code. */
  products: Record<ProductCode, ProductSettings> & Partial<Record<CatalogueCode, ProductSettings>>;
  signals: SignalThresholds;
}

/** What the machine id + version of a stored trajectory snapshot look like. */
export interface PersistedTrajectory {
  machineId: MachineId;
  machineVersion: number;
  /** xstate's persisted snapshot (machine.getPersistedSnapshot), JSON-safe. */
  snapshot: unknown;
}

/** One line of a trajectory's history; appended, never changed. */
export interface HistoryEntry {
  type: TrajectoryEventType | 'CREATED';
  occurredAt: string; // when it happened (may be backdated)
  recordedAt: string; // when the server accepted it
  actorId: string | null; // null for the system (DEADLINE_PASSED)
  fromState: TrajectoryStateKey | null;
  toState: TrajectoryStateKey;
  /** The event's payload without type/occurredAt (note, trede, months, reason, …). */
  payload: Record<string, unknown>;
  /** e.g. 'achievedAfterDeadline', 'concludedLate', 'relapse', 'doorgroei'. */
  flags: string[];
}

/** A change of trede (SPEC §2.1), before the server adds case, team and begeleider. */
export interface TredeTransitionDraft {
  from: Trede;
  to: Trede;
  at: string;
  reason: 'assessment' | 'conclusion';
}

/**
 * The stored, indexed fields of a trajectory that signals and lists are computed from
 * (SPEC §2.4: "from stored fields, with indexes"). Derived by the engine, persisted by the server.
 */
export interface TrajectorySummary {
  product: CatalogueCode;
  machineId: MachineId;
  state: TrajectoryStateKey;
  stateEnteredAt: string;
  registeredAt: string;
  startedAt: string | null;
  /** Limit or review deadline; null when there is none or the clock is stopped (suspended). */
  deadlineAt: string | null;
  targetTrede: Trede | null;
  currentTrede: Trede;
  /** Last RECORD_CONTACT or ASSESS_TREDE; before any, the start (or registration). */
  lastActivityAt: string;
  /**
   * ONT/HER: occurredAt of the latest ASSESS_TREDE when it was lower than the assessment before.
   * Stabiel: the first assessment of the current terugval, kept while the trede stays below the
   * product's trede (SPEC §2.3). Else null.
   */
  relapseAt: string | null;
  /** Stabiel: the latest assessment when it lies above the product's trede (doorgroei); else null. */
  growthAt: string | null;
  /** The participant's latest trede assessment known to this trajectory (intake or ASSESS_TREDE). */
  lastAssessedAt: string;
  lastEventAt: string;
  /** Set once closed: the CLOSE/REVIEW outcome, or 'concluded' for Herontdekken. */
  outcome: TrajectoryOutcome | null;
}

export type RejectionCode =
  | 'EVENT_NOT_ALLOWED' // not possible in the current state (422 with allowedEvents)
  | 'GUARD_FAILED' // allowed type, but a rule refuses the payload (e.g. trede not above current)
  | 'FORBIDDEN_ROLE' // EXTEND/REASSIGN by a begeleider
  | 'OCCURRED_BEFORE_PREVIOUS' // before the previous user event, the ladder or the previous trajectory
  | 'OCCURRED_IN_FUTURE'
  | 'PRODUCT_DISABLED'
  | 'INVALID_TARGET'
  | 'SYSTEM_EVENT'
  | 'UNKNOWN_MACHINE'
  | 'MIGRATION_FAILED'
  | 'INVALID_DATE'; // occurredAt, registeredAt or now is not an ISO date (a 400 naming the field)

export interface Rejection {
  ok: false;
  code: RejectionCode;
  message: string; // English, for logs and API clients; no personal data
  allowedEvents: ClientEventType[];
}

/** When a Herontdekken conclusion opens a follow-up trajectory (SPEC §2.3). */
export interface FollowUpTrajectory {
  product: CatalogueCode;
  targetTrede: Trede | null;
}

export interface EngineOutcome {
  ok: true;
  persisted: PersistedTrajectory;
  summary: TrajectorySummary;
  /**
   * How many entries at the end of the stored history are withdrawn before `historyEntries` are
   * appended: system DEADLINE_PASSED entries re-derived because a backdated event lies before them
   * (SPEC §2.3: system events are derived, not facts). 0 almost always.
   */
  retractedEntries: number;
  /** New entries in order: a DEADLINE_PASSED inserted at the deadline instant comes first. */
  historyEntries: HistoryEntry[];
  tredeTransition: TredeTransitionDraft | null;
  /** What a person with this role may send now (for the client's buttons). */
  allowedEvents: ClientEventType[];
  followUp: FollowUpTrajectory | null;
}

export type EngineResult = EngineOutcome | Rejection;
