import { Router } from 'express';
import type { AppContext } from '../app-context';
import { authorize, currentUser } from '../http/current-user';
import { parseInput, parseNoQuery } from '../http/validate';
import {
  createCaseBodySchema,
  listCasesQuerySchema,
  moveCaseBodySchema,
  recordAssessmentBodySchema,
} from './schema';
import { registerCase } from './use-cases/create-case';
import { getCaseFile } from './use-cases/get-case-file';
import { listCases } from './use-cases/list-cases';
import { moveCase } from './use-cases/move-case';
import { recordAssessment } from './use-cases/record-assessment';

/** SPEC §3 case routes; beleid and beheerder never see case files (SPEC §2.5: 403). */
export function caseRoutes(context: AppContext): Router {
  const router = Router();
  const casework = authorize('casework');

  router.get('/cases', casework, async (req, res) => {
    const user = currentUser(req);
    res.json(await listCases(context, user, parseInput(listCasesQuerySchema, req.query, 'query')));
  });

  router.post('/cases', casework, async (req, res) => {
    const body = parseInput(createCaseBodySchema, req.body);
    res.status(201).json(await registerCase(context, currentUser(req), body));
  });

  router.get('/cases/:id', casework, async (req, res) => {
    parseNoQuery(req.query);
    res.json(await getCaseFile(context, currentUser(req), String(req.params.id)));
  });

  // Decision 031: which opdrachtgever pays is the teamleider's call, like REASSIGN.
  router.patch('/cases/:id', authorize('moveCase'), async (req, res) => {
    const body = parseInput(moveCaseBodySchema, req.body);
    res.json(await moveCase(context, currentUser(req), String(req.params.id), body));
  });

  router.post('/cases/:id/assessments', casework, async (req, res) => {
    const body = parseInput(recordAssessmentBodySchema, req.body);
    res
      .status(201)
      .json(await recordAssessment(context, currentUser(req), String(req.params.id), body));
  });

  return router;
}
