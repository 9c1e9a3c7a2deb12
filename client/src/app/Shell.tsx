import type { ReactNode } from 'react';
import { Link, NavLink, useNavigate } from 'react-router';
import { SessionContext, useUser } from '../lib/session';
import { nl } from '../i18n/nl';

/** Header with who is logged in (name, role, team), the main navigation and logout. */
export function Shell(props: { children: ReactNode }) {
  const user = useUser();
  const teams = SessionContext.useSelector((snapshot) => snapshot.context.teams);
  const session = SessionContext.useActorRef();
  const navigate = useNavigate();
  const teamNames = teams
    .filter((team) => user.teamIds.includes(team.id))
    .map((team) => team.name)
    .join(', ');
  return (
    <>
      <a className="skip-link" href="#inhoud">
        {nl.skipToContent}
      </a>
      <header className="header">
        <div className="header__inner">
          <Link to="/" className="brand">
            <span className="brand__mark" aria-hidden="true">
              ▟
            </span>
            {nl.appName}
          </Link>
          <nav aria-label={nl.shell.mainNav} className="header__nav">
            {(user.role === 'begeleider' || user.role === 'teamleider') && (
              <>
                <NavLink to="/" end>
                  {nl.shell.navCaseload}
                </NavLink>
                <NavLink to="/zaken/nieuw">{nl.shell.navNewCase}</NavLink>
              </>
            )}
            {user.role === 'teamleider' && (
              <>
                <NavLink to="/team">{nl.shell.navTeam}</NavLink>
                <NavLink to="/prognose">{nl.shell.navForecast}</NavLink>
              </>
            )}
            {(user.role === 'teamleider' || user.role === 'beleid') && (
              <NavLink to="/rapportages">{nl.shell.navReports}</NavLink>
            )}
            {user.role === 'beheerder' && <NavLink to="/beheer">{nl.shell.navAdmin}</NavLink>}
          </nav>
          <div className="header__user">
            <span>
              <span className="visually-hidden">{nl.shell.loggedInAs} </span>
              <strong>{user.displayName}</strong>
              <span className="header__meta">
                {nl.roles[user.role]}
                {teamNames && ` · ${nl.shell.team}: ${teamNames}`}
              </span>
            </span>
            <button
              type="button"
              className="button button--secondary"
              onClick={() => {
                void navigate('/');
                session.send({ type: 'LOGOUT' });
              }}
            >
              {nl.shell.logout}
            </button>
          </div>
        </div>
      </header>
      <main id="inhoud" className="main" tabIndex={-1}>
        {props.children}
      </main>
    </>
  );
}
