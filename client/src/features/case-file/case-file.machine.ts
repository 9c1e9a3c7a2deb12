/**
 * The case file's cycle as explicit states: load → view → submit → (saved → reload) or
 * (409 → reload and say what changed) or (400 → messages on fields) or (422 → explanation).
 * I/O is supplied as actors, so tests run it without a browser or a server.
 */
import { assign, fromPromise, setup } from 'xstate';
import type { OrganisationSettings } from '../../../../machines';
import { api, ApiError } from '../../lib/api';
import type {
  CaseFile,
  CreateTrajectoryBody,
  EventBody,
  SettingsView,
  Trajectory,
} from '../../lib/api-types';
import { nl } from '../../i18n/nl';
import { describeChanges } from './conflict-changes';

export type Submission =
  | { kind: 'event'; trajectoryId: string; body: EventBody }
  | { kind: 'startTrajectory'; body: CreateTrajectoryBody }
  | { kind: 'moveOpdrachtgever'; body: { opdrachtgeverId: string; expectedVersion: number } };

export interface Loaded {
  caseFile: CaseFile;
  settings: OrganisationSettings;
}

export interface Refusal {
  code: string;
  allowedEvents: string[];
}

interface Context {
  caseId: string;
  caseFile: CaseFile | null;
  settings: OrganisationSettings | null;
  loadError: 'notFound' | 'failed' | null;
  fieldErrors: Record<string, string>;
  refusal: Refusal | null;
  changes: string[];
  saved: boolean;
  submitError: string | null;
}

type Event = { type: 'SUBMIT'; submission: Submission } | { type: 'DISMISS' } | { type: 'RETRY' };

/** A server 400 as Dutch messages per field: the date codes get their own text. */
export function fieldMessages(error: ApiError): Record<string, string> {
  const messages: Record<string, string> = {};
  for (const [field, message] of Object.entries(error.fieldErrors()))
    messages[field] = nl.serverCodes[error.code] ?? `${nl.form.serverField}: ${message}`;
  return messages;
}

const defaultLoad = async ({ input }: { input: { caseId: string } }): Promise<Loaded> => {
  const [caseFile, settings] = await Promise.all([
    api<CaseFile>(`/cases/${encodeURIComponent(input.caseId)}`),
    api<SettingsView>('/settings'),
  ]);
  return { caseFile, settings: settings.settings };
};

const defaultSubmit = async ({ input }: { input: { caseId: string; submission: Submission } }) => {
  const { caseId, submission } = input;
  // One key per attempt: a retry of the same request after a lost answer changes nothing twice.
  const headers = { 'Idempotency-Key': crypto.randomUUID() };
  if (submission.kind === 'event')
    return api<Trajectory>(`/trajectories/${encodeURIComponent(submission.trajectoryId)}/events`, {
      method: 'POST',
      body: submission.body,
      headers,
    });
  if (submission.kind === 'moveOpdrachtgever')
    return api<CaseFile>(`/cases/${encodeURIComponent(caseId)}`, {
      method: 'PATCH',
      body: submission.body,
    });
  return api<Trajectory>(`/cases/${encodeURIComponent(caseId)}/trajectories`, {
    method: 'POST',
    body: submission.body,
  });
};

const isStatus =
  (status: number) =>
  ({ event }: { event: { error: unknown } }) =>
    event.error instanceof ApiError && event.error.status === status;

export const caseFileMachine = setup({
  types: {
    context: {} as Context,
    events: {} as Event,
    input: {} as { caseId: string },
  },
  actors: {
    load: fromPromise(defaultLoad),
    submit: fromPromise(defaultSubmit),
  },
  actions: {
    clearOutcome: assign({
      fieldErrors: {},
      refusal: null,
      changes: [],
      saved: false,
      submitError: null,
    }),
  },
}).createMachine({
  id: 'caseFile',
  context: ({ input }) => ({
    caseId: input.caseId,
    caseFile: null,
    settings: null,
    loadError: null,
    fieldErrors: {},
    refusal: null,
    changes: [],
    saved: false,
    submitError: null,
  }),
  initial: 'loading',
  states: {
    loading: {
      invoke: {
        src: 'load',
        input: ({ context }) => ({ caseId: context.caseId }),
        onDone: {
          target: 'viewing',
          actions: assign(({ event }) => ({ ...event.output, loadError: null })),
        },
        onError: {
          target: 'loadFailed',
          actions: assign({
            loadError: ({ event }) =>
              event.error instanceof ApiError && event.error.status === 404 ? 'notFound' : 'failed',
          }),
        },
      },
    },
    loadFailed: { on: { RETRY: 'loading' } },
    viewing: {
      initial: 'idle',
      on: {
        SUBMIT: { target: '.submitting', actions: 'clearOutcome' },
        DISMISS: { target: '.idle', actions: 'clearOutcome' },
      },
      states: {
        idle: {},
        submitting: {
          invoke: {
            src: 'submit',
            input: ({ context, event }) => ({
              caseId: context.caseId,
              submission: (event as Extract<Event, { type: 'SUBMIT' }>).submission,
            }),
            onDone: { target: 'reloading', actions: assign({ saved: true }) },
            onError: [
              { guard: isStatus(409), target: 'reloadingAfterConflict' },
              {
                guard: isStatus(400),
                target: 'invalid',
                actions: assign({
                  fieldErrors: ({ event }) => fieldMessages(event.error as ApiError),
                }),
              },
              {
                guard: ({ event }) =>
                  event.error instanceof ApiError &&
                  (event.error.status === 422 || event.error.status === 403),
                target: 'refused',
                actions: assign({
                  refusal: ({ event }) => {
                    const error = event.error as ApiError;
                    return {
                      code: error.status === 403 ? 'FORBIDDEN' : error.code,
                      allowedEvents: error.allowedEvents(),
                    };
                  },
                }),
              },
              {
                target: 'failed',
                actions: assign({
                  submitError: ({ event }) =>
                    event.error instanceof ApiError && event.error.status === 0
                      ? nl.serverUnreachable
                      : nl.genericError,
                }),
              },
            ],
          },
        },
        reloading: {
          invoke: {
            src: 'load',
            input: ({ context }) => ({ caseId: context.caseId }),
            onDone: { target: 'saved', actions: assign(({ event }) => ({ ...event.output })) },
            onError: { target: 'failed', actions: assign({ submitError: nl.caseFile.loadFailed }) },
          },
        },
        reloadingAfterConflict: {
          invoke: {
            src: 'load',
            input: ({ context }) => ({ caseId: context.caseId }),
            onDone: {
              target: 'conflict',
              actions: assign(({ context, event }) => ({
                ...event.output,
                changes: describeChanges(context.caseFile, event.output.caseFile),
              })),
            },
            onError: { target: 'failed', actions: assign({ submitError: nl.caseFile.loadFailed }) },
          },
        },
        saved: {},
        conflict: {},
        invalid: {},
        refused: {},
        failed: {},
      },
    },
  },
});

export type CaseFileState =
  | 'loading'
  | 'loadFailed'
  | 'idle'
  | 'submitting'
  | 'reloading'
  | 'reloadingAfterConflict'
  | 'saved'
  | 'conflict'
  | 'invalid'
  | 'refused'
  | 'failed';
