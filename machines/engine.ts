import { isAtOrAfter, isBefore, normalizeInstant } from './calendar';
import { EVENT_TYPES, payloadOf, payloadProblem } from './event-payload';
import { isTrede } from './ladder';
import { firstSnapshot, machineFor, nextSnapshot } from './machine-registry';
import {
  actsOnCases,
  allowedEventsFor,
  canTake,
  offeredFollowUp,
  roleMaySend,
  stateHandles,
} from './permissions';
import { enabledProduct, isCatalogueCode } from './products';
import { guardRefusal, rejection } from './refusals';
import { persist, restore, type TrajectorySnapshot } from './snapshot-store';
import { stateOf, summarize } from './summary';
import type { DerivedFrom, MachineEvent, TrajectoryContext } from './trajectory-context';
import type {
  Actor,
  CatalogueCode,
  ClientEventType,
  EngineOutcome,
  EngineResult,
  FollowUpTrajectory,
  HistoryEntry,
  MachineId,
  OrganisationSettings,
  PersistedTrajectory,
  ProductSettings,
  Role,
  TrajectoryEvent,
  TrajectorySummary,
  TredeTransitionDraft,
  Trede,
} from './types';

/**
 * The pure engine the server calls (SPEC §2.3: the server is the authority). It restores a
 * stored snapshot, applies one event with xstate's pure transition (`nextSnapshot`), and returns the new stored
 * snapshot with everything the server writes in the same atomic update. No I/O, no clock: the
 * caller passes `now`. Refusals are values (STYLE: "machine refusals are values").
 */

interface Applied {
  snapshot: TrajectorySnapshot;
  entry: HistoryEntry;
}

function applyOne(
  machineId: MachineId,
  snapshot: TrajectorySnapshot,
  event: TrajectoryEvent,
  envelope: MachineEvent,
  recordedAt: string,
): Applied {
  const next = nextSnapshot(machineId, snapshot, envelope);
  return {
    snapshot: next,
    entry: {
      type: event.type,
      occurredAt: envelope.occurredAt,
      recordedAt,
      actorId: envelope.actor?.userId ?? null,
      fromState: stateOf(snapshot),
      toState: stateOf(next),
      payload: payloadOf(event),
      flags: [...next.context.eventFlags],
    },
  };
}

/**
 * SPEC §2.3: an event that arrives after a passed deadline first applies DEADLINE_PASSED at the
 * deadline instant, so the result never depends on when the sweeper last ran. Whether the
 * deadline counts in the current state is the machine's own decision (its guards).
 *
 * A system event is derived, not a fact (decision 006): the state it was applied to is kept in
 * `derivedFrom` (until the next user event), so an event dated before it can go back there.
 */
function passDeadlineIfDue(
  machineId: MachineId,
  snapshot: TrajectorySnapshot,
  until: string,
  recordedAt: string,
): Applied | null {
  const deadlineAt = snapshot.context.deadlineAt;
  if (deadlineAt === null || !isAtOrAfter(until, deadlineAt)) return null;
  const event: TrajectoryEvent = { type: 'DEADLINE_PASSED' };
  const envelope: MachineEvent = { ...event, occurredAt: deadlineAt, actor: null };
  if (!snapshot.can(envelope)) return null;
  const applied = applyOne(machineId, snapshot, event, envelope, recordedAt);
  const before = snapshot.context;
  const derivedFrom: DerivedFrom = before.derivedFrom
    ? { ...before.derivedFrom, systemEntries: before.derivedFrom.systemEntries + 1 }
    : { value: stateOf(snapshot), context: before, systemEntries: 1 };
  return { ...applied, snapshot: withContext(machineId, applied.snapshot, { derivedFrom }) };
}

/** Every deadline due by `until`, in order (at most one per window; the loop is only a bound). */
function passDeadlines(
  machineId: MachineId,
  snapshot: TrajectorySnapshot,
  until: string,
  recordedAt: string,
): Applied[] {
  const passed: Applied[] = [];
  let current = snapshot;
  for (let round = 0; round < 3; round += 1) {
    const next = passDeadlineIfDue(machineId, current, until, recordedAt);
    if (!next) break;
    passed.push(next);
    current = next.snapshot;
  }
  return passed;
}

/** The same state with some context fields replaced (pure: xstate's resolveState). */
function withContext(
  machineId: MachineId,
  snapshot: TrajectorySnapshot,
  patch: Partial<TrajectoryContext>,
): TrajectorySnapshot {
  return machineFor(machineId).resolveState({
    value: stateOf(snapshot),
    context: { ...snapshot.context, ...patch },
  });
}

