/**
 * The session, the one thing the whole app shares (createActorContext). A 401 from any request
 * moves it to `loggedOut` with reason `expired`; the app then shows the login on the same URL, so
 * logging in again returns to the page the user was on.
 */
import { createActorContext } from '@xstate/react';
import { assign, fromPromise, setup } from 'xstate';
import { api, ApiError } from './api';
import type { Team, User } from './api-types';

export type LoginProblem = 'invalid' | 'rateLimited' | 'unreachable' | 'failed';
export type LoggedOutReason = 'expired' | 'loggedOut' | null;

interface SessionContext {
  user: User | null;
  teams: Team[];
  problem: LoginProblem | null;
  reason: LoggedOutReason;
}

type SessionEvent =
  { type: 'LOGIN'; username: string; password: string } | { type: 'LOGOUT' } | { type: 'EXPIRED' };

async function loadTeams(): Promise<Team[]> {
  return (await api<{ items: Team[] }>('/teams')).items;
}

function problemOf(error: unknown): LoginProblem {
  if (!(error instanceof ApiError)) return 'failed';
  if (error.status === 401 || error.status === 400) return 'invalid';
  if (error.status === 429) return 'rateLimited';
  if (error.status === 0) return 'unreachable';
  return 'failed';
}

export const sessionMachine = setup({
  types: { context: {} as SessionContext, events: {} as SessionEvent },
  actors: {
    // In parallel: a deep link should cost one round trip before the page can load its data.
    restore: fromPromise(async () => {
      const [user, teams] = await Promise.all([api<User>('/me'), loadTeams()]);
      return { user, teams };
    }),
    login: fromPromise(async ({ input }: { input: { username: string; password: string } }) => {
      const { user } = await api<{ user: User }>('/auth/login', { method: 'POST', body: input });
      return { user, teams: await loadTeams() };
    }),
    logout: fromPromise(async () => {
      await api<void>('/auth/logout', { method: 'POST' }).catch(() => undefined);
    }),
  },
}).createMachine({
  id: 'session',
  context: { user: null, teams: [], problem: null, reason: null },
  initial: 'restoring',
  states: {
    restoring: {
      invoke: {
        src: 'restore',
        onDone: {
          target: 'loggedIn',
          actions: assign(({ event }) => ({ ...event.output, problem: null, reason: null })),
        },
        onError: 'loggedOut',
      },
    },
    loggedOut: {
      on: { LOGIN: 'loggingIn' },
    },
    loggingIn: {
      invoke: {
        src: 'login',
        input: ({ event }) => {
          const login = event as Extract<SessionEvent, { type: 'LOGIN' }>;
          return { username: login.username, password: login.password };
        },
        onDone: {
          target: 'loggedIn',
          actions: assign(({ event }) => ({ ...event.output, problem: null, reason: null })),
        },
        onError: {
          target: 'loggedOut',
          actions: assign({ problem: ({ event }) => problemOf(event.error) }),
        },
      },
    },
    loggedIn: {
      on: {
        LOGOUT: 'loggingOut',
        EXPIRED: {
          target: 'loggedOut',
          actions: assign({ user: null, teams: [], reason: 'expired', problem: null }),
        },
      },
    },
    loggingOut: {
      invoke: {
        src: 'logout',
        onDone: {
          target: 'loggedOut',
          actions: assign({ user: null, teams: [], reason: 'loggedOut', problem: null }),
        },
      },
    },
  },
});

export const SessionContext = createActorContext(sessionMachine);

/** The logged-in user; only rendered inside the logged-in part of the app. */
export function useUser(): User {
  const user = SessionContext.useSelector((snapshot) => snapshot.context.user);
  if (!user) throw new Error('useUser outside a logged-in page');
  return user;
}
