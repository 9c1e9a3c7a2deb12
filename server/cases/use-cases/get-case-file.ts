import type { AppContext } from '../../app-context';
import { recordAudit } from '../../audit/audit-log';
import type { AuthUser } from '../../policies/actor';
import { NotFoundError } from '../../errors';
import { loadCaseSettings } from '../../organisations/settings';
import { findCase } from '../../case-store/case.repository';
import { withClosedHistoriesOf } from '../../case-store/trajectory-archive.repository';
import { presentCaseFile } from '../presenter';
import { scopeOf } from '../../policies/scope';
import type { CaseRecord } from '../../case-store/case.types';

/** Every read of a case file is audited (SPEC §2.5); outside the caller's teams it does not exist. */
export async function getCaseFile(context: AppContext, user: AuthUser, caseId: string) {
  const record = await findCase(context.db, scopeOf(user), caseId);
  if (!record) throw new NotFoundError('Case');
  await recordAudit(context, {
    orgId: user.orgId,
    actorId: user.id,
    action: 'case.read',
    caseId: record.id,
  });
  return caseFileOf(context, user, record);
}

/** The case file as `user` sees it now, with the settings of the case's opdrachtgever. */
export async function caseFileOf(context: AppContext, user: AuthUser, record: CaseRecord) {
  const settings = await loadCaseSettings(context, user.orgId, record.opdrachtgeverId);
  return presentCaseFile(await withClosedHistoriesOf(context.db, record), {
    role: user.role,
    settings,
    asOf: context.clock.now(),
    secret: context.secret,
  });
}
