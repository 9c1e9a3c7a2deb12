import { DateTime } from 'luxon';
import { z } from 'zod';
import { ROLES, SIGNAL_CODES, type Trede } from '../../machines';
import { OBJECT_ID_PATTERN } from '../ids';
import './registry'; // extends zod with .openapi() before the schemas below use it

/** Field schemas that several modules' request and response schemas share: one definition each. */

export const objectIdSchema = z.string().regex(OBJECT_ID_PATTERN, 'must be an id');
export const tredeSchema = z
  .number()
  .int()
  .min(1)
  .max(6)
  .transform((value) => value as Trede)
  .openapi({
    type: 'integer',
    minimum: 1,
    maximum: 6,
    description: 'Trede on the Participatieladder (SPEC §2.1)',
  });

/**
 * An instant: full ISO-8601 with offset (2026-03-01T09:30:00+01:00), or a date (2026-03-01) meaning
 * 00:00 in Europe/Amsterdam, the municipality's day. Normalised to UTC ISO for the engine.
 */
const isoDateTimeWithOffset = z.iso.datetime({ offset: true }); // built once, used per request

export const instantSchema = z
  .string()
  .max(40)
  .transform((value, ctx) => {
    const parsed = /^\d{4}-\d{2}-\d{2}$/.test(value)
      ? DateTime.fromISO(value, { zone: 'Europe/Amsterdam' })
      : isoDateTimeWithOffset.safeParse(value).success
        ? DateTime.fromISO(value, { setZone: true })
        : null;
    if (!parsed?.isValid) {
      ctx.addIssue({
        code: 'custom',
        message: 'must be an ISO date (2026-03-01) or date-time with offset',
      });
      return z.NEVER;
    }
    return parsed.toUTC().toISO()!;
  })
  .openapi({ type: 'string', example: '2026-03-01T09:30:00+01:00' });

export const roleSchema = z.enum(ROLES);

export const signalCodeSchema = z.enum(SIGNAL_CODES);
