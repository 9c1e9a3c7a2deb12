import { isBefore, normalizeInstant } from './calendar';
import { applyEvent } from './engine';
import { isTrede } from './ladder';
import { machineFor } from './machine-registry';
import { allowedEventsFor, stateHandles } from './permissions';
import { rejection } from './refusals';
import { assessed } from './shared-rules';
import { persist, restore } from './snapshot-store';
import { summarize } from './summary';
import type {
  Actor,
  EngineOutcome,
  OrganisationSettings,
  PersistedTrajectory,
  Rejection,
  TredeTransitionDraft,
  Trede,
} from './types';

/**
 * A ladder measurement for a case (SPEC §3 POST /cases/:id/assessments, decision 008): through the
 * open trajectory's ASSESS_TREDE when its state takes one, so the machine decides (one path, one
 * rule); otherwise — no open trajectory, or one that is suspended or dropped out — on the case's
 * ladder alone (e.g. duurzame uitstroom measured 12 months after closing). A suspended or
 * dropped-out trajectory still learns the new trede, so its next step starts from it.
 */
export type AssessmentResult =
  | { ok: true; via: 'trajectory'; outcome: EngineOutcome }
  | {
      ok: true;
      via: 'case';
      transition: TredeTransitionDraft | null;
      /** The open (suspended/dropped-out) trajectory with the new trede; null when there is none. */
      trajectory: EngineOutcome | null;
    };

export function assessTrede(input: {
  currentTrede: Trede;
  trede: Trede;
  note?: string;
  assessedAt: string;
  now: string;
  actor: Actor;
  settings: OrganisationSettings;
  /** The case's chronology floor (`chronologyFloor`). */
  notBefore: string | null;
  openTrajectory: PersistedTrajectory | null;
}): AssessmentResult | Rejection {
  const { actor, settings, trede } = input;
  if (!isTrede(trede)) return rejection('GUARD_FAILED', 'trede must be 1–6');
  const event = { type: 'ASSESS_TREDE' as const, trede, ...(input.note && { note: input.note }) };
  const restored = input.openTrajectory ? restore(input.openTrajectory) : null;
  if (restored && 'ok' in restored) return restored;
  if (input.openTrajectory && restored && stateHandles(restored.snapshot, 'ASSESS_TREDE')) {
    const outcome = applyEvent({
      persisted: input.openTrajectory,
      event,
      occurredAt: input.assessedAt,
      now: input.now,
      actor,
      settings,
      notBefore: input.notBefore,
    });
    return outcome.ok ? { ok: true, via: 'trajectory', outcome } : outcome;
  }

  const assessedAt = normalizeInstant(input.assessedAt);
  const now = normalizeInstant(input.now);
  if (!assessedAt || !now) return rejection('INVALID_DATE', 'assessedAt must be an ISO date');
  if (isBefore(now, assessedAt))
    return rejection('OCCURRED_IN_FUTURE', 'assessedAt lies in the future');
  const floors = [input.notBefore, restored?.snapshot.context.lastUserEventAt ?? null];
  for (const floor of floors) {
    if (floor && isBefore(assessedAt, floor)) {
      return rejection('OCCURRED_BEFORE_PREVIOUS', `assessedAt lies before ${floor}`);
    }
  }
  const transition: TredeTransitionDraft | null =
    trede === input.currentTrede
      ? null
      : { from: input.currentTrede, to: trede, at: assessedAt, reason: 'assessment' };
  if (!restored) return { ok: true, via: 'case', transition, trajectory: null };

  // Not a trajectory event (the state takes none): only the trede it knows changes.
  const { machineId, snapshot } = restored;
  const updated = machineFor(machineId).resolveState({
    value: snapshot.value,
    context: { ...snapshot.context, ...assessed(snapshot.context, trede, assessedAt) },
  });
  return {
    ok: true,
    via: 'case',
    transition,
    trajectory: {
      ok: true,
      persisted: persist(machineId, updated),
      summary: summarize(updated),
      retractedEntries: 0,
      historyEntries: [],
      tredeTransition: transition,
      allowedEvents: allowedEventsFor(updated, actor.role, settings),
      followUp: null,
    },
  };
}
