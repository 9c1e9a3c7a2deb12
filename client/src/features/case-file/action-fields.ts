/**
 * The form of each event type (SPEC §2.3 payloads) and its Dutch validation. The server checks
 * everything again; these rules only spare the user a round trip.
 */
import {
  CLOSE_OUTCOMES,
  HERONTDEKKEN_ROUTES,
  LADDER,
  REVIEW_DECISIONS,
  type ClientEventType,
} from '../../../../machines';
import type { EventBody } from '../../lib/api-types';
import {
  formatDate,
  localIsoDate,
  occurredAtFor,
  parseDutchDate,
  todayDutch,
} from '../../lib/dates';
import { nl } from '../../i18n/nl';

export type FieldKind = 'text' | 'textarea' | 'number' | 'select';

export interface FieldSpec {
  name: string;
  label: string;
  kind: FieldKind;
  required: boolean;
  options?: Array<{ value: string; label: string }>;
  max?: number;
}

const tredeOptions = LADDER.map(({ trede, name }) => ({
  value: String(trede),
  label: `${trede} — ${name}`,
}));
const note = (required: boolean): FieldSpec => ({
  name: 'note',
  label: required ? nl.form.note : nl.form.noteOptional,
  kind: 'textarea',
  required,
  max: 2000,
});
const reason: FieldSpec = {
  name: 'reason',
  label: nl.form.reason,
  kind: 'textarea',
  required: true,
  max: 500,
};

export const FIELDS: Record<ClientEventType, FieldSpec[]> = {
  START: [],
  RESUME: [],
  NEXT_STEP: [],
  RECORD_CONTACT: [
    note(true),
    { name: 'minutes', label: nl.form.minutes, kind: 'number', required: false },
  ],
  ASSESS_TREDE: [
    { name: 'trede', label: nl.form.trede, kind: 'select', required: true, options: tredeOptions },
    note(false),
  ],
  EXTEND: [
    {
      name: 'months',
      label: nl.form.months,
      kind: 'select',
      required: true,
      options: [1, 2, 3].map((months) => ({
        value: String(months),
        label: nl.deadline.extensionMonths(months),
      })),
    },
    reason,
  ],
  REVIEW: [
    {
      name: 'decision',
      label: nl.form.decision,
      kind: 'select',
      required: true,
      options: REVIEW_DECISIONS.map((value) => ({ value, label: nl.reviewDecisions[value] })),
    },
    {
      // SPEC §2.3: a review that closes needs an outcome; Stabiel never closes as goalReached.
      name: 'outcome',
      label: nl.form.reviewOutcome,
      kind: 'select',
      required: false,
      options: CLOSE_OUTCOMES.filter((value) => value !== 'goalReached').map((value) => ({
        value,
        label: nl.outcomes[value],
      })),
    },
    note(false),
  ],
  CONCLUDE: [
    {
      name: 'trede',
      label: nl.form.concludedTrede,
      kind: 'select',
      required: true,
      options: tredeOptions,
    },
    {
      name: 'route',
      label: nl.form.route,
      kind: 'select',
      required: true,
      options: HERONTDEKKEN_ROUTES.map((value) => ({ value, label: nl.routes[value] })),
    },
    note(false),
  ],
  SUSPEND: [reason],
  DROP_OUT: [reason],
  REASSIGN: [{ name: 'begeleiderId', label: nl.form.begeleiderId, kind: 'text', required: true }],
  CLOSE: [
    {
      name: 'outcome',
      label: nl.form.outcome,
      kind: 'select',
      required: true,
      options: CLOSE_OUTCOMES.map((value) => ({ value, label: nl.outcomes[value] })),
    },
    note(false),
  ],
};

export type FormValues = Record<string, string>;

export function initialValues(type: ClientEventType, now: Date): FormValues {
  const values: FormValues = { occurredAt: todayDutch(now) };
  for (const field of FIELDS[type]) values[field.name] = '';
  return values;
}

/** Dutch messages per field; empty when the form may be sent. */
export function validate(
  type: ClientEventType,
  values: FormValues,
  limits: { now: Date; notBefore: string | null },
): Record<string, string> {
  const errors: Record<string, string> = {};
  const date = parseDutchDate(values.occurredAt ?? '');
  if (!date) errors.occurredAt = nl.form.dateInvalid;
  else if (date > localIsoDate(limits.now)) errors.occurredAt = nl.form.dateFuture;
  else if (limits.notBefore && date < localIsoDate(new Date(limits.notBefore)))
    errors.occurredAt = nl.form.dateBeforePrevious(formatDate(limits.notBefore));
  for (const field of FIELDS[type]) {
    const value = (values[field.name] ?? '').trim();
    if (field.required && !value) errors[field.name] = nl.form.required;
    else if (field.max && value.length > field.max) errors[field.name] = nl.form.tooLong(field.max);
    else if (
      field.name === 'minutes' &&
      value &&
      !(/^\d+$/.test(value) && Number(value) >= 1 && Number(value) <= 600)
    )
      errors.minutes = nl.form.minutesRange;
    else if (field.name === 'begeleiderId' && value && !/^[0-9a-f]{24}$/i.test(value))
      errors.begeleiderId = nl.form.idInvalid;
  }
  if (type === 'REVIEW' && values.decision === 'close' && !(values.outcome ?? '').trim())
    errors.outcome = nl.form.required;
  return errors;
}

/** The request body the server's event schema expects. */
export function toBody(
  type: ClientEventType,
  values: FormValues,
  context: { now: Date; expectedVersion: number },
): EventBody {
  const body: Record<string, unknown> = {
    type,
    occurredAt: occurredAtFor(parseDutchDate(values.occurredAt ?? '') ?? '', context.now),
    expectedVersion: context.expectedVersion,
  };
  for (const field of FIELDS[type]) {
    const value = (values[field.name] ?? '').trim();
    if (!value) continue;
    body[field.name] = ['trede', 'months', 'minutes'].includes(field.name) ? Number(value) : value;
  }
  return body as EventBody;
}
