import { useState, type FormEvent } from 'react';
import type { ClientEventType, ProductSettings } from '../../../../machines';
import { Field } from '../../components/Field';
import { Notice } from '../../components/Notice';
import type { EventBody } from '../../lib/api-types';
import { nl } from '../../i18n/nl';
import { FIELDS, initialValues, toBody, validate, type FormValues } from './action-fields';
import { followUpOptions } from './follow-up-options';

export interface ActionFormProps {
  type: ClientEventType;
  expectedVersion: number;
  /** The previous user event: an event may not be dated before it (SPEC §2.3). */
  notBefore: string | null;
  now: Date;
  /** The server's 400 messages, by field name. */
  serverErrors: Record<string, string>;
  busy: boolean;
  onSubmit(body: EventBody): void;
  onCancel(): void;
  /** CONCLUDE: the case's catalogue (its opdrachtgever's), to offer a choice of follow-up. */
  followUpCatalogue?: readonly ProductSettings[];
}

/** One event's small form: a date (today by default, earlier allowed) and its payload fields. */
export function ActionForm(props: ActionFormProps) {
  const [values, setValues] = useState<FormValues>(() => initialValues(props.type, props.now));
  const [errors, setErrors] = useState<Record<string, string>>({});
  const shown = { ...props.serverErrors, ...errors };
  const known = new Set(['occurredAt', ...FIELDS[props.type].map((field) => field.name)]);
  const followUp =
    props.type === 'CONCLUDE' && props.followUpCatalogue
      ? followUpOptions(props.followUpCatalogue, Number(values.trede), values.route ?? '')
      : { options: [], builtIn: null };
  // Only a real choice is asked: with one product (or none) the server's default is the answer.
  const choosingFollowUp = followUp.options.length > 1;
  if (choosingFollowUp) known.add('followUpProduct');
  const unplaced = Object.entries(props.serverErrors).filter(([field]) => !known.has(field));

  function submit(event: FormEvent) {
    event.preventDefault();
    const problems = validate(props.type, values, { now: props.now, notBefore: props.notBefore });
    const product = values.followUpProduct ?? '';
    const offered = followUp.options.some((option) => option.code === product);
    if (choosingFollowUp && !offered && !followUp.builtIn)
      problems.followUpProduct = nl.form.required;
    setErrors(problems);
    if (Object.keys(problems).length > 0) return;
    const body = toBody(props.type, values, {
      now: props.now,
      expectedVersion: props.expectedVersion,
    });
    // Only CONCLUDE can get here with a choice (followUp is empty for every other type).
    props.onSubmit(
      choosingFollowUp && offered ? ({ ...body, followUpProduct: product } as EventBody) : body,
    );
  }

  const set = (name: string) => (value: string) => {
    setValues((current) => ({ ...current, [name]: value }));
    setErrors(({ [name]: _removed, ...rest }) => rest);
  };

  return (
    <form
      className="action-form"
      onSubmit={submit}
      noValidate
      aria-labelledby={`form-${props.type}`}
    >
      <h3 id={`form-${props.type}`}>{nl.events[props.type]}</h3>
      {Object.keys(shown).length > 0 && <Notice kind="error">{nl.form.fieldErrorsSummary}</Notice>}
      {unplaced.map(([field, message]) => (
        <Notice kind="error" key={field}>
          {field}: {message}
        </Notice>
      ))}
      <Field label={nl.form.date} hint={nl.form.dateHint} error={shown.occurredAt}>
        {(control) => (
          <input
            {...control}
            inputMode="numeric"
            autoComplete="off"
            placeholder="dd-mm-jjjj"
            name="occurredAt"
            value={values.occurredAt}
            onChange={(event) => set('occurredAt')(event.target.value)}
          />
        )}
      </Field>
      {FIELDS[props.type].map((field) => (
        <Field key={field.name} label={field.label} error={shown[field.name]}>
          {(control) =>
            field.kind === 'select' ? (
              <select
                {...control}
                name={field.name}
                value={values[field.name]}
                onChange={(event) => set(field.name)(event.target.value)}
              >
                <option value="">{nl.form.choose}</option>
                {field.options?.map((option) => (
                  <option key={option.value} value={option.value}>
                    {option.label}
                  </option>
                ))}
              </select>
            ) : field.kind === 'textarea' ? (
              <textarea
                {...control}
                name={field.name}
                value={values[field.name]}
                onChange={(event) => set(field.name)(event.target.value)}
              />
            ) : (
              <input
                {...control}
                name={field.name}
                inputMode={field.kind === 'number' ? 'numeric' : undefined}
                value={values[field.name]}
                onChange={(event) => set(field.name)(event.target.value)}
              />
            )
          }
        </Field>
      ))}
      {choosingFollowUp && (
        <Field
          label={nl.form.followUpProduct}
          hint={nl.form.followUpHint}
          error={shown.followUpProduct}
        >
          {(control) => (
            <select
              {...control}
              name="followUpProduct"
              value={
                followUp.options.some((option) => option.code === values.followUpProduct)
                  ? values.followUpProduct
                  : ''
              }
              onChange={(event) => set('followUpProduct')(event.target.value)}
            >
              <option value="">
                {followUp.builtIn
                  ? nl.form.followUpDefault(
                      followUp.options.find((option) => option.code === followUp.builtIn)!.name,
                    )
                  : nl.form.choose}
              </option>
              {followUp.options
                .filter((option) => option.code !== followUp.builtIn)
                .map((option) => (
                  <option key={option.code} value={option.code}>
                    {option.name} ({option.code})
                  </option>
                ))}
            </select>
          )}
        </Field>
      )}
      <div className="button-row">
        <button type="submit" className="button" disabled={props.busy}>
          {props.busy ? nl.saving : nl.form.save}
        </button>
        <button type="button" className="button button--secondary" onClick={props.onCancel}>
          {nl.form.cancel}
        </button>
      </div>
    </form>
  );
}
