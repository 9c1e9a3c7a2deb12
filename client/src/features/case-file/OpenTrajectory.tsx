import { ActionForm, type ActionFormProps } from './ActionForm';
import { ConcludeForm } from './ConcludeForm';
import { History } from './History';
import { isMachineId, type ClientEventType, type OrganisationSettings } from '../../../../machines';
import { DeadlineBar } from '../../components/DeadlineBar';
import { MachineDiagram } from '../../components/MachineDiagram';
import { Notice } from '../../components/Notice';
import { SignalBadges } from '../../components/SignalBadges';
import type { CaseFile, Trajectory, User } from '../../lib/api-types';
import { systemClock } from '../../lib/clock';
import { crossCheckedEvents, stepFacts } from '../../lib/trajectory-rules';
import { nl } from '../../i18n/nl';
import { notBeforeOf, productName, stateName } from './case-file-text';

/** CONCLUDE loads the case's catalogue for its follow-up choice; the other forms need nothing. */
function ChosenForm(props: ActionFormProps & { opdrachtgeverId: string | null }) {
  const { opdrachtgeverId: _opdrachtgeverId, ...formProps } = props;
  return props.type === 'CONCLUDE' ? <ConcludeForm {...props} /> : <ActionForm {...formProps} />;
}

/** The open trajectory: state, deadline bar, the actions allowed now with their forms, history, machine. */
export function OpenTrajectory(props: {
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
        <ChosenForm
          key={props.chosen}
          type={props.chosen}
          opdrachtgeverId={props.caseFile.opdrachtgeverId}
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
