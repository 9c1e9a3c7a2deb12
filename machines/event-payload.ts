import { isTrede } from './ladder';
import { isCatalogueCode } from './products';
import type { CloseOutcome, HerontdekkenRoute, ReviewDecision, TrajectoryEvent } from './types';

/**
 * The engine is the authority (SPEC §2.3), so it checks an event's payload itself even though
 * the server validates it at the boundary too: a refusal here is a value, never a crash later.
 */

export const CLOSE_OUTCOMES: readonly CloseOutcome[] = [
  'goalReached',
  'goalNotReached',
  'dropout',
  'paidWork',
  'moved',
  'switched',
  'other',
];
export const HERONTDEKKEN_ROUTES: readonly HerontdekkenRoute[] = [
  'ontwikkeltraject',
  'stabiel',
  'werktraject',
  'vrijwilligerswerk',
  'zelfstandig',
  'geen',
];
export const REVIEW_DECISIONS: readonly ReviewDecision[] = ['continue', 'close'];

export const EVENT_TYPES = [
  'START',
  'RECORD_CONTACT',
  'ASSESS_TREDE',
  'NEXT_STEP',
  'EXTEND',
  'REVIEW',
  'CONCLUDE',
  'SUSPEND',
  'RESUME',
  'DROP_OUT',
  'REASSIGN',
  'CLOSE',
  'DEADLINE_PASSED',
] as const;

const text = (value: unknown) => typeof value === 'string' && value.trim() !== '';
const optionalText = (value: unknown) => value === undefined || typeof value === 'string';

/** Why the payload is unusable, or null when it is fine. */
export function payloadProblem(event: TrajectoryEvent): string | null {
  const raw = event as unknown as Record<string, unknown>;
  switch (event.type) {
    case 'START':
    case 'NEXT_STEP':
    case 'RESUME':
    case 'DEADLINE_PASSED':
      return null;
    case 'RECORD_CONTACT': {
      if (typeof raw.note !== 'string') return 'RECORD_CONTACT needs a note';
      const minutes = raw.minutes;
      const validMinutes =
        minutes === undefined ||
        (typeof minutes === 'number' && Number.isInteger(minutes) && minutes >= 0);
      return validMinutes ? null : 'minutes must be a whole number of at least 0';
    }
    case 'ASSESS_TREDE':
      if (!isTrede(raw.trede)) return 'trede must be 1–6';
      return optionalText(raw.note) ? null : 'note must be text';
    case 'EXTEND':
      if (typeof raw.months !== 'number') return 'months must be a number';
      return text(raw.reason) ? null : 'EXTEND needs a reason';
    case 'REVIEW':
      if (!REVIEW_DECISIONS.includes(raw.decision as ReviewDecision))
        return 'decision must be continue or close';
      return optionalText(raw.note) ? null : 'note must be text';
    case 'CONCLUDE':
      if (!isTrede(raw.trede)) return 'trede must be 1–6';
      if (!HERONTDEKKEN_ROUTES.includes(raw.route as HerontdekkenRoute))
        return `route must be one of ${HERONTDEKKEN_ROUTES.join(', ')}`;
      if (raw.followUpProduct !== undefined && !isCatalogueCode(raw.followUpProduct))
        return 'followUpProduct must be a catalogue code';
      return optionalText(raw.note) ? null : 'note must be text';
    case 'SUSPEND':
    case 'DROP_OUT':
      return text(raw.reason) ? null : `${event.type} needs a reason`;
    case 'REASSIGN':
      return text(raw.begeleiderId) ? null : 'REASSIGN needs a begeleiderId';
    case 'CLOSE':
      if (!CLOSE_OUTCOMES.includes(raw.outcome as CloseOutcome)) {
        return `outcome must be one of ${CLOSE_OUTCOMES.join(', ')}`;
      }
      return optionalText(raw.note) ? null : 'note must be text';
    default:
      return `unknown event type ${String(raw.type)}`;
  }
}

/** The payload recorded in history: the event without its type. */
export function payloadOf(event: TrajectoryEvent): Record<string, unknown> {
  const { type: _type, ...payload } = event as TrajectoryEvent & Record<string, unknown>;
  return payload;
}

/** Example events of each client type, used to ask the machine whether a type is possible now. */
export const EVENT_SAMPLES: ReadonlyArray<Exclude<TrajectoryEvent, { type: 'DEADLINE_PASSED' }>> = [
  { type: 'START' },
  { type: 'RECORD_CONTACT', note: '' },
  ...([1, 2, 3, 4, 5, 6] as const).map((trede) => ({ type: 'ASSESS_TREDE' as const, trede })),
  { type: 'NEXT_STEP' },
  ...([1, 2, 3] as const).map((months) => ({ type: 'EXTEND' as const, months, reason: 'sample' })),
  ...REVIEW_DECISIONS.map((decision) => ({ type: 'REVIEW' as const, decision })),
  ...([1, 2, 3, 4, 5, 6] as const).flatMap((trede) =>
    HERONTDEKKEN_ROUTES.map((route) => ({ type: 'CONCLUDE' as const, trede, route })),
  ),
  { type: 'SUSPEND', reason: 'sample' },
  { type: 'RESUME' },
  { type: 'DROP_OUT', reason: 'sample' },
  { type: 'REASSIGN', begeleiderId: 'sample' },
  { type: 'CLOSE', outcome: 'other' },
];
