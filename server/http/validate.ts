import type { z } from 'zod';
import { ValidationError } from '../errors';

/**
 * Parses untrusted input at the boundary. The error names each failing field, e.g.
 * details: [{ field: 'trede', message: 'Too big: expected number to be <=6' }] (SPEC §3: 400 naming the field).
 */
export function parseInput<T extends z.ZodType>(schema: T, input: unknown, where: 'body' | 'query' | 'params' = 'body'): z.infer<T> {
  const result = schema.safeParse(input);
  if (!result.success) {
    const details = result.error.issues.map((issue) => ({
      field: issue.path.length ? issue.path.join('.') : where,
      message: issue.message,
    }));
    const fields = [...new Set(details.map((detail) => detail.field))].join(', ');
    throw new ValidationError(`Invalid ${where}: ${fields}`, details);
  }
  return result.data;
}
