import { createActor, fromPromise, waitFor } from 'xstate';
import { DEFAULT_SETTINGS } from '../../../../machines';
import { ApiError } from '../../lib/api';
import type { CaseFile } from '../../lib/api-types';
import { caseFileWith, ontTrajectory } from '../../test/fixtures';
import { caseFileMachine, type Loaded, type Submission } from './case-file.machine';

const contact: Submission = {
  kind: 'event',
  trajectoryId: 'case-1-1',
  body: { type: 'RECORD_CONTACT', occurredAt: '2026-04-01', expectedVersion: 2, note: 'Gesprek' },
};

/** The machine with fake I/O: `files` are the case files the loads return, in order. */
function start(files: CaseFile[], submit: () => Promise<unknown>) {
  const loads: string[] = [];
  const actor = createActor(
    caseFileMachine.provide({
      actors: {
        load: fromPromise(async ({ input }: { input: { caseId: string } }) => {
          loads.push(input.caseId);
          const caseFile = files[Math.min(loads.length - 1, files.length - 1)]!;
          return { caseFile, settings: DEFAULT_SETTINGS };
        }),
        submit: fromPromise(submit) as never,
      },
    }),
    { input: { caseId: 'case-1' } },
  );
  actor.start();
  return { actor, loads };
}

type ViewingState = 'idle' | 'saved' | 'conflict' | 'invalid' | 'refused';
const settled = (actor: ReturnType<typeof start>['actor'], state: ViewingState) =>
  waitFor(actor, (snapshot) => snapshot.matches({ viewing: state }));

describe('the case-file machine', () => {
  const before = caseFileWith(ontTrajectory());
  const changed = caseFileWith(
    ontTrajectory([
      {
        event: { type: 'RECORD_CONTACT', note: 'Door een collega' },
        at: '2026-03-20T10:00:00.000Z',
      },
    ]),
  );

  it('loads, submits, reloads and says it saved', async () => {
    const { actor, loads } = start([before, changed], async () => ({}));
    await settled(actor, 'idle');
    actor.send({ type: 'SUBMIT', submission: contact });
    await settled(actor, 'saved');
    expect(loads).toHaveLength(2);
    expect(actor.getSnapshot().context.caseFile).toBe(changed);
  });

  it('on 409 reloads and lists what someone else changed', async () => {
    const { actor, loads } = start([before, changed], async () => {
      throw new ApiError(409, 'VERSION_CONFLICT', 'stale', { currentVersion: 3 });
    });
    await settled(actor, 'idle');
    actor.send({ type: 'SUBMIT', submission: contact });
    await settled(actor, 'conflict');
    expect(loads).toHaveLength(2);
    const { changes, caseFile } = actor.getSnapshot().context;
    expect(caseFile).toBe(changed);
    expect(changes).toEqual(['nieuw vastgelegd: Contact (20-03-2026)']);
  });

  it('on 400 puts a Dutch message on each field the server named', async () => {
    const { actor } = start([before], async () => {
      throw new ApiError(400, 'OCCURRED_BEFORE_PREVIOUS', 'before previous', [
        { field: 'occurredAt', message: 'occurredAt lies before the previous event' },
      ]);
    });
    await settled(actor, 'idle');
    actor.send({ type: 'SUBMIT', submission: contact });
    await settled(actor, 'invalid');
    expect(actor.getSnapshot().context.fieldErrors).toEqual({
      occurredAt: 'De datum ligt vóór de vorige gebeurtenis of meting.',
    });

    const other = start([before], async () => {
      throw new ApiError(400, 'VALIDATION_FAILED', 'Invalid body', [
        { field: 'note', message: 'Too big' },
      ]);
    });
    await settled(other.actor, 'idle');
    other.actor.send({ type: 'SUBMIT', submission: contact });
    await settled(other.actor, 'invalid');
    expect(other.actor.getSnapshot().context.fieldErrors).toEqual({
      note: 'De server keurt dit veld af: Too big',
    });
  });

  it('on 422 keeps the refusal and what is allowed now, for the explanation', async () => {
    const { actor, loads } = start([before], async () => {
      throw new ApiError(422, 'EVENT_NOT_ALLOWED', 'not now', {
        allowedEvents: ['RESUME', 'CLOSE'],
      });
    });
    await settled(actor, 'idle');
    actor.send({ type: 'SUBMIT', submission: contact });
    await settled(actor, 'refused');
    expect(actor.getSnapshot().context.refusal).toEqual({
      code: 'EVENT_NOT_ALLOWED',
      allowedEvents: ['RESUME', 'CLOSE'],
    });
    expect(loads).toHaveLength(1); // nothing changed on the server, nothing to reload
    actor.send({ type: 'DISMISS' });
    expect(actor.getSnapshot().matches({ viewing: 'idle' })).toBe(true);
    expect(actor.getSnapshot().context.refusal).toBeNull();
  });

  it('tells a missing case (404) from a failed load', async () => {
    const actor = createActor(
      caseFileMachine.provide({
        actors: {
          load: fromPromise<Loaded, { caseId: string }>(async () => {
            throw new ApiError(404, 'NOT_FOUND', 'no', null);
          }),
        },
      }),
      { input: { caseId: 'nope' } },
    ).start();
    await waitFor(actor, (snapshot) => snapshot.matches('loadFailed'));
    expect(actor.getSnapshot().context.loadError).toBe('notFound');
  });
});
