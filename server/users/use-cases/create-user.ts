import type { Role } from '../../../machines';
import type { AppContext } from '../../app-context';
import { recordAudit } from '../../audit/audit-log';
import { hashPassword } from '../password';
import { ConflictError, ValidationError } from '../../errors';
import { isObjectId } from '../../ids';
import type { AuthUser } from '../../policies/actor';
import type { OrgScope } from '../../policies/scope';
import { countTeamsIn } from '../../teams/team.repository';
import { presentUser } from '../presenter';
import { insertUser, usernameExists, type User } from '../user.repository';

export interface CreateUserInput {
  orgId: string;
  username: string;
  displayName: string;
  role: Role;
  teamIds: string[];
  password: string;
}

/** Used by the API, the administrator bootstrap and the demo data alike (they write no audit entry). */
export async function createUser(context: AppContext, input: CreateUserInput): Promise<User> {
  await assertTeamsInOrganisation(context, { orgId: input.orgId }, input.teamIds);
  if (await usernameExists(context.db, input.username)) {
    throw new ConflictError(`Username ${input.username} is taken`, [
      { field: 'username', message: 'already exists' },
    ]);
  }
  return insertUser(context.db, {
    orgId: input.orgId,
    username: input.username.trim().toLowerCase(),
    displayName: input.displayName,
    role: input.role,
    teamIds: [...new Set(input.teamIds)],
    passwordHash: await hashPassword(input.password),
    now: context.clock.now(),
  });
}

/** POST /users (beheerder): a user of the beheerder's organisation, audited. */
export async function createUserAsAdmin(
  context: AppContext,
  actor: AuthUser,
  input: Omit<CreateUserInput, 'orgId'>,
) {
  const user = await createUser(context, { ...input, orgId: actor.orgId });
  await recordAudit(context, {
    orgId: actor.orgId,
    actorId: actor.id,
    action: 'user.create',
    details: { userId: user.id, role: user.role },
  });
  return presentUser(user);
}

export async function assertTeamsInOrganisation(
  context: AppContext,
  scope: OrgScope,
  teamIds: string[],
): Promise<void> {
  const unique = [...new Set(teamIds)];
  const valid = unique.every(isObjectId);
  if (!valid || (await countTeamsIn(context.db, scope, unique)) !== unique.length) {
    throw new ValidationError('Invalid body: teamIds', [
      { field: 'teamIds', message: 'unknown team' },
    ]);
  }
}