/** The state right after the latest user event, before any system event derived since. */
function underivedState(
  machineId: MachineId,
  snapshot: TrajectorySnapshot,
): { snapshot: TrajectorySnapshot; retracted: number } {
  const derived = snapshot.context.derivedFrom;
  if (!derived) return { snapshot, retracted: 0 };
  const base = machineFor(machineId).resolveState({
    value: derived.value,
    context: { ...derived.context, derivedFrom: null },
  });
  return { snapshot: base, retracted: derived.systemEntries };
}

function outcomeOf(
  machineId: MachineId,
  snapshot: TrajectorySnapshot,
  historyEntries: HistoryEntry[],
  viewer: { role: Role; settings: OrganisationSettings },
  extra: {
    tredeTransition?: TredeTransitionDraft | null;
    followUp?: FollowUpTrajectory | null;
    retractedEntries?: number;
  } = {},
): EngineOutcome {
  return {
    ok: true,
    persisted: persist(machineId, snapshot),
    summary: summarize(snapshot),
    retractedEntries: extra.retractedEntries ?? 0,
    historyEntries,
    tredeTransition: extra.tredeTransition ?? null,
    allowedEvents: allowedEventsFor(snapshot, viewer.role, viewer.settings),
    followUp: extra.followUp ?? null,
  };
}

/** The system has no role of its own; its outcomes list what a begeleider could do next. */
const SYSTEM_VIEWER_ROLE: Role = 'begeleider';

/**
 * The target a new trajectory gets, or why it cannot start (SPEC §2.3):
 * - Ontwikkeltraject, one step at a time: target = current trede + 1, so 2–5; a given target
 *   must be exactly that (seed 003: "Naar trede 2 (maximaal 6 mnd)", …);
 * - Stabiel STA-n: only for a participant whose current trede is n (the tariff is trede n's);
 * - Herontdekken: no target.
 */
function targetRefusal(
  product: ProductSettings,
  currentTrede: Trede,
  requested: Trede | null,
): { targetTrede: Trede | null } | string {
  if (product.machineId === 'ontwikkeltraject') {
    const next = currentTrede + 1;
    if (next > 5)
      return `An Ontwikkeltraject aims at trede 2–5; the current trede is ${currentTrede}`;
    if (requested !== null && requested !== next) {
      return `An Ontwikkeltraject goes one step at a time: the target is trede ${next} (current trede + 1)`;
    }
    return { targetTrede: next as Trede };
  }
  if (requested !== null) return `${product.code} has no target trede`;
  if (product.machineId === 'stabiel' && product.stabielTrede !== currentTrede) {
    return `${product.code} keeps trede ${String(product.stabielTrede)}; the current trede is ${currentTrede}`;
  }
  return { targetTrede: null };
}

export function createTrajectory(input: {
  product: CatalogueCode;
  targetTrede?: Trede | null;
  currentTrede: Trede;
  /** When the current trede was assessed (the case's latest ladder measurement). */
  tredeAssessedAt?: string | null;
  registeredAt: string;
  /**
   * SPEC §2.3: a trajectory is never registered before the case's latest ladder entry or the
   * previous trajectory's close (see `chronologyFloor`).
   */
  notBefore?: string | null;
  now: string;
  actor: Actor;
  settings: OrganisationSettings;
}): EngineResult {
  const { product, currentTrede, actor, settings } = input;
  const productSettings = isCatalogueCode(product) ? enabledProduct(settings, product) : null;
  if (!productSettings)
    return rejection('PRODUCT_DISABLED', `Product ${String(product)} is not offered`);
  const registeredAt = normalizeInstant(input.registeredAt);
  const now = normalizeInstant(input.now);
  if (!registeredAt || !now)
    return rejection('INVALID_DATE', 'registeredAt and now must be ISO dates');
  if (isBefore(now, registeredAt))
    return rejection('OCCURRED_IN_FUTURE', 'registeredAt lies in the future');
  const floor = input.notBefore ? normalizeInstant(input.notBefore) : null;
  if (floor && isBefore(registeredAt, floor)) {
    return rejection(
      'OCCURRED_BEFORE_PREVIOUS',
      `registeredAt lies before the case's latest ladder entry or previous trajectory (${floor})`,
    );
  }
  if (!actsOnCases(actor.role))
    return rejection('FORBIDDEN_ROLE', `A ${actor.role} does not act on cases`);
  if (!isTrede(currentTrede)) return rejection('GUARD_FAILED', 'currentTrede must be 1–6');
  const target = targetRefusal(productSettings, currentTrede, input.targetTrede ?? null);
  if (typeof target === 'string') return rejection('INVALID_TARGET', target);
  const targetTrede = target.targetTrede;
  const tredeAssessedAt = input.tredeAssessedAt ? normalizeInstant(input.tredeAssessedAt) : null;

  // A variant runs on its family's machine (SPEC §4.1): the resolved catalogue says which.
  const machineId = productSettings.machineId;
  const snapshot = firstSnapshot(machineId, {
    product,
    productSettings,
    targetTrede,
    currentTrede,
    registeredAt,
    tredeAssessedAt,
  });
  const created: HistoryEntry = {
    type: 'CREATED',
    occurredAt: registeredAt,
    recordedAt: now,
    actorId: actor.userId,
    fromState: null,
    toState: stateOf(snapshot),
    payload: { product, targetTrede, currentTrede, tredeAssessedAt },
    flags: [],
  };
  return outcomeOf(machineId, snapshot, [created], { role: actor.role, settings });
}

