import { Router } from 'express';
import type { AppContext } from '../app-context';
import { buildOpenApiDocument } from './registry';

export function openApiRoutes(_context: AppContext): Router {
  const router = Router();
  let document: object | undefined; // built on first request, after every module registered its paths
  router.get('/openapi.json', (_req, res) => {
    document ??= buildOpenApiDocument();
    res.json(document);
  });
  return router;
}
