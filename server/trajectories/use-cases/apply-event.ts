import crypto from 'node:crypto';
import { applyEvent, createTrajectory, type ClientEvent } from '../../../machines';
import type { AppContext } from '../../app-context';
import { recordAudit } from '../../audit/audit-log';
import type { AuthUser } from '../../policies/actor';
import {
  applyTrajectoryChange,
  changedTrajectory,
  IDEMPOTENCY_RECORDS_KEPT,
} from '../../case-store/case-change';
import { wholeTrajectory } from '../../case-store/trajectory-archive.repository';
import { writeCase } from '../../case-store/case-writer';
import { findCaseOfTrajectory } from '../../case-store/case.repository';
import type { CaseRecord, IdempotencyRecord } from '../../case-store/case.types';
import { ladderFloorOf } from '../../case-store/chronology';
import { roleMaySend } from '../../policies/permissions';
import { scopeOf } from '../../policies/scope';
import { assertAssignableBegeleider } from '../../users/assignable-begeleider';
import { AppError, ForbiddenError, NotFoundError, UnprocessableError } from '../../errors';
import { loadCaseSettings } from '../../organisations/settings';
import { rejectionToError } from '../../engine-errors';
import { caseIdOfTrajectory, nextTrajectoryId } from '../../case-store/trajectory-id';
import { presentTrajectory, type TrajectoryView } from '../presenter';
import type { EventBody } from '../schema';
import {
  advanceTrajectory,
  newTrajectoryRecord,
  presentHistoryEntry,
  toPersisted,
} from '../../case-store/trajectory-record';
import { trajectoryOf } from './get-trajectory';

export class VersionConflictError extends AppError {
  constructor(currentVersion: number) {
    super(409, 'VERSION_CONFLICT', 'The trajectory changed since you read it', { currentVersion });
  }
}

function toClientEvent(body: EventBody): ClientEvent {
  const { occurredAt: _occurredAt, expectedVersion: _expectedVersion, ...event } = body;
  return event as ClientEvent;
}

/** The same body (after validation, so key order is the schema's) gives the same hash. */
export function requestHash(body: EventBody): string {
  return crypto.createHash('sha256').update(JSON.stringify(body)).digest('hex');
}

async function replay(
  context: AppContext,
  record: CaseRecord,
  stored: IdempotencyRecord,
): Promise<TrajectoryView> {
  const found = trajectoryOf(record, stored.trajectoryId);
  const trajectory = found && (await wholeTrajectory(context.db, found));
  // History is append-only, so the first response's history is a prefix of today's.
  const history = (trajectory?.history ?? [])
    .slice(0, stored.historyLength)
    .map(presentHistoryEntry);
  return { ...(stored.response as Omit<TrajectoryView, 'history'>), history };
}

/**
 * POST /trajectories/:id/events (SPEC §2.3, §3): the engine decides, and state, deadline, history,
 * trede transition, reassignment and a Herontdekken follow-up are written in one conditional update.
 */
