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

/** Event types per state node; xstate computes `ownEvents` anew on every access. */
const handledByNode = new WeakMap<object, ReadonlySet<string>>();

/** Whether the current state has any transition for this event type, whatever its guards say. */
export function stateHandles(snapshot: TrajectorySnapshot, type: TrajectoryEvent['type']): boolean {
  const node = snapshot.machine.root.states[snapshot.value as string];
  if (node === undefined) return false;
  let handled = handledByNode.get(node);
  if (!handled) {
    handled = new Set(node.ownEvents);
    handledByNode.set(node, handled);
  }
  return handled.has(type);
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
  const envelope = {
    occurredAt: snapshot.context.lastEventAt,
    actor: { userId: 'allowed-events', role },
  };
  const allowed = new Set<ClientEventType>();
  for (const sample of EVENT_SAMPLES) {
    if (allowed.has(sample.type) || !stateHandles(snapshot, sample.type)) continue;
    if (!offeredFollowUp(sample, settings).ok) continue;
    if (snapshot.can({ ...sample, ...envelope } as MachineEvent)) allowed.add(sample.type);
  }
  return [...allowed];
}
