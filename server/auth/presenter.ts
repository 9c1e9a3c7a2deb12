import type { z } from 'zod';
import { presentUser } from '../users/presenter';
import type { loginView } from './schema';
import type { LoggedIn } from './use-cases/log-in';

export function presentLogin(login: LoggedIn): z.infer<typeof loginView> {
  return {
    token: login.token,
    expiresAt: login.expiresAt.toISOString(),
    user: presentUser(login.user),
  };
}
