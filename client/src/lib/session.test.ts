import { createActor, waitFor } from 'xstate';
import { api, onUnauthenticated } from './api';
import { sessionMachine } from './session';

const user = {
  id: 'u1',
  orgId: 'o1',
  username: 'b',
  displayName: 'B',
  role: 'begeleider',
  teamIds: ['t1'],
};
type Answer = { status: number; body?: unknown };

/** fetch answering by path, recording the calls. */
function fakeFetch(answers: Record<string, Answer[]>) {
  const calls: string[] = [];
  jest.spyOn(globalThis, 'fetch').mockImplementation(async (input) => {
    const path = String(input).replace('/api/v1', '');
    calls.push(path);
    const answer = answers[path]?.shift() ?? { status: 500 };
    return new Response(answer.body === undefined ? null : JSON.stringify(answer.body), {
      status: answer.status,
      headers: { 'Content-Type': 'application/json' },
    });
  });
  return calls;
}

afterEach(() => jest.restoreAllMocks());

describe('the session machine', () => {
  const unauthenticated = {
    status: 401,
    body: { error: { code: 'UNAUTHENTICATED', message: 'no' } },
  };

  it('logs in after a wrong password and a rate limit, each with its own problem', async () => {
    fakeFetch({
      '/me': [unauthenticated],
      '/auth/login': [
        unauthenticated,
        { status: 429, body: { error: { code: 'TOO_MANY_ATTEMPTS', message: 'wait' } } },
        { status: 200, body: { token: 't', user } },
      ],
      '/teams': [
        unauthenticated,
        { status: 200, body: { items: [{ id: 't1', name: 'Team Noord' }] } },
      ],
    });
    const actor = createActor(sessionMachine).start();
    await waitFor(actor, (s) => s.matches('loggedOut'));
    actor.send({ type: 'LOGIN', username: 'b', password: 'x' });
    await waitFor(actor, (s) => s.matches('loggedOut') && s.context.problem !== null);
    expect(actor.getSnapshot().context.problem).toBe('invalid');
    actor.send({ type: 'LOGIN', username: 'b', password: 'x' });
    await waitFor(actor, (s) => s.matches('loggedOut') && s.context.problem === 'rateLimited');
    actor.send({ type: 'LOGIN', username: 'b', password: 'y' });
    await waitFor(actor, (s) => s.matches('loggedIn'));
    expect(actor.getSnapshot().context).toMatchObject({
      user,
      teams: [{ name: 'Team Noord' }],
      problem: null,
    });
  });

  it('ends on any 401 of another request: the listeners hear it, the session says "expired"', async () => {
    fakeFetch({
      '/me': [{ status: 200, body: user }],
      '/teams': [{ status: 200, body: { items: [] } }],
      '/cases/x': [unauthenticated],
    });
    const actor = createActor(sessionMachine).start();
    const stop = onUnauthenticated(() => actor.send({ type: 'EXPIRED' }));
    await waitFor(actor, (s) => s.matches('loggedIn'));
    await expect(api('/cases/x')).rejects.toMatchObject({ status: 401, code: 'UNAUTHENTICATED' });
    expect(actor.getSnapshot().matches('loggedOut')).toBe(true);
    expect(actor.getSnapshot().context).toMatchObject({ user: null, reason: 'expired' });
    stop();
  });
});
