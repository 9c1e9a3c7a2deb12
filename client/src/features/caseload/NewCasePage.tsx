import { useMachine } from '@xstate/react';
import { useEffect, type FormEvent } from 'react';
import { Link, useNavigate } from 'react-router';
import { LADDER } from '../../../../machines';
import { Field } from '../../components/Field';
import { Notice } from '../../components/Notice';
import { api } from '../../lib/api';
import type { Opdrachtgever } from '../../lib/api-types';
import { systemClock } from '../../lib/clock';
import { occurredAtFor, parseDutchDate, todayDutch } from '../../lib/dates';
import { SessionContext, useUser } from '../../lib/session';
import { useApiGet } from '../../lib/use-api';
import { nl } from '../../i18n/nl';
import { newCaseMachine, type NewCaseValues } from './new-case.machine';
import { clientStepErrors, intakeStepErrors } from './new-case-rules';

const STEPS = [
  ['client', nl.newCase.stepClient],
  ['intake', nl.newCase.stepIntake],
  ['check', nl.newCase.stepCheck],
] as const;

/** Register a case from the caseload: intake trede, optional BSN (elfproef), in three steps. */
export default function NewCasePage() {
  const user = useUser();
  const teams = SessionContext.useSelector((snapshot) => snapshot.context.teams);
  const navigate = useNavigate();
  const now = systemClock.now();
  const [snapshot, send] = useMachine(newCaseMachine, {
    input: {
      values: {
        clientNumber: '',
        displayName: '',
        bsn: '',
        teamId: user.teamIds[0] ?? '',
        opdrachtgeverId: '',
        trede: '',
        assessedAt: todayDutch(now),
      },
    },
  });
  const { values, errors, createdId, failure } = snapshot.context;
  const opdrachtgevers = useApiGet('opdrachtgevers', (signal) =>
    api<{ items: Opdrachtgever[] }>('/opdrachtgevers', { signal }),
  );
  const opdrachtgeverItems = opdrachtgevers.status === 'ready' ? opdrachtgevers.data.items : [];
  useEffect(() => {
    if (createdId) void navigate(`/zaken/${createdId}`);
  }, [createdId, navigate]);

  const step = snapshot.matches('client')
    ? 'client'
    : snapshot.matches('intake')
      ? 'intake'
      : 'check';
  const stepIndex = STEPS.findIndex(([key]) => key === step);
  const change = (field: keyof NewCaseValues) => (value: string) =>
    send({ type: 'CHANGE', field, value });

  function submit(event: FormEvent) {
    event.preventDefault();
    if (step === 'client') send({ type: 'NEXT', errors: clientStepErrors(values) });
    else if (step === 'intake') send({ type: 'NEXT', errors: intakeStepErrors(values, now) });
    else {
      const bsn = values.bsn.replace(/\s/g, '');
      send({
        type: 'SUBMIT',
        body: {
          clientNumber: values.clientNumber.trim(),
          displayName: values.displayName.trim(),
          teamId: values.teamId,
          begeleiderId: user.id,
          trede: Number(values.trede),
          assessedAt: occurredAtFor(parseDutchDate(values.assessedAt) ?? '', now),
          ...(bsn ? { bsn } : {}),
          ...(values.opdrachtgeverId ? { opdrachtgeverId: values.opdrachtgeverId } : {}),
        },
      });
    }
  }

  const teamName = teams.find((team) => team.id === values.teamId)?.name ?? '';
  const opdrachtgeverName =
    opdrachtgeverItems.find((item) => item.id === values.opdrachtgeverId)?.name ??
    nl.newCase.opdrachtgeverDefault;
  const text = (field: keyof NewCaseValues, label: string, hint?: string) => (
    <Field label={label} hint={hint} error={errors[field]}>
      {(control) => (
        <input
          {...control}
          name={field}
          value={values[field]}
          onChange={(event) => change(field)(event.target.value)}
        />
      )}
    </Field>
  );

  return (
    <>
      <p>
        <Link to="/">← {nl.backToCaseload}</Link>
      </p>
      <h1>{nl.newCase.title}</h1>
      <ol className="steps" aria-label={nl.newCase.stepOf(stepIndex + 1, STEPS.length)}>
        {STEPS.map(([key, label], index) => (
          <li key={key} aria-current={key === step ? 'step' : undefined}>
            {index + 1}. {label}
          </li>
        ))}
      </ol>
      <form className="panel" onSubmit={submit} noValidate>
        <h2>
          {nl.newCase.stepOf(stepIndex + 1, STEPS.length)}: {STEPS[stepIndex]?.[1]}
        </h2>
        {Object.keys(errors).length > 0 && (
          <Notice kind="error">{nl.form.fieldErrorsSummary}</Notice>
        )}
        {failure && <Notice kind="error">{failure}</Notice>}
        {step === 'client' && (
          <>
            {text('clientNumber', nl.newCase.clientNumber, nl.newCase.clientNumberHint)}
            {text('displayName', nl.newCase.displayName)}
            {text('bsn', nl.newCase.bsn, nl.newCase.bsnHint)}
          </>
        )}
        {step === 'intake' && (
          <>
            <Field label={nl.newCase.team} error={errors.teamId}>
              {(control) => (
                <select
                  {...control}
                  value={values.teamId}
                  onChange={(event) => change('teamId')(event.target.value)}
                >
                  {teams.map((team) => (
                    <option key={team.id} value={team.id}>
                      {team.name}
                    </option>
                  ))}
                </select>
              )}
            </Field>
            {opdrachtgeverItems.length > 1 && (
              <Field label={nl.newCase.opdrachtgever} error={errors.opdrachtgeverId}>
                {(control) => (
                  <select
                    {...control}
                    value={values.opdrachtgeverId}
                    onChange={(event) => change('opdrachtgeverId')(event.target.value)}
                  >
                    <option value="">{nl.newCase.opdrachtgeverDefault}</option>
                    {opdrachtgeverItems.map((item) => (
                      <option key={item.id} value={item.id}>
                        {item.name}
                      </option>
                    ))}
                  </select>
                )}
              </Field>
            )}
            <Field label={nl.newCase.trede} error={errors.trede}>
              {(control) => (
                <select
                  {...control}
                  value={values.trede}
                  onChange={(event) => change('trede')(event.target.value)}
                >
                  <option value="">{nl.form.choose}</option>
                  {LADDER.map(({ trede, name }) => (
                    <option key={trede} value={trede}>
                      {trede} — {name}
                    </option>
                  ))}
                </select>
              )}
            </Field>
            <Field label={nl.newCase.assessedAt} hint={nl.form.dateHint} error={errors.assessedAt}>
              {(control) => (
                <input
                  {...control}
                  inputMode="numeric"
                  autoComplete="off"
                  placeholder="dd-mm-jjjj"
                  value={values.assessedAt}
                  onChange={(event) => change('assessedAt')(event.target.value)}
                />
              )}
            </Field>
          </>
        )}
        {step === 'check' && (
          <dl className="facts">
            <div>
              <dt>{nl.newCase.clientNumber}</dt>
              <dd>{values.clientNumber}</dd>
            </div>
            <div>
              <dt>{nl.newCase.displayName}</dt>
              <dd>{values.displayName}</dd>
            </div>
            <div>
              <dt>{nl.caseFile.bsn}</dt>
              <dd>
                {values.bsn ? `*****${values.bsn.replace(/\s/g, '').slice(-4)}` : nl.caseFile.noBsn}
              </dd>
            </div>
            <div>
              <dt>{nl.newCase.team}</dt>
              <dd>{teamName}</dd>
            </div>
            {opdrachtgeverItems.length > 1 && (
              <div>
                <dt>{nl.newCase.opdrachtgever}</dt>
                <dd>{opdrachtgeverName}</dd>
              </div>
            )}
            <div>
              <dt>{nl.newCase.trede}</dt>
              <dd>{values.trede}</dd>
            </div>
            <div>
              <dt>{nl.newCase.assessedAt}</dt>
              <dd>{values.assessedAt}</dd>
            </div>
          </dl>
        )}
        <div className="button-row">
          {step !== 'client' && (
            <button
              type="button"
              className="button button--secondary"
              onClick={() => send({ type: 'BACK' })}
            >
              {nl.newCase.back}
            </button>
          )}
          <button type="submit" className="button" disabled={snapshot.matches('saving')}>
            {snapshot.matches('saving')
              ? nl.saving
              : step === 'check'
                ? nl.newCase.submit
                : nl.newCase.next}
          </button>
        </div>
      </form>
    </>
  );
}
