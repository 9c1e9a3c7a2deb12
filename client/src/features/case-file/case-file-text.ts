import type { ClientEventType, TrajectoryStateKey } from '../../../../machines';
import type { CaseFile, HistoryEntryView, Trajectory, User } from '../../lib/api-types';
import { nl, productLabel } from '../../i18n/nl';

/** How the case file words its entries: names of products and states, who did it, what it said. */
export const productName = (code: string | null) => (code ? productLabel(code) : '—');
export const stateName = (key: string) => nl.states[key as TrajectoryStateKey] ?? key;

export function who(actorId: string | null, actorRole: string | null, user: User): string {
  if (actorId === null) return nl.caseFile.bySystem;
  if (actorId === user.id) return nl.caseFile.byYou;
  return actorRole ? (nl.roles[actorRole as User['role']] ?? actorRole) : '—';
}

export function entryDetails(entry: HistoryEntryView): string {
  const p = entry.payload;
  const parts: string[] = [];
  if (typeof p.trede === 'number') parts.push(nl.history.trede(p.trede));
  if (typeof p.minutes === 'number') parts.push(nl.history.minutes(p.minutes));
  if (typeof p.months === 'number') parts.push(nl.history.months(p.months));
  if (typeof p.outcome === 'string')
    parts.push(nl.outcomes[p.outcome as keyof typeof nl.outcomes] ?? p.outcome);
  if (typeof p.route === 'string')
    parts.push(nl.routes[p.route as keyof typeof nl.routes] ?? p.route);
  if (typeof p.decision === 'string')
    parts.push(nl.reviewDecisions[p.decision as 'continue' | 'close'] ?? p.decision);
  if (typeof p.note === 'string') parts.push(p.note);
  if (typeof p.reason === 'string') parts.push(p.reason);
  if (entry.flags.some((flag) => /after|late/i.test(flag))) parts.push(nl.history.lateFlag);
  if (entry.fromState && entry.fromState !== entry.toState)
    parts.push(`${stateName(entry.fromState)} → ${stateName(entry.toState)}`);
  return parts.join(' · ');
}

/** The latest moment an event may not precede: the previous user event, the latest ladder entry. */
export function notBeforeOf(caseFile: CaseFile, trajectory: Trajectory | undefined): string | null {
  const candidates = [
    ...(trajectory?.history
      .filter((entry) => entry.actorId !== null)
      .map((entry) => entry.occurredAt) ?? []),
    ...caseFile.ladder.map((entry) => entry.at),
  ];
  return candidates.sort().at(-1) ?? null;
}

/** A 422 (or 403) in Dutch: why not, and what can be done now instead. */
export function refusalExplanation(refusal: { code: string; allowedEvents: string[] }): string[] {
  const reasons = nl.refusal as Record<string, unknown>;
  const why =
    refusal.code === 'FORBIDDEN'
      ? nl.forbidden
      : typeof reasons[refusal.code] === 'string'
        ? (reasons[refusal.code] as string)
        : nl.refusal.other;
  const allowed = refusal.allowedEvents
    .map((type) => nl.events[type as ClientEventType] ?? type)
    .join(', ');
  return [why, allowed ? nl.refusal.nowAllowed(allowed) : nl.refusal.nothingAllowed];
}
