import { Router } from 'express';
import type { AppContext } from '../app-context';
import { authorize, currentUser } from '../http/current-user';
import { parseInput } from '../http/validate';
import {
  createOpdrachtgeverBodySchema,
  updateOpdrachtgeverBodySchema,
  variantBodySchema,
  variantParamsSchema,
} from './schema';
import { createOpdrachtgever } from './use-cases/create-opdrachtgever';
import { listOpdrachtgevers } from './use-cases/list-opdrachtgevers';
import { putVariant } from './use-cases/put-variant';
import { updateOpdrachtgeverSettings } from './use-cases/update-opdrachtgever';

/** SPEC §4.1: every role reads the catalogues (the client offers the case's products); the beheerder changes them. */
export function opdrachtgeverRoutes(context: AppContext): Router {
  const router = Router();

  router.get('/opdrachtgevers', async (req, res) => {
    res.json(await listOpdrachtgevers(context, currentUser(req).orgId));
  });

  router.post('/opdrachtgevers', authorize('administer'), async (req, res) => {
    const input = parseInput(createOpdrachtgeverBodySchema, req.body);
    res.status(201).json(await createOpdrachtgever(context, currentUser(req), input));
  });

  router.patch('/opdrachtgevers/:id', authorize('administer'), async (req, res) => {
    const input = parseInput(updateOpdrachtgeverBodySchema, req.body);
    res.json(
      await updateOpdrachtgeverSettings(context, currentUser(req), String(req.params.id), input),
    );
  });

  router.put('/opdrachtgevers/:id/variants/:code', authorize('administer'), async (req, res) => {
    const params = parseInput(variantParamsSchema, req.params, 'params');
    const input = parseInput(variantBodySchema, req.body);
    res.json(await putVariant(context, currentUser(req), params.id, params.code, input));
  });

  return router;
}
