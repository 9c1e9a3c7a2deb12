import { useState, type FormEvent } from 'react';
import { offeredProducts, type OrganisationSettings, type Trede } from '../../../../machines';
import { Field } from '../../components/Field';
import type { CreateTrajectoryBody } from '../../lib/api-types';
import { occurredAtFor, parseDutchDate, todayDutch } from '../../lib/dates';
import { nl } from '../../i18n/nl';
import { validate } from './action-fields';
import { productName } from './case-file-text';

/** A new trajectory, offering only the products the current trede and the catalogue allow. */
export function StartTrajectoryForm(props: {
  currentTrede: Trede;
  settings: OrganisationSettings;
  notBefore: string | null;
  now: Date;
  serverErrors: Record<string, string>;
  busy: boolean;
  onSubmit(body: CreateTrajectoryBody): void;
}) {
  const offers = offeredProducts(props.settings, props.currentTrede);
  const [product, setProduct] = useState(offers[0]?.product ?? '');
  const [date, setDate] = useState(todayDutch(props.now));
  const [errors, setErrors] = useState<Record<string, string>>({});
  if (offers.length === 0) return <p>{nl.startTrajectory.none}</p>;

  function submit(event: FormEvent) {
    event.preventDefault();
    const problems = validate(
      'START',
      { occurredAt: date },
      { now: props.now, notBefore: props.notBefore },
    );
    const offer = offers.find((candidate) => candidate.product === product);
    const all = {
      ...(problems.occurredAt ? { registeredAt: problems.occurredAt } : {}),
      ...(offer ? {} : { product: nl.form.required }),
    };
    setErrors(all);
    if (!offer || Object.keys(all).length > 0) return;
    props.onSubmit({
      product: offer.product,
      ...(offer.targetTrede ? { targetTrede: offer.targetTrede } : {}),
      registeredAt: occurredAtFor(parseDutchDate(date) ?? '', props.now),
    });
  }

  const shown = { ...props.serverErrors, ...errors };
  return (
    <form className="action-form" onSubmit={submit} noValidate aria-labelledby="start-trajectory">
      <h3 id="start-trajectory">{nl.startTrajectory.title}</h3>
      <fieldset className={shown.product ? 'field field--invalid' : 'field'}>
        <legend>{nl.startTrajectory.product}</legend>
        {shown.product && <p className="field__error">{shown.product}</p>}
        {offers.map((offer) => (
          <label key={offer.product}>
            <input
              type="radio"
              name="product"
              value={offer.product}
              checked={product === offer.product}
              onChange={() => setProduct(offer.product)}
            />{' '}
            {productName(offer.product)}
            {offer.targetTrede && ` (${nl.startTrajectory.target(offer.targetTrede as Trede)})`}
          </label>
        ))}
      </fieldset>
      <Field
        label={nl.startTrajectory.registeredAt}
        hint={nl.form.dateHint}
        error={shown.registeredAt}
      >
        {(control) => (
          <input
            {...control}
            inputMode="numeric"
            autoComplete="off"
            placeholder="dd-mm-jjjj"
            name="registeredAt"
            value={date}
            onChange={(event) => setDate(event.target.value)}
          />
        )}
      </Field>
      <button type="submit" className="button" disabled={props.busy}>
        {props.busy ? nl.saving : nl.startTrajectory.submit}
      </button>
    </form>
  );
}
