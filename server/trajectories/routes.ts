import { Router } from 'express';
import type { AppContext } from '../app-context';
import { authorize, currentUser } from '../http/current-user';
import { AppError, ValidationError } from '../errors';
import { parseInput, parseNoQuery } from '../http/validate';
import { createTrajectoryBodySchema, eventBodySchema, idempotencyKeySchema } from './schema';
import { applyTrajectoryEvent } from './use-cases/apply-event';
import { createTrajectoryForCase } from './use-cases/create-trajectory';
import { getTrajectory } from './use-cases/get-trajectory';

export function trajectoryRoutes(context: AppContext): Router {
  const router = Router();
  const casework = authorize('casework');

  router.post('/cases/:id/trajectories', casework, async (req, res) => {
    const body = parseInput(createTrajectoryBodySchema, req.body);
    res
      .status(201)
      .json(await createTrajectoryForCase(context, currentUser(req), String(req.params.id), body));
  });

  router.get('/trajectories/:id', casework, async (req, res) => {
    parseNoQuery(req.query);
    res.json(await getTrajectory(context, currentUser(req), String(req.params.id)));
  });

  router.post('/trajectories/:id/events', casework, async (req, res) => {
    const raw: unknown = req.body;
    // SPEC §2.3: DEADLINE_PASSED is sent by the system only; say so instead of "unknown type".
    if (
      typeof raw === 'object' &&
      raw !== null &&
      (raw as { type?: unknown }).type === 'DEADLINE_PASSED'
    ) {
      throw new AppError(400, 'SYSTEM_EVENT', 'DEADLINE_PASSED is sent by the system only', [
        { field: 'type', message: 'system event' },
      ]);
    }
    const header = req.get('Idempotency-Key');
    if (header !== undefined && !idempotencyKeySchema.safeParse(header).success) {
      throw new ValidationError('Invalid header: Idempotency-Key', [
        { field: 'Idempotency-Key', message: '1–200 printable ASCII characters' },
      ]);
    }
    const body = parseInput(eventBodySchema, raw);
    // SPEC §2.3: a Stabiel REVIEW that closes says how it ended (a missing field is bad input).
    if (body.type === 'REVIEW' && body.decision === 'close' && body.outcome === undefined) {
      throw new ValidationError('Invalid body: outcome', [
        { field: 'outcome', message: 'required when decision is close' },
      ]);
    }
    res.json(
      await applyTrajectoryEvent(context, currentUser(req), String(req.params.id), body, header),
    );
  });

  return router;
}
