/**
 * Registering a case in three steps (cliënt → intake → controleren) as a machine, so "saving",
 * "refused on a field" and "failed" are states; a 400 or 409 goes back to the step of its field.
 */
import { assign, fromPromise, setup } from 'xstate';
import { api, ApiError } from '../../lib/api';
import type { CaseFile, CreateCaseBody } from '../../lib/api-types';
import { nl } from '../../i18n/nl';

export interface NewCaseValues {
  clientNumber: string;
  displayName: string;
  bsn: string;
  teamId: string;
  /** Empty: the organisation's default opdrachtgever (SPEC §4.1). */
  opdrachtgeverId: string;
  trede: string;
  assessedAt: string;
}

type Step = 'client' | 'intake' | 'check';
const STEP_OF_FIELD: Record<string, Step> = {
  clientNumber: 'client',
  displayName: 'client',
  bsn: 'client',
  teamId: 'intake',
  opdrachtgeverId: 'intake',
  trede: 'intake',
  assessedAt: 'intake',
  begeleiderId: 'intake',
};

interface Context {
  values: NewCaseValues;
  errors: Record<string, string>;
  createdId: string | null;
  failure: string | null;
}

type Event =
  | { type: 'CHANGE'; field: keyof NewCaseValues; value: string }
  | { type: 'NEXT'; errors: Record<string, string> }
  | { type: 'BACK' }
  | { type: 'SUBMIT'; body: CreateCaseBody };

const firstStepWithError = (errors: Record<string, string>): Step =>
  Object.keys(errors).some((field) => (STEP_OF_FIELD[field] ?? 'client') === 'client')
    ? 'client'
    : 'intake';

export const newCaseMachine = setup({
  types: {
    context: {} as Context,
    events: {} as Event,
    input: {} as { values: NewCaseValues },
  },
  actors: {
    create: fromPromise(({ input }: { input: CreateCaseBody }) =>
      api<CaseFile>('/cases', { method: 'POST', body: input }),
    ),
  },
  guards: { valid: ({ event }) => event.type === 'NEXT' && Object.keys(event.errors).length === 0 },
  actions: {
    change: assign(({ context, event }) =>
      event.type === 'CHANGE'
        ? {
            values: { ...context.values, [event.field]: event.value },
            errors: Object.fromEntries(
              Object.entries(context.errors).filter(([field]) => field !== event.field),
            ),
          }
        : {},
    ),
    showErrors: assign({ errors: ({ event }) => (event.type === 'NEXT' ? event.errors : {}) }),
  },
}).createMachine({
  id: 'newCase',
  context: ({ input }) => ({ values: input.values, errors: {}, createdId: null, failure: null }),
  initial: 'client',
  on: { CHANGE: { actions: 'change' } },
  states: {
    client: {
      on: {
        NEXT: [
          { guard: 'valid', target: 'intake', actions: 'showErrors' },
          { actions: 'showErrors' },
        ],
      },
    },
    intake: {
      on: {
        BACK: 'client',
        NEXT: [
          { guard: 'valid', target: 'check', actions: 'showErrors' },
          { actions: 'showErrors' },
        ],
      },
    },
    check: {
      on: { BACK: 'intake', SUBMIT: 'saving' },
    },
    saving: {
      entry: assign({ failure: null }),
      invoke: {
        src: 'create',
        input: ({ event }) => (event as Extract<Event, { type: 'SUBMIT' }>).body,
        onDone: { target: 'done', actions: assign({ createdId: ({ event }) => event.output.id }) },
        onError: [
          {
            guard: ({ event }) => event.error instanceof ApiError && event.error.status === 409,
            target: 'client',
            actions: assign({ errors: { clientNumber: nl.newCase.exists } }),
          },
          {
            guard: ({ event }) =>
              event.error instanceof ApiError &&
              event.error.status === 400 &&
              firstStepWithError(event.error.fieldErrors()) === 'client',
            target: 'client',
            actions: assign({ errors: ({ event }) => serverErrors(event.error as ApiError) }),
          },
          {
            guard: ({ event }) => event.error instanceof ApiError && event.error.status === 400,
            target: 'intake',
            actions: assign({ errors: ({ event }) => serverErrors(event.error as ApiError) }),
          },
          { target: 'check', actions: assign({ failure: nl.genericError }) },
        ],
      },
    },
    done: { type: 'final' },
  },
});

function serverErrors(error: ApiError): Record<string, string> {
  const result: Record<string, string> = {};
  for (const [field, message] of Object.entries(error.fieldErrors()))
    result[field] = field === 'bsn' ? nl.newCase.bsnInvalid : `${nl.form.serverField}: ${message}`;
  return result;
}
