import type { Trede } from '../../../machines';
import type { AppContext } from '../../app-context';
import { outboxEntry } from '../../audit/outbox';
import type { AuthUser } from '../../policies/actor';
import { ConflictError, ValidationError } from '../../errors';
import { newId } from '../../ids';
import { mayCreateCaseIn } from '../../policies/permissions';
import { orgScopeOf } from '../../policies/scope';
import { findOpdrachtgever } from '../../organisations/opdrachtgever.repository';
import { defaultOpdrachtgever } from '../../organisations/settings';
import { encryptBsn } from '../bsn';
import { settleForAnswer } from '../../case-store/case-summary-sync';
import { DuplicateClientNumberError, insertCase } from '../../case-store/case.repository';
import { ladderEntry } from '../../case-store/case-change';
import type { CaseRecord, CaseWithHistories } from '../../case-store/case.types';
import { assertAssignableBegeleider } from '../../users/assignable-begeleider';
import { caseFileOf } from './get-case-file';

export interface CreateCaseInput {
  clientNumber: string;
  displayName: string;
  teamId: string;
  begeleiderId: string;
  trede: Trede;
  /** UTC ISO instant of the intake assessment. */
  assessedAt: string;
  /** SPEC §4.1; default: the organisation's first opdrachtgever. */
  opdrachtgeverId?: string;
  bsn?: string;
}

/** POST /cases: the new case, answered as its case file. */
export async function registerCase(context: AppContext, actor: AuthUser, input: CreateCaseInput) {
  return caseFileOf(context, actor, await createCase(context, actor, input));
}

/**
 * A new case whose intake trede is the first entry of its ladder (SPEC §2.1, §3); the record, for
 * the demo data too.
 */
export async function createCase(
  context: AppContext,
  actor: AuthUser,
  input: CreateCaseInput,
): Promise<CaseRecord> {
  if (!mayCreateCaseIn(actor, input.teamId)) {
    throw new ValidationError('Invalid body: teamId', [
      { field: 'teamId', message: 'not one of your teams' },
    ]);
  }
  const now = context.clock.now();
  const assessedAt = new Date(input.assessedAt);
  if (assessedAt > now)
    throw new ValidationError('Invalid body: assessedAt', [
      { field: 'assessedAt', message: 'must not be in the future' },
    ]);
  await assertAssignableBegeleider(
    context,
    { orgId: actor.orgId, teamId: input.teamId },
    input.begeleiderId,
  );
  const opdrachtgever = input.opdrachtgeverId
    ? await findOpdrachtgever(context.db, orgScopeOf(actor), input.opdrachtgeverId)
    : await defaultOpdrachtgever(context, actor.orgId);
  if (!opdrachtgever)
    throw new ValidationError('Invalid body: opdrachtgeverId', [
      { field: 'opdrachtgeverId', message: 'not an opdrachtgever of your organisation' },
    ]);

  const record: CaseWithHistories = {
    id: newId(),
    orgId: actor.orgId,
    teamId: input.teamId,
    opdrachtgeverId: opdrachtgever.id,
    begeleiderId: input.begeleiderId,
    clientNumber: input.clientNumber,
    displayName: input.displayName,
    bsn: input.bsn ? encryptBsn(input.bsn, context.secret) : null,
    currentTrede: input.trede,
    ladder: [
      ladderEntry(
        { ladder: [], begeleiderId: input.begeleiderId, teamId: input.teamId },
        { from: null, to: input.trede, at: assessedAt, reason: 'intake', trajectory: null },
        now,
      ),
    ],
    openTrajectory: null,
    closedTrajectories: [],
    idempotency: [],
    version: 1,
    createdAt: now,
    updatedAt: now,
  };
  // The entry is inserted with the case (guarantee 10), then copied to the audit collection.
  record.auditOutbox = [
    outboxEntry(
      record.id,
      record.version,
      {
        orgId: actor.orgId,
        actorId: actor.id,
        action: 'case.create',
        details: { teamId: record.teamId, opdrachtgeverId: record.opdrachtgeverId },
      },
      now,
    ),
  ];
  try {
    await insertCase(context.db, record);
  } catch (error) {
    if (error instanceof DuplicateClientNumberError) {
      throw new ConflictError(`Client number ${input.clientNumber} exists`, [
        { field: 'clientNumber', message: 'already exists' },
      ]);
    }
    throw error;
  }
  await settleForAnswer(context, record); // audit copy, then the summary (decisions 040, 061)
  return record;
}
