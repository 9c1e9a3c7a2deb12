import crypto from 'node:crypto';
import type { Role } from '../../machines';
import type { AuthUser } from '../../server/policies/actor';
import { createSession } from '../../server/sessions/session.repository';
import {
  createOrganisation,
  findFirstOrganisation,
} from '../../server/organisations/organisation.repository';
import { insertTeam } from '../../server/teams/team.repository';
import { createUser } from '../../server/users/use-cases/create-user';
import type { TestServer } from './test-server';

export const TEST_PASSWORD = 'test-password-123';

async function defaultOrganisationId(server: TestServer): Promise<string> {
  const existing = await findFirstOrganisation(server.context.db);
  return (
    existing ??
    (await createOrganisation(server.context.db, { name: 'Testgemeente', now: server.clock.now() }))
  ).id;
}

export async function createTestTeam(
  server: TestServer,
  name?: string,
  orgId?: string,
): Promise<{ id: string; orgId: string }> {
  const organisation = orgId ?? (await defaultOrganisationId(server));
  const team = await insertTeam(server.context.db, {
    orgId: organisation,
    name: name ?? `Team ${crypto.randomBytes(3).toString('hex')}`,
    now: server.clock.now(),
  });
  return { id: team.id, orgId: team.orgId };
}

/** A user with a live session; the token works as `Authorization: Bearer`. */
export async function createTestUser(
  server: TestServer,
  options: {
    role: Role;
    teamIds?: string[];
    username?: string;
    orgId?: string;
    displayName?: string;
  },
): Promise<{ user: AuthUser; token: string }> {
  const orgId = options.orgId ?? (await defaultOrganisationId(server));
  const user = await createUser(server.context, {
    orgId,
    username: options.username ?? `${options.role}-${crypto.randomBytes(4).toString('hex')}`,
    displayName: options.displayName ?? `Test ${options.role}`,
    role: options.role,
    teamIds: options.teamIds ?? [],
    password: TEST_PASSWORD,
  });
  const { token } = await createSession(server.context.db, {
    userId: user.id,
    orgId,
    now: server.clock.now(),
  });
  return { user, token };
}

export function bearer(token: string): Record<string, string> {
  return { Authorization: `Bearer ${token}` };
}
