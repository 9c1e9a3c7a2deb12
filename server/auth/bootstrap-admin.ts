import type { AppContext } from '../app-context';
import { recordAudit } from '../audit/audit-log';
import {
  createOrganisation,
  findFirstOrganisation,
} from '../organisations/organisation.repository';
import { createUser } from '../users/use-cases/create-user';
import { usernameExists } from '../users/user.repository';

/**
 * SPEC §5: with TREDE_ADMIN_USERNAME/TREDE_ADMIN_PASSWORD set, create that beheerder at start-up
 * unless a user of that name exists. The password is never changed here (the UI owns it after).
 */
export async function bootstrapAdministrator(
  context: AppContext,
): Promise<'created' | 'exists' | 'not configured'> {
  const admin = context.config.admin;
  if (!admin) return 'not configured';
  if (await usernameExists(context.db, admin.username)) return 'exists';
  const organisation =
    (await findFirstOrganisation(context.db)) ??
    (await createOrganisation(context.db, { name: 'Mijn organisatie', now: context.clock.now() }));
  const user = await createUser(context, {
    orgId: organisation.id,
    username: admin.username,
    displayName: 'Beheerder',
    role: 'beheerder',
    teamIds: [],
    password: admin.password,
  });
  await recordAudit(context, {
    orgId: organisation.id,
    actorId: null,
    action: 'user.bootstrap',
    details: { userId: user.id },
  });
  return 'created';
}
