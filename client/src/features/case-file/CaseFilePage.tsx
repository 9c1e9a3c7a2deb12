import { useMachine } from '@xstate/react';
import { useEffect, useRef, useState } from 'react';
import { Link, useParams } from 'react-router';
import {
  isMachineId,
  isTrede,
  type ClientEventType,
  type OrganisationSettings,
  type ProductCode,
  type TrajectoryStateKey,
} from '../../../../machines';
import { DeadlineBar } from '../../components/DeadlineBar';
import { Ladder } from '../../components/Ladder';
import { MachineDiagram } from '../../components/MachineDiagram';
import { Notice } from '../../components/Notice';
import { SignalBadges } from '../../components/SignalBadges';
import type { CaseFile, HistoryEntryView, Trajectory, User } from '../../lib/api-types';
import { systemClock } from '../../lib/clock';
import { formatDate } from '../../lib/dates';
import { useUser } from '../../lib/session';
import { crossCheckedEvents, stepFacts } from '../../lib/trajectory-rules';
import { nl } from '../../i18n/nl';
import { ActionForm } from './ActionForm';
import { caseFileMachine } from './case-file.machine';
import { StartTrajectoryForm } from './StartTrajectoryForm';

const productName = (code: string | null) =>
  code ? (nl.products[code as ProductCode] ?? code) : '—';
const stateName = (key: string) => nl.states[key as TrajectoryStateKey] ?? key;

function who(actorId: string | null, actorRole: string | null, user: User): string {
  if (actorId === null) return nl.caseFile.bySystem;
  if (actorId === user.id) return nl.caseFile.byYou;
  return actorRole ? (nl.roles[actorRole as User['role']] ?? actorRole) : '—';
}

function entryDetails(entry: HistoryEntryView): string {
  const p = entry.payload;
  const parts: string[] = [];
  if (typeof p.trede === 'number') parts.push(nl.history.trede(p.trede));
  if (typeof p.minutes === 'number') parts.push(nl.history.minutes(p.minutes));
  if (typeof p.months === 'number') parts.push(nl.history.months(p.months));
  if (typeof p.outcome === 'string')
    parts.push(nl.outcomes[p.outcome as keyof typeof nl.outcomes] ?? p.outcome);
  if (typeof p.route === 'string')
    parts.push(nl.routes[p.route as keyof typeof nl.routes] ?? p.route);
  if (typeof p.decision === 'string')
    parts.push(nl.reviewDecisions[p.decision as 'continue' | 'close'] ?? p.decision);
  if (typeof p.note === 'string') parts.push(p.note);
  if (typeof p.reason === 'string') parts.push(p.reason);
  if (entry.flags.some((flag) => /after|late/i.test(flag))) parts.push(nl.history.lateFlag);
  if (entry.fromState && entry.fromState !== entry.toState)
    parts.push(`${stateName(entry.fromState)} → ${stateName(entry.toState)}`);
  return parts.join(' · ');
}

/** The latest moment an event may not precede: the previous user event, the latest ladder entry. */
function notBeforeOf(caseFile: CaseFile, trajectory: Trajectory | undefined): string | null {
  const candidates = [
    ...(trajectory?.history
      .filter((entry) => entry.actorId !== null)
      .map((entry) => entry.occurredAt) ?? []),
    ...caseFile.ladder.map((entry) => entry.at),
  ];
  return candidates.sort().at(-1) ?? null;
}

