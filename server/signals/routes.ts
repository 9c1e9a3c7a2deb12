import { Router } from 'express';
import type { AppContext } from '../app-context';
import { CASEWORK_ROLES, currentUser, requireRole } from '../auth/current-user';
import { parseInput } from '../http/validate';
import { listSignals } from './list-signals';
import { signalsQuerySchema } from './schema';

/** Signals name cases, so they are case data: begeleider and teamleider only (SPEC §2.5). */
export function signalRoutes(context: AppContext): Router {
  const router = Router();
  router.get('/signals', requireRole(...CASEWORK_ROLES), async (req, res) => {
    res.json(
      await listSignals(
        context,
        currentUser(req),
        parseInput(signalsQuerySchema, req.query, 'query'),
      ),
    );
  });
  return router;
}
