/**
 * What the client may offer for a trajectory, cross-checked with the shared machines/: the server's
 * `allowedEvents` for our role, intersected with what the restored snapshot itself allows
 * (`describeTrajectory` restores it with the machine's pure `resolveState` and asks `can`; no live
 * actor, so no timers). Never a hard-coded list.
 */
import {
  describeTrajectory,
  isMachineId,
  type ClientEventType,
  type OrganisationSettings,
  type Role,
} from '../../../machines';
import type { Trajectory } from './api-types';

export interface CheckedEvents {
  events: ClientEventType[];
  /** The server and the restored machine disagree (shown, never silently). */
  mismatch: boolean;
}

export function crossCheckedEvents(
  trajectory: Pick<Trajectory, 'machineId' | 'machineVersion' | 'snapshot' | 'allowedEvents'>,
  role: Role,
  settings: OrganisationSettings | null,
): CheckedEvents {
  const server = trajectory.allowedEvents as ClientEventType[];
  if (!settings || !isMachineId(trajectory.machineId)) return { events: server, mismatch: false };
  let local: ClientEventType[];
  try {
    local = describeTrajectory(
      {
        machineId: trajectory.machineId,
        machineVersion: trajectory.machineVersion,
        snapshot: trajectory.snapshot,
      },
      role,
      settings,
    ).allowedEvents;
  } catch {
    // A snapshot this build cannot read (e.g. a newer machine version): the server decides alone.
    return { events: server, mismatch: true };
  }
  const events = server.filter((type) => local.includes(type));
  const mismatch = events.length !== server.length || events.length !== local.length;
  return { events, mismatch };
}

/** The fields of the machine's context the deadline bar and forms use, read defensively. */
export interface StepFacts {
  stepStartedAt: string | null;
  suspendedDaysThisStep: number;
  extensionsThisStep: number;
  lastEventAt: string | null;
  suspendedAt: string | null;
}

export function stepFacts(snapshot: unknown): StepFacts {
  const context =
    typeof snapshot === 'object' && snapshot !== null
      ? ((snapshot as { context?: unknown }).context as Record<string, unknown> | undefined)
      : undefined;
  const text = (value: unknown) => (typeof value === 'string' ? value : null);
  const count = (value: unknown) => (typeof value === 'number' ? value : 0);
  return {
    stepStartedAt: text(context?.stepStartedAt),
    suspendedDaysThisStep: count(context?.suspendedDaysThisStep),
    extensionsThisStep: count(context?.extensionsThisStep),
    lastEventAt: text(context?.lastEventAt),
    suspendedAt: text(context?.suspendedAt),
  };
}
