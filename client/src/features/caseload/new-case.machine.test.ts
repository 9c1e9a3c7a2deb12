import { createActor, fromPromise, waitFor } from 'xstate';
import { ApiError } from '../../lib/api';
import { clientStepErrors, intakeStepErrors } from './new-case-rules';
import { newCaseMachine, type NewCaseValues } from './new-case.machine';

const values: NewCaseValues = {
  clientNumber: 'K-1',
  displayName: 'Fictief, Nieuw',
  bsn: '111222333',
  teamId: 't-1',
  opdrachtgeverId: '',
  trede: '2',
  assessedAt: '01-06-2026',
};
const now = new Date('2026-06-10T10:00:00.000Z');

function start(create: () => Promise<{ id: string }>) {
  return createActor(newCaseMachine.provide({ actors: { create: fromPromise(create) as never } }), {
    input: { values },
  }).start();
}

describe('new case: the rules of each step', () => {
  it('checks the BSN with the elfproef and the client number and name', () => {
    expect(clientStepErrors(values)).toEqual({});
    expect(clientStepErrors({ ...values, bsn: '' })).toEqual({});
    expect(clientStepErrors({ ...values, bsn: '111222334' }).bsn).toBe(
      'Dit BSN klopt niet: het moet uit 9 cijfers bestaan en de elfproef doorstaan.',
    );
    expect(clientStepErrors({ ...values, clientNumber: 'K 1', displayName: ' ' })).toEqual({
      clientNumber: 'Gebruik alleen letters, cijfers, punt, liggend streepje of koppelteken.',
      displayName: 'Dit veld is verplicht.',
    });
    expect(intakeStepErrors({ ...values, trede: '', assessedAt: '11-06-2026' }, now)).toEqual({
      trede: 'Dit veld is verplicht.',
      assessedAt: 'De datum mag niet in de toekomst liggen.',
    });
  });
});

describe('the new-case machine', () => {
  it('goes client → intake → check → saving → done, and not on with errors', async () => {
    const actor = start(async () => ({ id: 'new-id' }));
    actor.send({ type: 'NEXT', errors: { bsn: 'x' } });
    expect(actor.getSnapshot().value).toBe('client');
    expect(actor.getSnapshot().context.errors).toEqual({ bsn: 'x' });
    actor.send({ type: 'CHANGE', field: 'bsn', value: '' });
    expect(actor.getSnapshot().context.errors).toEqual({});
    actor.send({ type: 'NEXT', errors: {} });
    actor.send({ type: 'NEXT', errors: {} });
    expect(actor.getSnapshot().value).toBe('check');
    actor.send({ type: 'SUBMIT', body: {} as never });
    await waitFor(actor, (snapshot) => snapshot.status === 'done');
    expect(actor.getSnapshot().context.createdId).toBe('new-id');
  });

  it('returns to the step of the field the server refused', async () => {
    const refuse = (error: ApiError) => {
      const actor = start(async () => {
        throw error;
      });
      actor.send({ type: 'NEXT', errors: {} });
      actor.send({ type: 'NEXT', errors: {} });
      actor.send({ type: 'SUBMIT', body: {} as never });
      return actor;
    };
    const taken = refuse(new ApiError(409, 'CONFLICT', 'exists', null));
    await waitFor(taken, (snapshot) => snapshot.matches('client'));
    expect(taken.getSnapshot().context.errors).toEqual({
      clientNumber: 'Dit cliëntnummer bestaat al in de organisatie.',
    });

    const badTeam = refuse(
      new ApiError(400, 'VALIDATION_FAILED', 'bad', [
        { field: 'teamId', message: 'must be an id' },
      ]),
    );
    await waitFor(badTeam, (snapshot) => snapshot.matches('intake'));
    expect(badTeam.getSnapshot().context.errors.teamId).toContain('must be an id');
  });
});
