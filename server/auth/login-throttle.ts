import type { AppContext } from '../app-context';
import { AppError } from '../errors';
import { addToCounter } from './login-attempts.repository';
import { hashUsername } from '../audit/security-events';

/**
 * Login limits (SPEC §6, hole 1), per fixed 15-minute window:
 * - 10 attempts per client address and username (guessing one account's password);
 * - 30 attempts per client address whatever the username (password spraying).
 * The address is the socket's unless TREDE_TRUST_PROXY names the proxy in front. An attempt is
 * counted before the password is checked, so parallel guesses cannot slip past the limit, and taken
 * back when the login succeeds. Counters live in the database, so all instances share them.
 */
export const LOGIN_WINDOW_MS = 15 * 60 * 1000;
export const LIMIT_PER_ADDRESS_AND_USERNAME = 10;
export const LIMIT_PER_ADDRESS = 30;

export class TooManyAttemptsError extends AppError {
  constructor(readonly retryAfterSeconds: number) {
    super(429, 'TOO_MANY_ATTEMPTS', 'Too many login attempts; try again in 15 minutes');
  }
}

export interface LoginAttempt {
  /** Call when the password was right: the attempt no longer counts against the limits. */
  succeeded(): Promise<void>;
}

export async function countLoginAttempt(
  context: AppContext,
  address: string,
  username: string,
): Promise<LoginAttempt> {
  const now = context.clock.now().getTime();
  const windowStart = now - (now % LOGIN_WINDOW_MS);
  const expiresAt = new Date(windowStart + LOGIN_WINDOW_MS);
  const counters = [
    { id: `addr:${address}@${windowStart}`, limit: LIMIT_PER_ADDRESS },
    {
      id: `pair:${address}|${hashUsername(context.secret, username)}@${windowStart}`,
      limit: LIMIT_PER_ADDRESS_AND_USERNAME,
    },
  ];
  const counts = await Promise.all(
    counters.map((counter) => addToCounter(context.db, counter.id, 1, expiresAt)),
  );
  if (counts.some((count, index) => count > counters[index]!.limit)) {
    throw new TooManyAttemptsError(Math.ceil((expiresAt.getTime() - now) / 1000));
  }
  return {
    async succeeded() {
      await Promise.all(
        counters.map((counter) => addToCounter(context.db, counter.id, -1, expiresAt)),
      );
    },
  };
}
