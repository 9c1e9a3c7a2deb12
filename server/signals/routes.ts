import { Router } from 'express';
import type { AppContext } from '../app-context';
import { authorize, currentUser } from '../http/current-user';
import { parseInput } from '../http/validate';
import { listSignals } from './use-cases/list-signals';
import { signalsQuerySchema } from './schema';

/** Signals name cases, so they are case data: begeleider and teamleider only (SPEC §2.5). */
export function signalRoutes(context: AppContext): Router {
  const router = Router();
  router.get('/signals', authorize('casework'), async (req, res) => {
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
