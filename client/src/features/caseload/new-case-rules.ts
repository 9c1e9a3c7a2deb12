import { passesElfproef } from '../../lib/bsn';
import { localIsoDate, parseDutchDate } from '../../lib/dates';
import { nl } from '../../i18n/nl';
import type { NewCaseValues } from './new-case.machine';

/** Dutch messages for the client step. */
export function clientStepErrors(values: NewCaseValues): Record<string, string> {
  const errors: Record<string, string> = {};
  const number = values.clientNumber.trim();
  if (!number) errors.clientNumber = nl.form.required;
  else if (!/^[A-Za-z0-9._-]{1,40}$/.test(number))
    errors.clientNumber = nl.newCase.clientNumberInvalid;
  if (!values.displayName.trim()) errors.displayName = nl.form.required;
  else if (values.displayName.trim().length > 120) errors.displayName = nl.form.tooLong(120);
  const bsn = values.bsn.replace(/\s/g, '');
  if (bsn && !passesElfproef(bsn)) errors.bsn = nl.newCase.bsnInvalid;
  return errors;
}

/** Dutch messages for the intake step. */
export function intakeStepErrors(values: NewCaseValues, now: Date): Record<string, string> {
  const errors: Record<string, string> = {};
  if (!values.teamId) errors.teamId = nl.form.required;
  if (!values.trede) errors.trede = nl.form.required;
  const assessedAt = parseDutchDate(values.assessedAt);
  if (!assessedAt) errors.assessedAt = nl.form.dateInvalid;
  else if (assessedAt > localIsoDate(now)) errors.assessedAt = nl.form.dateFuture;
  return errors;
}
