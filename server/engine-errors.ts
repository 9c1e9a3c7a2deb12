import type { Rejection } from '../machines';
import { AppError, ForbiddenError, UnprocessableError } from './errors';

/**
 * The engine refuses with values (STYLE: machine refusals are values); this is the one place they
 * become HTTP. Choices (docs/api.md "Errors"):
 * - an occurredAt in the future or before the trajectory's previous event is bad input: 400 naming
 *   `occurredAt` (SPEC §3: "bad input is a 400 with the field named");
 * - EXTEND/REASSIGN by a begeleider: 403 (SPEC §2.5);
 * - DEADLINE_PASSED from a client: 400 naming `type` (SPEC §2.3: system only);
 * - everything the workflow does not allow now: 422 with details.allowedEvents (SPEC §3).
 */
export function rejectionToError(
  rejection: Rejection,
  field: 'occurredAt' | 'registeredAt' | 'assessedAt' = 'occurredAt',
): AppError {
  switch (rejection.code) {
    case 'FORBIDDEN_ROLE':
      return new ForbiddenError(rejection.message);
    case 'SYSTEM_EVENT':
      return new AppError(400, 'SYSTEM_EVENT', rejection.message, [
        { field: 'type', message: 'DEADLINE_PASSED is sent by the system only' },
      ]);
    case 'OCCURRED_IN_FUTURE':
    case 'OCCURRED_BEFORE_PREVIOUS':
    case 'INVALID_DATE':
      return new AppError(400, rejection.code, rejection.message, [
        { field, message: rejection.message },
      ]);
    case 'UNKNOWN_MACHINE':
    case 'MIGRATION_FAILED':
      // A stored snapshot the engine cannot read is our fault, not the caller's: a 500, which
      // http/error-handler.ts logs (every 5xx is logged there).
      return new AppError(500, rejection.code, rejection.message);
    default:
      return new UnprocessableError(rejection.code, rejection.message, {
        allowedEvents: rejection.allowedEvents,
      });
  }
}
