import type { AppContext } from '../../app-context';
import { recordAudit } from '../../audit/audit-log';
import type { AuthUser } from '../../policies/actor';
import { findCaseOfTrajectory } from '../../case-store/case.repository';
import type { CaseRecord, ClosedTrajectory, TrajectoryRecord } from '../../case-store/case.types';
import { wholeTrajectory } from '../../case-store/trajectory-archive.repository';
import { scopeOf } from '../../policies/scope';
import { NotFoundError } from '../../errors';
import { loadCaseSettings } from '../../organisations/settings';
import { presentTrajectory } from '../presenter';

/** The open or a closed trajectory of `record`; a closed one may be archived (decision 064). */
export function trajectoryOf(
  record: CaseRecord,
  trajectoryId: string,
): TrajectoryRecord | ClosedTrajectory | null {
  if (record.openTrajectory?.id === trajectoryId) return record.openTrajectory;
  return record.closedTrajectories.find((trajectory) => trajectory.id === trajectoryId) ?? null;
}

/** GET /trajectories/:id: part of a case file, so audited like one (SPEC §2.5). */
export async function getTrajectory(context: AppContext, user: AuthUser, trajectoryId: string) {
  const scope = scopeOf(user);
  const record = await findCaseOfTrajectory(context.db, scope, trajectoryId);
  const found = record && trajectoryOf(record, trajectoryId);
  if (!record || !found) throw new NotFoundError('Trajectory');
  const trajectory = await wholeTrajectory(context.db, found);
  await recordAudit(context, {
    orgId: user.orgId,
    actorId: user.id,
    action: 'trajectory.read',
    caseId: record.id,
    trajectoryId,
  });
  const settings = await loadCaseSettings(context, user.orgId, record.opdrachtgeverId);
  return presentTrajectory(record, trajectory, {
    role: user.role,
    settings,
    asOf: context.clock.now(),
  });
}