export function applyEvent(input: {
  persisted: PersistedTrajectory;
  event: TrajectoryEvent;
  occurredAt: string;
  now: string;
  actor: Actor | null;
  settings: OrganisationSettings;
  /**
   * SPEC §2.3: never before the case's latest ladder entry or the previous trajectory's close
   * (the ladder stays in date order; see `chronologyFloor`). Null when the caller has none.
   */
  notBefore?: string | null;
}): EngineResult {
  const { event, actor, settings } = input;
  if (!(EVENT_TYPES as readonly string[]).includes(event.type)) {
    return rejection('EVENT_NOT_ALLOWED', `Unknown event type ${String(event.type)}`);
  }
  // SPEC §2.3: DEADLINE_PASSED is sent by the system only.
  if (event.type === 'DEADLINE_PASSED' && actor !== null) {
    return rejection('SYSTEM_EVENT', 'DEADLINE_PASSED is sent by the system only');
  }
  const occurredAt = normalizeInstant(input.occurredAt);
  const now = normalizeInstant(input.now);
  if (!occurredAt || !now) return rejection('INVALID_DATE', 'occurredAt and now must be ISO dates');

  const restored = restore(input.persisted);
  if ('ok' in restored) return restored;
  const { machineId } = restored;
  const stored = restored.snapshot;
  const viewerRole = actor?.role ?? SYSTEM_VIEWER_ROLE;

  if (stored.status !== 'active') {
    return rejection(
      'EVENT_NOT_ALLOWED',
      `The trajectory is ${stateOf(stored)}: nothing can happen any more`,
    );
  }
  // SPEC §2.3: occurredAt may be backdated, never in the future, never before the previous *user*
  // event, the case's latest ladder entry or the previous trajectory's close.
  if (isBefore(now, occurredAt)) {
    return rejection(
      'OCCURRED_IN_FUTURE',
      'occurredAt lies in the future',
      allowedEventsFor(stored, viewerRole, settings),
    );
  }
  const floor =
    event.type === 'DEADLINE_PASSED' ? stored.context.lastEventAt : stored.context.lastUserEventAt;
  if (isBefore(occurredAt, floor)) {
    return rejection(
      'OCCURRED_BEFORE_PREVIOUS',
      `occurredAt lies before the previous event (${floor})`,
      allowedEventsFor(stored, viewerRole, settings),
    );
  }
  const ladderFloor = input.notBefore ? normalizeInstant(input.notBefore) : null;
  if (ladderFloor && isBefore(occurredAt, ladderFloor)) {
    return rejection(
      'OCCURRED_BEFORE_PREVIOUS',
      `occurredAt lies before the case's latest ladder entry (${ladderFloor})`,
      allowedEventsFor(stored, viewerRole, settings),
    );
  }
  if (actor === null && event.type !== 'DEADLINE_PASSED') {
    return rejection('FORBIDDEN_ROLE', `${event.type} is sent by a person, not by the system`);
  }
  if (actor !== null && !actsOnCases(actor.role)) {
    return rejection('FORBIDDEN_ROLE', `A ${actor.role} does not act on cases`);
  }
  const problem = payloadProblem(event);
  if (problem)
    return rejection('GUARD_FAILED', problem, allowedEventsFor(stored, viewerRole, settings));

  // Decision 006: an event dated before a derived DEADLINE_PASSED is applied to the state as it
  // was then; the system entries after it are withdrawn and derived again below.
  const rederive =
    event.type !== 'DEADLINE_PASSED' && isBefore(occurredAt, stored.context.lastEventAt);
  const base = rederive ? underivedState(machineId, stored) : { snapshot: stored, retracted: 0 };
  let snapshot = base.snapshot;

  const historyEntries: HistoryEntry[] = [];
  if (event.type !== 'DEADLINE_PASSED') {
    for (const passed of passDeadlines(machineId, snapshot, occurredAt, now)) {
      historyEntries.push(passed.entry);
      snapshot = passed.snapshot;
    }
  }

  const state = stateOf(snapshot);
  const envelope = { ...event, occurredAt, actor } as MachineEvent;
  if (!stateHandles(snapshot, event.type)) {
    return rejection(
      'EVENT_NOT_ALLOWED',
      `${event.type} is not possible in state ${state}`,
      allowedEventsFor(snapshot, viewerRole, settings),
    );
  }
  if (actor !== null && !roleMaySend(actor.role, event.type as ClientEventType)) {
    return rejection(
      'FORBIDDEN_ROLE',
      `${event.type} is for a teamleider`,
      allowedEventsFor(snapshot, viewerRole, settings),
    );
  }
  const choice = offeredFollowUp(event, settings);
  if (!choice.ok)
    return rejection(choice.code, choice.message, allowedEventsFor(snapshot, viewerRole, settings));
  const followUp = choice.followUp;
  if (!canTake(snapshot, envelope)) {
    return rejection(
      'GUARD_FAILED',
      guardRefusal(snapshot, event, occurredAt),
      allowedEventsFor(snapshot, viewerRole, settings),
    );
  }

  const applied = applyOne(machineId, snapshot, event, envelope, now);
  historyEntries.push(applied.entry);
  let result = applied.snapshot;
  // The withdrawn deadline is derived again after the event: it stays passed unless the event
  // changed the state so that it no longer counts (a step reached in time, decision 006).
  if (rederive && result.status === 'active') {
    for (const passed of passDeadlines(machineId, result, now, now)) {
      historyEntries.push(passed.entry);
      result = passed.snapshot;
    }
  }
  const from = snapshot.context.currentTrede;
  const to = applied.snapshot.context.currentTrede;
  // SPEC §2.1: every change of trede is a transition; none may be lost, none invented.
  const tredeTransition: TredeTransitionDraft | null =
    from === to
      ? null
      : {
          from,
          to,
          at: occurredAt,
          reason: event.type === 'CONCLUDE' ? 'conclusion' : 'assessment',
        };
  return outcomeOf(
    machineId,
    result,
    historyEntries,
    { role: viewerRole, settings },
    { tredeTransition, followUp, retractedEntries: base.retracted },
  );
}

