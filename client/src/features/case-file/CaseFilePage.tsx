import { useMachine } from '@xstate/react';
import { useEffect, useRef, useState } from 'react';
import { Link, useParams } from 'react-router';
import { isTrede, type ClientEventType } from '../../../../machines';
import { Ladder } from '../../components/Ladder';
import { Notice } from '../../components/Notice';
import { systemClock } from '../../lib/clock';
import { useUser } from '../../lib/session';
import { nl } from '../../i18n/nl';
import { caseFileMachine } from './case-file.machine';
import { StartTrajectoryForm } from './StartTrajectoryForm';
import { MoveOpdrachtgeverForm } from './MoveOpdrachtgeverForm';
import { refusalExplanation } from './case-file-text';

import { ClosedTrajectories } from './ClosedTrajectories';
import { LadderTimeline } from './LadderTimeline';
import { OpenTrajectory } from './OpenTrajectory';
import { notBeforeOf } from './case-file-text';

export default function CaseFilePage() {
  const { id = '' } = useParams();
  const user = useUser();
  const [snapshot, send] = useMachine(caseFileMachine, { input: { caseId: id } });
  const [chosen, setChosen] = useState<ClientEventType | null>(null);
  const [moving, setMoving] = useState(false);
  const { caseFile, settings, fieldErrors, refusal, changes, submitError, loadError } =
    snapshot.context;
  // After a save, a conflict or a refusal the form may be gone: focus moves to the message, so
  // keyboard and screen-reader users continue from there instead of from the top of the page.
  const outcomeRef = useRef<HTMLDivElement>(null);
  const outcome = (['saved', 'conflict', 'refused', 'failed'] as const).find((state) =>
    snapshot.matches({ viewing: state }),
  );
  useEffect(() => {
    if (outcome) outcomeRef.current?.focus();
  }, [outcome]);

  if (snapshot.matches('loading')) return <p role="status">{nl.loading}</p>;
  if (snapshot.matches('loadFailed') || !caseFile)
    return (
      <>
        <h1>{loadError === 'notFound' ? nl.caseFile.notFound : nl.caseFile.loadFailed}</h1>
        {loadError !== 'notFound' && (
          <button type="button" className="button" onClick={() => send({ type: 'RETRY' })}>
            {nl.caseFile.retry}
          </button>
        )}
        <p>
          <Link to="/">{nl.backToCaseload}</Link>
        </p>
      </>
    );

  const busy =
    snapshot.matches({ viewing: 'submitting' }) ||
    snapshot.matches({ viewing: 'reloading' }) ||
    snapshot.matches({ viewing: 'reloadingAfterConflict' });
  const saved = snapshot.matches({ viewing: 'saved' });
  const open = caseFile.trajectories.find((trajectory) => trajectory.closedAt === null);
  const closed = caseFile.trajectories.filter((trajectory) => trajectory.closedAt !== null);

  return (
    <>
      <p>
        <Link to="/">← {nl.backToCaseload}</Link>
      </p>
      <h1>{caseFile.displayName}</h1>
      <dl className="facts">
        <div>
          <dt>{nl.caseFile.clientNumber}</dt>
          <dd>{caseFile.clientNumber}</dd>
        </div>
        <div>
          <dt>{nl.caseFile.bsn}</dt>
          <dd>{caseFile.bsn ?? nl.caseFile.noBsn}</dd>
        </div>
        <div>
          <dt>{nl.ladder.current}</dt>
          <dd>{caseFile.currentTrede}</dd>
        </div>
      </dl>
      <div className="outcome" ref={outcomeRef} tabIndex={-1}>
        <div aria-live="polite">
          {busy && <p role="status">{nl.saving}</p>}
          {saved && <Notice kind="success">{nl.caseFile.saved}</Notice>}
        </div>
        {snapshot.matches({ viewing: 'conflict' }) && (
          <Notice kind="warning" title={nl.caseFile.conflict}>
            <p>{nl.caseFile.conflictChanges}</p>
            <ul>
              {changes.map((change) => (
                <li key={change}>{change}</li>
              ))}
            </ul>
            <p>{nl.caseFile.conflictRetry}</p>
          </Notice>
        )}
        {snapshot.matches({ viewing: 'refused' }) && refusal && (
          <Notice kind="error" title={nl.refusal.title}>
            {refusalExplanation(refusal).map((line) => (
              <p key={line}>{line}</p>
            ))}
          </Notice>
        )}
        {snapshot.matches({ viewing: 'failed' }) && (
          <Notice kind="error">{submitError ?? nl.genericError}</Notice>
        )}
      </div>
      {user.role === 'teamleider' && (
        <div className="panel">
          {moving && !saved ? (
            <MoveOpdrachtgeverForm
              currentId={caseFile.opdrachtgeverId}
              expectedVersion={caseFile.version}
              serverErrors={fieldErrors}
              busy={busy}
              onSubmit={(body) =>
                send({ type: 'SUBMIT', submission: { kind: 'moveOpdrachtgever', body } })
              }
              onCancel={() => setMoving(false)}
            />
          ) : (
            <button
              type="button"
              className="button button--secondary"
              onClick={() => {
                if (saved) send({ type: 'DISMISS' });
                setChosen(null);
                setMoving(true);
              }}
            >
              {nl.caseFile.move.action}
            </button>
          )}
        </div>
      )}
      <div className="case-grid">
        <div className="panel">
          <Ladder current={caseFile.currentTrede} target={open?.targetTrede ?? null} />
        </div>
        <div>
          {open ? (
            <OpenTrajectory
              caseFile={caseFile}
              trajectory={open}
              settings={settings}
              user={user}
              busy={busy}
              serverErrors={fieldErrors}
              chosen={saved ? null : chosen}
              onChoose={(type) => {
                if (saved) send({ type: 'DISMISS' });
                setMoving(false);
                setChosen(type);
              }}
              onSubmit={(_type, body) =>
                send({ type: 'SUBMIT', submission: { kind: 'event', trajectoryId: open.id, body } })
              }
            />
          ) : (
            <section className="panel" aria-labelledby="no-open">
              <h2 id="no-open">{nl.caseFile.noOpenTrajectory}</h2>
              {settings && isTrede(caseFile.currentTrede) && (
                <StartTrajectoryForm
                  currentTrede={caseFile.currentTrede}
                  settings={settings}
                  notBefore={notBeforeOf(caseFile, closed[0])}
                  now={systemClock.now()}
                  serverErrors={fieldErrors}
                  busy={busy}
                  onSubmit={(body) =>
                    send({ type: 'SUBMIT', submission: { kind: 'startTrajectory', body } })
                  }
                />
              )}
            </section>
          )}
        </div>
      </div>
      <div className="panel">
        <LadderTimeline caseFile={caseFile} user={user} />
      </div>
      <div className="panel">
        <ClosedTrajectories trajectories={closed} />
      </div>
    </>
  );
}
