import { lazy, Suspense, useEffect } from 'react';
import { BrowserRouter, Route, Routes } from 'react-router';
import { onUnauthenticated } from '../lib/api';
import { SessionContext } from '../lib/session';
import { nl } from '../i18n/nl';
import { Shell } from './Shell';

// One chunk per route (code-split): the login, the caseload, the case file.
const LoginPage = lazy(() => import('../features/login/LoginPage'));
const CaseloadPage = lazy(() => import('../features/caseload/CaseloadPage'));
const NewCasePage = lazy(() => import('../features/caseload/NewCasePage'));
const CaseFilePage = lazy(() => import('../features/case-file/CaseFilePage'));
const TeamOverviewPage = lazy(() => import('../features/team-overview/TeamOverviewPage'));
const ForecastPage = lazy(() => import('../features/forecast/ForecastPage'));
const ReportsPage = lazy(() => import('../features/reports/ReportsPage'));
const AdminPage = lazy(() => import('../features/admin/AdminPage'));

function Loading() {
  return (
    <p className="loading" role="status">
      {nl.loading}
    </p>
  );
}

/** A 401 from any request ends the session; the login then shows on the same URL. */
function ExpireOn401() {
  const session = SessionContext.useActorRef();
  useEffect(() => onUnauthenticated(() => session.send({ type: 'EXPIRED' })), [session]);
  return null;
}

function Gate() {
  const state = SessionContext.useSelector((snapshot) =>
    snapshot.matches('loggedIn') ? 'in' : snapshot.matches('restoring') ? 'restoring' : 'out',
  );
  const role = SessionContext.useSelector((snapshot) => snapshot.context.user?.role);
  if (state === 'restoring') return <Loading />;
  if (state === 'out')
    return (
      <Suspense fallback={<Loading />}>
        <LoginPage />
      </Suspense>
    );
  return (
    <Shell>
      <Suspense fallback={<Loading />}>
        <Routes>
          {(role === 'begeleider' || role === 'teamleider') && (
            <>
              <Route path="/" element={<CaseloadPage />} />
              <Route path="/zaken/nieuw" element={<NewCasePage />} />
              <Route path="/zaken/:id" element={<CaseFilePage />} />
            </>
          )}
          {role === 'teamleider' && (
            <>
              <Route path="/team" element={<TeamOverviewPage />} />
              <Route path="/prognose" element={<ForecastPage />} />
            </>
          )}
          {(role === 'teamleider' || role === 'beleid') && (
            <Route path="/rapportages" element={<ReportsPage />} />
          )}
          {role === 'beleid' && <Route path="/" element={<ReportsPage />} />}
          {role === 'beheerder' && (
            <>
              <Route path="/" element={<AdminPage />} />
              <Route path="/beheer/:section?" element={<AdminPage />} />
            </>
          )}
          <Route path="*" element={<NotFound />} />
        </Routes>
      </Suspense>
    </Shell>
  );
}

function NotFound() {
  return (
    <>
      <h1>{nl.notFound}</h1>
      <p>
        <a href="/">{nl.backToCaseload}</a>
      </p>
    </>
  );
}

export function App() {
  return (
    <SessionContext.Provider>
      <ExpireOn401 />
      <BrowserRouter>
        <Gate />
      </BrowserRouter>
    </SessionContext.Provider>
  );
}
