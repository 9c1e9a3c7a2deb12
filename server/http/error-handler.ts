import type { ErrorRequestHandler, RequestHandler } from 'express';
import { UnreadableTrajectoryError } from '../../machines';
import { AppError } from '../errors';
import { logger } from '../logger';

/** The one place errors become {error:{code,message,details}} (SPEC §3). */
export const errorHandler: ErrorRequestHandler = (error: unknown, req, res, _next) => {
  if (error instanceof UnreadableTrajectoryError) {
    // A stored snapshot this build cannot read or migrate: our fault, logged, never a crash.
    logger.error({ code: error.code, path: req.route?.path ?? req.path }, error.message);
    res.status(500).json({
      error: {
        code: error.code,
        message:
          'A stored trajectory could not be read; the administrator has been notified in the log',
      },
    });
    return;
  }
  if (error instanceof AppError) {
    // A 5xx AppError (e.g. a stored snapshot the engine cannot read, engine-errors.ts) is ours.
    if (error.status >= 500)
      logger.error({ code: error.code, path: req.route?.path ?? req.path }, error.message);
    res
      .status(error.status)
      .json({ error: { code: error.code, message: error.message, details: error.details } });
    return;
  }
  // body-parser errors: malformed JSON or a body that is too large.
  const status = (error as { status?: number; type?: string }).status;
  const type = (error as { type?: string }).type;
  if (type === 'entity.parse.failed') {
    res
      .status(400)
      .json({ error: { code: 'INVALID_JSON', message: 'The request body is not valid JSON' } });
    return;
  }
  if (status && status >= 400 && status < 500) {
    res.status(status).json({ error: { code: 'BAD_REQUEST', message: (error as Error).message } });
    return;
  }
  logger.error(
    { err: error, method: req.method, path: req.route?.path ?? req.path },
    'unhandled error',
  );
  res
    .status(500)
    .json({ error: { code: 'INTERNAL', message: 'Something went wrong on our side' } });
};

export const notFoundHandler: RequestHandler = (req, res) => {
  res
    .status(404)
    .json({ error: { code: 'NOT_FOUND', message: `No route ${req.method} ${req.path}` } });
};
