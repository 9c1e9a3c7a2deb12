import { EVENT_SAMPLES } from './event-payload';
import { followUpOfConclusion, type FollowUpChoice } from './products';
import type { TrajectorySnapshot } from './snapshot-store';
import type { MachineEvent } from './trajectory-context';
import type { ClientEventType, OrganisationSettings, Role, TrajectoryEvent } from './types';

/** SPEC §2.5: begeleiders and teamleiders act on cases; beleid and beheerder never do. */
export function actsOnCases(role: Role): boolean {
  return role === 'begeleider' || role === 'teamleider';
}

/** SPEC §2.5: only a teamleider may send these. */
export const TEAMLEIDER_EVENTS: ReadonlySet<ClientEventType> = new Set(['EXTEND', 'REASSIGN']);

/**
 * The one statement of "who may send which event" (SPEC §2.5), whatever the state: case workers
 * only, and EXTEND and REASSIGN by a teamleider. The engine's refusal, the machines' guard, the
 * allowed events and the server's policies all ask this; it lives in machines/ because the browser
 * needs it too.
 */
export function roleMaySend(role: Role, type: ClientEventType): boolean {
  return actsOnCases(role) && (!TEAMLEIDER_EVENTS.has(type) || role === 'teamleider');
}

type StateNode = TrajectorySnapshot['machine']['root'];

/** Event types per state node; xstate computes `ownEvents` anew on every access. */
const handledByNode = new WeakMap<StateNode, ReadonlySet<string>>();

function nodeOf(snapshot: TrajectorySnapshot): StateNode | undefined {
  // The machines are flat (machines/*.ts): a state value is the key of a top-level state.
  return snapshot.machine.root.states[snapshot.value as string];
}

/** Whether the current state has any transition for this event type, whatever its guards say. */
export function stateHandles(snapshot: TrajectorySnapshot, type: TrajectoryEvent['type']): boolean {
  const node = nodeOf(snapshot);
  if (node === undefined) return false;
  let handled = handledByNode.get(node);
  if (!handled) {
    handled = new Set(node.ownEvents);
    handledByNode.set(node, handled);
  }
  return handled.has(type);
}

type Transitions = NonNullable<ReturnType<StateNode['transitions']['get']>>;

/**
 * `snapshot.can`'s answer for an event type where the machine definition alone decides it, else
 * null (a guard decides). A statechart takes the first enabled transition in document order, and
 * `can` is true when the one taken has a target or actions: so once a transition without guard
 * comes, it or one before it is always taken. Payload, context and sender then never matter.
 */
function fixedAnswer(transitions: Transitions): boolean | null {
  let guarded = false;
  for (const transition of transitions) {
    const takes = transition.target !== undefined || transition.actions.length > 0;
    if (!transition.guard) {
      if (takes) return true;
      return guarded ? null : false;
    }
    if (!takes) return null;
    guarded = true;
  }
  return null;
}

/** Per state node and event type, `fixedAnswer`: immutable machine data, computed once. */
const fixedAnswersByNode = new WeakMap<StateNode, ReadonlyMap<string, boolean | null>>();

function fixedAnswers(node: StateNode): ReadonlyMap<string, boolean | null> {
  let answers = fixedAnswersByNode.get(node);
  if (!answers) {
    answers = new Map([...node.transitions].map(([type, list]) => [type, fixedAnswer(list)]));
    fixedAnswersByNode.set(node, answers);
  }
  return answers;
}

/**
 * `snapshot.can(event)` without asking xstate where the machine definition already answers
 * (`fixedAnswer`); each `can` resolves the transition anew (decision 055).
 */
export function canTake(snapshot: TrajectorySnapshot, event: MachineEvent): boolean {
  const node = nodeOf(snapshot);
  const fixed = node === undefined ? undefined : fixedAnswers(node).get(event.type);
  return fixed ?? snapshot.can(event);
}

type Sample = (typeof EVENT_SAMPLES)[number];

interface Offer {
  type: ClientEventType;
  /** Its samples, in EVENT_SAMPLES order. */
  samples: Sample[];
  fixed: boolean | null;
}

/**
 * Per state node, the client event types it handles, in EVENT_SAMPLES order: immutable machine
 * data, computed once. Asking `can` for every sample was a fifth of the engine's time per event
 * (decision 055).
 */
const offersByNode = new WeakMap<StateNode, readonly Offer[]>();

function offersOf(node: StateNode): readonly Offer[] {
  const known = offersByNode.get(node);
  if (known) return known;
  const byType = new Map<ClientEventType, Offer>();
  for (const sample of EVENT_SAMPLES) {
    if (!node.ownEvents.includes(sample.type)) continue;
    const offer = byType.get(sample.type);
    if (offer) offer.samples.push(sample);
    else {
      const fixed = fixedAnswers(node).get(sample.type) ?? null;
      byType.set(sample.type, { type: sample.type, samples: [sample], fixed });
    }
  }
  const offers = [...byType.values()];
  offersByNode.set(node, offers);
  return offers;
}

/** The follow-up of a Herontdekken conclusion in this catalogue (`followUpOfConclusion`). */
export function offeredFollowUp(
  event: TrajectoryEvent,
  settings: OrganisationSettings,
): FollowUpChoice {
  if (event.type !== 'CONCLUDE') return { ok: true, followUp: null };
  return followUpOfConclusion(settings, event);
}

/**
 * The client event types a person with `role` could send now (for the client's buttons and a
 * 422's body): a type is allowed when some payload of it is accepted at the earliest instant an
 * event may carry (the previous event's). DEADLINE_PASSED is never listed: it is the system's.
 */
export function allowedEventsFor(
  snapshot: TrajectorySnapshot,
  role: Role,
  settings: OrganisationSettings,
): ClientEventType[] {
  if (snapshot.status !== 'active' || !actsOnCases(role)) return [];
  const node = nodeOf(snapshot);
  if (node === undefined) return [];
  const envelope = {
    occurredAt: snapshot.context.lastEventAt,
    actor: { userId: 'allowed-events', role },
  };
  const allowed: ClientEventType[] = [];
  for (const offer of offersOf(node)) {
    // SPEC §2.5: what the role may not send is never offered (the machines' guard says the same).
    if (offer.fixed === false || !roleMaySend(role, offer.type)) continue;
    const accepted = offer.samples.some(
      (sample) =>
        offeredFollowUp(sample, settings).ok &&
        (offer.fixed ?? snapshot.can({ ...sample, ...envelope } as MachineEvent)),
    );
    if (accepted) allowed.push(offer.type);
  }
  return allowed;
}