export function sweepDeadline(input: {
  persisted: PersistedTrajectory;
  now: string;
  settings: OrganisationSettings;
}): EngineResult | null {
  const now = normalizeInstant(input.now);
  if (!now) return rejection('INVALID_DATE', 'now must be an ISO date');
  const restored = restore(input.persisted);
  if ('ok' in restored) return restored;
  if (restored.snapshot.status !== 'active') return null;
  const passed = passDeadlineIfDue(restored.machineId, restored.snapshot, now, now);
  if (!passed) return null;
  return outcomeOf(restored.machineId, passed.snapshot, [passed.entry], {
    role: SYSTEM_VIEWER_ROLE,
    settings: input.settings,
  });
}

/** Thrown only by describeTrajectory, whose signature has no refusal: a stored snapshot it cannot read. */
export class UnreadableTrajectoryError extends Error {
  constructor(
    readonly code: 'UNKNOWN_MACHINE' | 'MIGRATION_FAILED',
    message: string,
  ) {
    super(message);
    this.name = 'UnreadableTrajectoryError';
  }
}

/** The summary and the buttons for a stored trajectory, for one role (read-only, no `now`). */
export function describeTrajectory(
  persisted: PersistedTrajectory,
  role: Role,
  settings: OrganisationSettings,
): { summary: TrajectorySummary; allowedEvents: ClientEventType[] } {
  const restored = restore(persisted);
  if ('ok' in restored) {
    throw new UnreadableTrajectoryError(
      restored.code === 'UNKNOWN_MACHINE' ? 'UNKNOWN_MACHINE' : 'MIGRATION_FAILED',
      restored.message,
    );
  }
  return {
    summary: summarize(restored.snapshot),
    allowedEvents: allowedEventsFor(restored.snapshot, role, settings),
  };
}