export async function applyTrajectoryEvent(
  context: AppContext,
  user: AuthUser,
  trajectoryId: string,
  body: EventBody,
  idempotencyKey?: string,
): Promise<TrajectoryView> {
  const scope = scopeOf(user);
  const caseId = caseIdOfTrajectory(trajectoryId);
  if (!caseId) throw new NotFoundError('Trajectory');
  // One read per attempt: the case by _id, in scope, holding this trajectory.
  const load = async () => {
    const record = await findCaseOfTrajectory(context.db, scope, trajectoryId);
    if (!record) throw new NotFoundError('Trajectory');
    return record;
  };
  // Only a request with an Idempotency-Key is remembered, so only it needs its body's hash.
  const idempotency = idempotencyKey ? { key: idempotencyKey, hash: requestHash(body) } : null;
  const event = toClientEvent(body);

  // Authorise before anything is replayed (hole 7): a role that may not send this event type gets
  // the 403 a first attempt would get, whatever an Idempotency-Key would have answered.
  if (!roleMaySend(user.role, event.type))
    throw new ForbiddenError(`${event.type} is not for a ${user.role}`);

  const { result: view, written } = await writeCase(context, caseId, load, async (current) => {
    // SPEC §4.1: the case's opdrachtgever decides the catalogue (follow-up products, variants).
    const settings = await loadCaseSettings(context, user.orgId, current.opdrachtgeverId);
    if (idempotency) {
      const stored = current.idempotency.find(
        (entry) =>
          entry.key === idempotency.key &&
          entry.trajectoryId === trajectoryId &&
          entry.userId === user.id,
      );
      if (stored && stored.requestHash !== idempotency.hash) {
        throw new UnprocessableError(
          'IDEMPOTENCY_KEY_REUSED',
          'This Idempotency-Key was used with another request body',
        );
      }
      if (stored) return { result: await replay(context, current, stored) };
    }
    const addressed = trajectoryOf(current, trajectoryId);
    if (!addressed) throw new NotFoundError('Trajectory');
    if (addressed.version !== body.expectedVersion)
      throw new VersionConflictError(addressed.version);
    const trajectory = current.openTrajectory;
    if (trajectory?.id !== trajectoryId) {
      throw new UnprocessableError('EVENT_NOT_ALLOWED', 'The trajectory is closed', {
        allowedEvents: [],
      });
    }

    const now = context.clock.now();
    const actor = { userId: user.id, role: user.role };
    const outcome = applyEvent({
      persisted: toPersisted(trajectory),
      event,
      occurredAt: body.occurredAt,
      now: now.toISOString(),
      actor,
      settings,
      notBefore: ladderFloorOf(current),
    });
    if (!outcome.ok) throw rejectionToError(outcome);
    if (event.type === 'REASSIGN')
      await assertAssignableBegeleider(context, current, event.begeleiderId);

    let followUp = null;
    if (outcome.followUp) {
      const created = createTrajectory({
        product: outcome.followUp.product,
        targetTrede: outcome.followUp.targetTrede ?? undefined,
        currentTrede: outcome.tredeTransition?.to ?? current.currentTrede,
        tredeAssessedAt: body.occurredAt,
        registeredAt: body.occurredAt,
        now: now.toISOString(),
        actor,
        settings,
      });
      if (!created.ok) throw rejectionToError(created);
      followUp = newTrajectoryRecord(created, {
        id: nextTrajectoryId(current),
        now,
        createdBy: user.id,
        actorRole: user.role,
        previousTrajectoryId: trajectory.id,
        settings,
      });
    }

    const change = {
      trajectory: advanceTrajectory(trajectory, outcome, { actorRole: user.role, settings }),
      transition: outcome.tredeTransition,
      followUp,
      begeleiderId: event.type === 'REASSIGN' ? event.begeleiderId : null,
      idempotency: null,
      now,
    };
    const next = applyTrajectoryChange(current, change);
    const result = presentTrajectory(next, changedTrajectory(change), {
      role: user.role,
      settings,
      asOf: now,
    });
    const audit = {
      orgId: user.orgId,
      actorId: user.id,
      action: 'trajectory.event',
      trajectoryId,
      details: {
        type: event.type,
        version: result.version,
        ...(result.followUpTrajectoryId && { followUpTrajectoryId: result.followUpTrajectoryId }),
      },
    };
    if (!idempotency) return { write: next, result, audit };
    const { history, ...response } = result;
    const stored: IdempotencyRecord = {
      key: idempotency.key,
      userId: user.id,
      trajectoryId,
      requestHash: idempotency.hash,
      historyLength: history.length,
      response,
      at: now,
    };
    return {
      write: {
        ...next,
        idempotency: [...next.idempotency, stored].slice(-IDEMPOTENCY_RECORDS_KEPT),
      },
      result,
      audit,
    };
  });

  // A change's entry was written with it (the case's audit outbox); a replay changes nothing.
  if (!written)
    await recordAudit(context, {
      orgId: user.orgId,
      actorId: user.id,
      action: 'trajectory.event.replayed',
      caseId,
      trajectoryId,
      details: { type: event.type, version: view.version },
    });
  return view;
}
