import { catalogueCodes } from '../../machines';
import type { AppContext } from '../app-context';
import type { AuthUser } from '../policies/actor';
import { orgScopeOf } from '../policies/scope';
import { NotFoundError } from '../errors';
import { listOpdrachtgevers, type Opdrachtgever } from '../organisations/opdrachtgever.repository';
import { findOrganisation } from '../organisations/organisation.repository';
import { defaultOpdrachtgever, settingsOfOpdrachtgever } from '../organisations/settings';
import { findTeams, type Team } from '../teams/team.repository';
import type { ReportScope } from './report-cases.repository';

/**
 * Who sees what in a report (SPEC §2.5): beleid the whole organisation, a teamleider own teams.
 * A team or opdrachtgever outside that is a 404, like a case outside one's teams.
 */
export interface ResolvedReportScope {
  scope: ReportScope;
  teams: Team[];
  opdrachtgevers: Opdrachtgever[];
  defaultOpdrachtgeverId: string;
  organisationOverrides: Record<string, unknown>;
  /** Catalogue order of every code known to any opdrachtgever (built-in first). */
  productOrder: (code: string) => number;
}

export async function resolveReportScope(
  context: AppContext,
  user: AuthUser,
  filters: { team?: string; opdrachtgever?: string; begeleider?: string },
): Promise<ResolvedReportScope> {
  const ownTeams = user.role === 'beleid' ? null : user.teamIds;
  if (filters.team && ownTeams && !ownTeams.includes(filters.team)) throw new NotFoundError('Team');
  const teams = await findTeams(context.db, orgScopeOf(user));
  if (filters.team && !teams.some((team) => team.id === filters.team))
    throw new NotFoundError('Team');
  const fallback = await defaultOpdrachtgever(context, user.orgId);
  const opdrachtgevers = await listOpdrachtgevers(context.db, orgScopeOf(user));
  if (filters.opdrachtgever && !opdrachtgevers.some((item) => item.id === filters.opdrachtgever))
    throw new NotFoundError('Opdrachtgever');
  const organisation = await findOrganisation(context.db, orgScopeOf(user));
  const organisationOverrides = organisation?.settingsOverrides ?? {};
  const order = new Map<string, number>();
  for (const opdrachtgever of opdrachtgevers) {
    for (const code of catalogueCodes(
      settingsOfOpdrachtgever(organisationOverrides, opdrachtgever),
    ))
      if (!order.has(code)) order.set(code, order.size);
  }
  return {
    scope: {
      orgId: user.orgId,
      teamIds: filters.team ? [filters.team] : ownTeams,
      opdrachtgeverId: filters.opdrachtgever,
      begeleiderId: filters.begeleider,
      includeUnassigned: filters.opdrachtgever === fallback.id,
    },
    teams,
    opdrachtgevers,
    defaultOpdrachtgeverId: fallback.id,
    organisationOverrides,
    productOrder: (code) => order.get(code) ?? order.size,
  };
}
