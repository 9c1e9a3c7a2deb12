import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { api } from '../../lib/api';
import type { Team, User } from '../../lib/api-types';
import { useApiGet } from '../../lib/use-api';
import { nl } from '../../i18n/nl';
import { AuditSection } from './AuditSection';
import { OpdrachtgeversSection } from './OpdrachtgeversSection';
import { SettingsSection } from './SettingsSection';
import { TeamsSection } from './TeamsSection';
import { UsersSection } from './UsersSection';

const t = nl.admin;
const SECTIONS = ['gebruikers', 'teams', 'instellingen', 'opdrachtgevers', 'audit'] as const;
type Section = (typeof SECTIONS)[number];

/** Beheer: one page, a section per URL (/beheer/gebruikers …), links as tabs. */
export default function AdminPage() {
  const params = useParams();
  const section: Section = (SECTIONS as readonly string[]).includes(params.section ?? '')
    ? (params.section as Section)
    : 'gebruikers';
  const [reload, setReload] = useState(0);
  const teams = useApiGet(`teams#${reload}`, (signal) =>
    api<{ items: Team[] }>('/teams', { signal }),
  );
  const users = useApiGet(`users#${section}`, (signal) =>
    api<{ items: User[] }>('/users', { signal }),
  );
  const teamList = teams.status === 'ready' ? teams.data.items : [];
  return (
    <>
      <h1>{t.title}</h1>
      <nav aria-label={t.sections} className="tabs">
        {SECTIONS.map((name) => (
          <Link
            key={name}
            to={`/beheer/${name}`}
            aria-current={name === section ? 'page' : undefined}
          >
            {t.sectionNames[name]}
          </Link>
        ))}
      </nav>
      {section === 'gebruikers' && <UsersSection teams={teamList} />}
      {section === 'teams' && (
        <TeamsSection teams={teamList} onChanged={() => setReload((value) => value + 1)} />
      )}
      {section === 'instellingen' && <SettingsSection />}
      {section === 'opdrachtgevers' && <OpdrachtgeversSection />}
      {section === 'audit' && (
        <AuditSection users={users.status === 'ready' ? users.data.items : []} />
      )}
    </>
  );
}
