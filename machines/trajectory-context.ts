import type {
  Actor,
  HerontdekkenRoute,
  MachineId,
  CatalogueCode,
  ProductSettings,
  TrajectoryEvent,
  TrajectoryOutcome,
  TrajectoryStateKey,
  Trede,
} from './types';

/**
 * What every machine event carries besides its payload: when it happened and who sent it
 * (null = the system). Roles are checked by guards on `actor` (SPEC §2.5).
 */
export interface EventEnvelope {
  occurredAt: string;
  actor: Actor | null;
}

/** The events the machines receive: a TrajectoryEvent with its envelope. */
export type MachineEvent = TrajectoryEvent & EventEnvelope;

/** The product terms a trajectory keeps for its whole life (settings changed later do not apply). */
export interface TrajectoryTerms {
  /** ONT: months per step; HER: months in all; Stabiel: months between reviews. Null: no deadline. */
  windowMonths: number | null;
  stabielTrede: Trede | null;
  maxExtensionsPerStep: number;
}

/** States a RESUME can return to (from `suspended` or `droppedOut`). */
export type ReturnState = Extract<
  TrajectoryStateKey,
  'active' | 'stepAchieved' | 'overdue' | 'reviewDue'
>;

/**
 * The context of all three machines. Dates are UTC ISO strings so that a persisted snapshot
 * survives JSON unchanged; everything a decision needs is in here, so a stored snapshot is
 * self-contained (the organisation's settings of today do not change a running trajectory).
 */
export interface TrajectoryContext {
  product: CatalogueCode;
  machineId: MachineId;
  terms: TrajectoryTerms;
  registeredAt: string;
  startedAt: string | null;
  /** ONT: start of the current step; others: start of the current window (start, last review). */
  stepStartedAt: string | null;
  /** ONT step number (1 = first step); 0 before START. */
  step: number;
  /**
   * The instant from which the current window is late (decision 003). Kept while suspended (it
   * moves on RESUME); null before START or when the product has no window.
   */
  deadlineAt: string | null;
  targetTrede: Trede | null;
  currentTrede: Trede;
  extensionsThisStep: number;
  suspendedAt: string | null;
  /** Whole Amsterdam calendar days suspended in the current step / window (added to its deadline). */
  suspendedDaysThisStep: number;
  suspendedDaysTotal: number;
  /** Where RESUME goes from `suspended` or `droppedOut`. */
  returnTo: ReturnState | null;
  /** The limit clock keeps running while dropped out: a DEADLINE_PASSED then is remembered here. */
  deadlinePassedWhileAway: boolean;
  stateEnteredAt: string;
  lastActivityAt: string;
  /** The latest event of any kind, system DEADLINE_PASSED included. */
  lastEventAt: string;
  /**
   * The latest event a person sent (or the registration): the floor for a backdated event
   * (SPEC §2.3). System events after it are derived and may be re-derived.
   */
  lastUserEventAt: string;
  /**
   * The state right after the latest user event, kept once a system DEADLINE_PASSED has been
   * applied after it (null otherwise): an event dated before that DEADLINE_PASSED is applied to
   * this state, and the deadline is derived again after it (decision 006).
   */
  derivedFrom: DerivedFrom | null;
  /** The trede before the latest assessment (or null before any assessment in this trajectory). */
  previousTrede: Trede | null;
  lastAssessedAt: string | null;
  /** occurredAt of the latest ASSESS_TREDE when it was lower than the trede before it; else null. */
  relapseAt: string | null;
  /** Stabiel: the latest assessment when it lies above the product's trede (doorgroei); else null. */
  growthAt: string | null;
  /** Flags of the last accepted event, copied into its history entry by the engine. */
  eventFlags: string[];
  begeleiderId: string | null;
  conclusion: { trede: Trede; route: HerontdekkenRoute } | null;
  closeOutcome: TrajectoryOutcome | null;
}

/** A state to go back to: its value and context, and how many system entries followed it. */
export interface DerivedFrom {
  value: string;
  context: TrajectoryContext;
  systemEntries: number;
}

/** What a machine is created with (engine.createTrajectory has validated it). */
export interface TrajectoryInput {
  product: CatalogueCode;
  productSettings: ProductSettings;
  targetTrede: Trede | null;
  currentTrede: Trede;
  registeredAt: string;
  /** When the current trede was assessed (the case's latest ladder measurement); default registeredAt. */
  tredeAssessedAt?: string | null;
}

/**
 * An actor built without input (machine-registry's one scope per machine; xstate's own
 * `transition` builds one per call) asks for the machine's initial context; xstate catches the
 * failure and discards that snapshot. Failing with one prepared error skips the stack trace a new
 * TypeError would capture there (it was ~30% of the engine's time per event, docs/performance.md).
 */
const NO_INPUT = new Error('a trajectory machine needs its input (engine.createTrajectory)');

export function initialContext(input: TrajectoryInput | undefined): TrajectoryContext {
  if (!input) throw NO_INPUT;
  const settings = input.productSettings;
  return {
    product: input.product,
    // A variant runs on its family's machine (SPEC §4.1): the catalogue says which.
    machineId: settings.machineId,
    terms: {
      windowMonths: settings.machineId === 'stabiel' ? settings.reviewMonths : settings.limitMonths,
      stabielTrede: settings.stabielTrede,
      maxExtensionsPerStep: settings.maxExtensionsPerStep,
    },
    registeredAt: input.registeredAt,
    startedAt: null,
    stepStartedAt: null,
    step: 0,
    deadlineAt: null,
    targetTrede: input.targetTrede,
    currentTrede: input.currentTrede,
    extensionsThisStep: 0,
    suspendedAt: null,
    suspendedDaysThisStep: 0,
    suspendedDaysTotal: 0,
    returnTo: null,
    deadlinePassedWhileAway: false,
    stateEnteredAt: input.registeredAt,
    lastActivityAt: input.registeredAt,
    lastEventAt: input.registeredAt,
    lastUserEventAt: input.registeredAt,
    derivedFrom: null,
    previousTrede: null,
    lastAssessedAt: input.tredeAssessedAt ?? null,
    relapseAt: null,
    growthAt: null,
    eventFlags: [],
    begeleiderId: null,
    conclusion: null,
    closeOutcome: null,
  };
}
