import { initialTransition, transition } from 'xstate';
import { isAtOrAfter, isBefore, normalizeInstant } from './calendar';
import { EVENT_TYPES, payloadOf, payloadProblem } from './event-payload';
import { isTrede } from './ladder';
import { machineFor } from './machine-registry';
import {
  actsOnCases,
  allowedEventsFor,
  offeredFollowUp,
  stateHandles,
  TEAMLEIDER_EVENTS,
} from './permissions';
import { enabledProduct, isCatalogueCode } from './products';
import { guardRefusal, rejection } from './refusals';
import { persist, restore, type TrajectorySnapshot } from './snapshot-store';
import { stateOf, summarize } from './summary';
import type { MachineEvent } from './trajectory-context';
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
  Role,
  TrajectoryEvent,
  TrajectorySummary,
  TredeTransitionDraft,
  Trede,
} from './types';

/**
 * The pure engine the server calls (SPEC §2.3: the server is the authority). It restores a
 * stored snapshot, applies one event with xstate's pure `transition`, and returns the new stored
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
  const [next] = transition(machineFor(machineId), snapshot, envelope);
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
  return applyOne(machineId, snapshot, event, envelope, recordedAt);
}

function outcomeOf(
  machineId: MachineId,
  snapshot: TrajectorySnapshot,
  historyEntries: HistoryEntry[],
  viewer: { role: Role; settings: OrganisationSettings },
  extra: {
    tredeTransition?: TredeTransitionDraft | null;
    followUp?: FollowUpTrajectory | null;
  } = {},
): EngineOutcome {
  return {
    ok: true,
    persisted: persist(machineId, snapshot),
    summary: summarize(snapshot),
    historyEntries,
    tredeTransition: extra.tredeTransition ?? null,
    allowedEvents: allowedEventsFor(snapshot, viewer.role, viewer.settings),
    followUp: extra.followUp ?? null,
  };
}

/** The system has no role of its own; its outcomes list what a begeleider could do next. */
const SYSTEM_VIEWER_ROLE: Role = 'begeleider';

export function createTrajectory(input: {
  product: CatalogueCode;
  targetTrede?: Trede | null;
  currentTrede: Trede;
  registeredAt: string;
  now: string;
  actor: Actor;
  settings: OrganisationSettings;
}): EngineResult {
  const { product, currentTrede, actor, settings } = input;
  const targetTrede = input.targetTrede ?? null;
  const productSettings = isCatalogueCode(product) ? enabledProduct(settings, product) : null;
  if (!productSettings)
    return rejection('PRODUCT_DISABLED', `Product ${String(product)} is not offered`);
  const registeredAt = normalizeInstant(input.registeredAt);
  const now = normalizeInstant(input.now);
  if (!registeredAt || !now)
    return rejection('INVALID_DATE', 'registeredAt and now must be ISO dates');
  if (isBefore(now, registeredAt))
    return rejection('OCCURRED_IN_FUTURE', 'registeredAt lies in the future');
  if (!actsOnCases(actor.role))
    return rejection('FORBIDDEN_ROLE', `A ${actor.role} does not act on cases`);
  if (!isTrede(currentTrede)) return rejection('GUARD_FAILED', 'currentTrede must be 1–6');
  // SPEC §2.3: an Ontwikkeltraject starts with a target trede 2–5 above the current trede;
  // the other products have no target.
  if (productSettings.machineId === 'ontwikkeltraject') {
    if (
      !isTrede(targetTrede) ||
      targetTrede < 2 ||
      targetTrede > 5 ||
      targetTrede <= currentTrede
    ) {
      return rejection(
        'INVALID_TARGET',
        'An Ontwikkeltraject needs a target trede 2–5 above the current trede',
      );
    }
  } else if (targetTrede !== null) {
    return rejection('INVALID_TARGET', `${product} has no target trede`);
  }

  // A variant runs on its family's machine (SPEC §4.1): the resolved catalogue says which.
  const machineId = productSettings.machineId;
  const [snapshot] = initialTransition(machineFor(machineId), {
    product,
    productSettings,
    targetTrede,
    currentTrede,
    registeredAt,
  });
  const created: HistoryEntry = {
    type: 'CREATED',
    occurredAt: registeredAt,
    recordedAt: now,
    actorId: actor.userId,
    fromState: null,
    toState: stateOf(snapshot),
    payload: { product, targetTrede, currentTrede },
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
  let snapshot = restored.snapshot;
  const viewerRole = actor?.role ?? SYSTEM_VIEWER_ROLE;
  const allowed = (current: TrajectorySnapshot): ClientEventType[] =>
    allowedEventsFor(current, viewerRole, settings);

  if (snapshot.status !== 'active') {
    return rejection(
      'EVENT_NOT_ALLOWED',
      `The trajectory is ${stateOf(snapshot)}: nothing can happen any more`,
    );
  }
  // SPEC §2.3: occurredAt may be backdated, never in the future, never before the previous event.
  if (isBefore(now, occurredAt)) {
    return rejection('OCCURRED_IN_FUTURE', 'occurredAt lies in the future', allowed(snapshot));
  }
  if (isBefore(occurredAt, snapshot.context.lastEventAt)) {
    return rejection(
      'OCCURRED_BEFORE_PREVIOUS',
      `occurredAt lies before the previous event (${snapshot.context.lastEventAt})`,
      allowed(snapshot),
    );
  }
  if (actor === null && event.type !== 'DEADLINE_PASSED') {
    return rejection('FORBIDDEN_ROLE', `${event.type} is sent by a person, not by the system`);
  }
  if (actor !== null && !actsOnCases(actor.role)) {
    return rejection('FORBIDDEN_ROLE', `A ${actor.role} does not act on cases`);
  }
  const problem = payloadProblem(event);
  if (problem) return rejection('GUARD_FAILED', problem, allowed(snapshot));

  const historyEntries: HistoryEntry[] = [];
  if (event.type !== 'DEADLINE_PASSED') {
    const passed = passDeadlineIfDue(machineId, snapshot, occurredAt, now);
    if (passed) {
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
      allowed(snapshot),
    );
  }
  if (TEAMLEIDER_EVENTS.has(event.type as ClientEventType) && actor?.role !== 'teamleider') {
    return rejection('FORBIDDEN_ROLE', `${event.type} is for a teamleider`, allowed(snapshot));
  }
  const followUp = offeredFollowUp(event, settings);
  if (followUp === 'disabled') {
    return rejection(
      'PRODUCT_DISABLED',
      'The product of this route is not offered',
      allowed(snapshot),
    );
  }
  if (!snapshot.can(envelope)) {
    return rejection('GUARD_FAILED', guardRefusal(snapshot, event, occurredAt), allowed(snapshot));
  }

  const applied = applyOne(machineId, snapshot, event, envelope, now);
  historyEntries.push(applied.entry);
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
    applied.snapshot,
    historyEntries,
    { role: viewerRole, settings },
    { tredeTransition, followUp },
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