function History(props: { trajectory: Trajectory; user: User }) {
  const [showAll, setShowAll] = useState(false);
  const minor = (entry: HistoryEntryView) => entry.actorId === null;
  const entries = [...props.trajectory.history].reverse();
  const hidden = entries.filter(minor).length;
  const shown = showAll ? entries : entries.filter((entry) => !minor(entry));
  return (
    <section aria-labelledby="history">
      <h3 id="history">{nl.caseFile.history}</h3>
      <table>
        <thead>
          <tr>
            <th scope="col">{nl.caseFile.historyColumns.when}</th>
            <th scope="col">{nl.caseFile.historyColumns.what}</th>
            <th scope="col">{nl.caseFile.historyColumns.who}</th>
            <th scope="col">{nl.caseFile.historyColumns.details}</th>
          </tr>
        </thead>
        <tbody>
          {shown.map((entry, index) => (
            <tr key={`${entry.recordedAt}-${index}`}>
              <td>{formatDate(entry.occurredAt)}</td>
              <td>{nl.historyTypes[entry.type] ?? entry.type}</td>
              <td>{who(entry.actorId, entry.actorRole, props.user)}</td>
              <td>{entryDetails(entry)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {hidden > 0 && (
        <button
          type="button"
          className="button button--secondary"
          aria-expanded={showAll}
          onClick={() => setShowAll(!showAll)}
        >
          {showAll ? nl.caseFile.hideMinor : nl.caseFile.showAllHistory(hidden)}
        </button>
      )}
    </section>
  );
}

function LadderTimeline(props: { caseFile: CaseFile; user: User }) {
  const reasons = {
    intake: nl.ladder.intake,
    assessment: nl.ladder.assessment,
    conclusion: nl.ladder.conclusion,
  };
  return (
    <section aria-labelledby="ladder-timeline">
      <h2 id="ladder-timeline">{nl.ladder.timeline}</h2>
      <table>
        <thead>
          <tr>
            <th scope="col">{nl.ladder.columns.date}</th>
            <th scope="col">{nl.ladder.columns.change}</th>
            <th scope="col">{nl.ladder.columns.reason}</th>
            <th scope="col">{nl.ladder.columns.trajectory}</th>
            <th scope="col">{nl.ladder.columns.by}</th>
          </tr>
        </thead>
        <tbody>
          {[...props.caseFile.ladder].reverse().map((entry) => (
            <tr key={entry.seq}>
              <td>{formatDate(entry.at)}</td>
              <td>{entry.from === null ? `→ ${entry.to}` : `${entry.from} → ${entry.to}`}</td>
              <td>{reasons[entry.reason]}</td>
              <td>{productName(entry.product)}</td>
              <td>
                {entry.begeleiderId === props.user.id ? nl.caseFile.byYou : nl.roles.begeleider}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

function ClosedTrajectories(props: { trajectories: Trajectory[] }) {
  return (
    <section aria-labelledby="closed">
      <h2 id="closed">{nl.caseFile.closed}</h2>
      {props.trajectories.length === 0 ? (
        <p>{nl.caseFile.noClosed}</p>
      ) : (
        <ul>
          {props.trajectories.map((trajectory) => {
            const close = [...trajectory.history]
              .reverse()
              .find((entry) => entry.type === 'CLOSE' || entry.type === 'CONCLUDE');
            return (
              <li key={trajectory.id}>
                <strong>{productName(trajectory.product)}</strong> — {nl.caseFile.closedOn}{' '}
                {formatDate(trajectory.closedAt)}
                {close && ` · ${nl.caseFile.outcome}: ${entryDetails(close)}`}
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}

function OpenTrajectory(props: {
  caseFile: CaseFile;
  trajectory: Trajectory;
  settings: OrganisationSettings | null;
  user: User;
  busy: boolean;
  serverErrors: Record<string, string>;
  onSubmit(
    type: ClientEventType,
    body: Parameters<Parameters<typeof ActionForm>[0]['onSubmit']>[0],
  ): void;
  chosen: ClientEventType | null;
  onChoose(type: ClientEventType | null): void;
}) {
  const { trajectory, user } = props;
  const now = systemClock.now();
  const facts = stepFacts(trajectory.snapshot);
  const checked = crossCheckedEvents(trajectory, user.role, props.settings);
  const stepStart = facts.stepStartedAt;
  const extensionMonths = trajectory.history
    .filter((entry) => entry.type === 'EXTEND' && (!stepStart || entry.occurredAt >= stepStart))
    .reduce(
      (total, entry) =>
        total + (typeof entry.payload.months === 'number' ? entry.payload.months : 0),
      0,
    );
  return (
    <section className="panel" aria-labelledby="open-trajectory">
      <h2 id="open-trajectory">
        {nl.caseFile.openTrajectory}: {productName(trajectory.product)}
      </h2>
      <dl className="facts">
        <div>
          <dt>{nl.caseFile.state}</dt>
          <dd>{stateName(trajectory.state)}</dd>
        </div>
        {trajectory.targetTrede !== null && (
          <div>
            <dt>{nl.caseFile.target}</dt>
            <dd>{trajectory.targetTrede}</dd>
          </div>
        )}
        <div>
          <dt>{nl.caseFile.signals}</dt>
          <dd>
            <SignalBadges signals={trajectory.signals} emptyText={nl.caseFile.noSignals} />
          </dd>
        </div>
      </dl>
      <DeadlineBar
        stepStartedAt={stepStart}
        deadlineAt={trajectory.deadlineAt}
        now={now}
        suspendedDays={facts.suspendedDaysThisStep}
        extensionMonths={extensionMonths}
        suspended={trajectory.state === 'suspended'}
      />
      <h3>{nl.caseFile.actions}</h3>
      {checked.mismatch && <Notice kind="warning">{nl.caseFile.mismatch}</Notice>}
      {checked.events.length === 0 ? (
        <p>{nl.caseFile.noActions}</p>
      ) : (
        <div className="actions">
          {checked.events.map((type) => (
            <button
              key={type}
              type="button"
              className={props.chosen === type ? 'button' : 'button button--secondary'}
              aria-pressed={props.chosen === type}
              onClick={() => props.onChoose(props.chosen === type ? null : type)}
            >
              {nl.events[type]}
            </button>
          ))}
        </div>
      )}
      {props.chosen && checked.events.includes(props.chosen) && (
        <ActionForm
          key={props.chosen}
          type={props.chosen}
          expectedVersion={trajectory.version}
          notBefore={notBeforeOf(props.caseFile, trajectory)}
          now={now}
          serverErrors={props.serverErrors}
          busy={props.busy}
          onSubmit={(body) => props.onSubmit(props.chosen!, body)}
          onCancel={() => props.onChoose(null)}
        />
      )}
      <History trajectory={trajectory} user={user} />
      {isMachineId(trajectory.machineId) && (
        <details className="machine-details">
          <summary>{nl.caseFile.machine}</summary>
          <MachineDiagram machineId={trajectory.machineId} current={trajectory.state} />
        </details>
      )}
    </section>
  );
}

export default function CaseFilePage() {
  const { id = '' } = useParams();
  const user = useUser();
  const [snapshot, send] = useMachine(caseFileMachine, { input: { caseId: id } });
  const [chosen, setChosen] = useState<ClientEventType | null>(null);
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
  const allowedText = (refusal?.allowedEvents ?? [])
    .map((type) => nl.events[type as ClientEventType] ?? type)
    .join(', ');

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
            <p>
              {refusal.code === 'FORBIDDEN'
                ? nl.forbidden
                : (((nl.refusal as Record<string, unknown>)[refusal.code] as string | undefined) ??
                  nl.refusal.other)}
            </p>
            <p>{allowedText ? nl.refusal.nowAllowed(allowedText) : nl.refusal.nothingAllowed}</p>
          </Notice>
        )}
        {snapshot.matches({ viewing: 'failed' }) && (
          <Notice kind="error">{submitError ?? nl.genericError}</Notice>
        )}
      </div>
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
