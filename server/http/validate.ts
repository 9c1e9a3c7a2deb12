import type { z } from 'zod';
import { ValidationError } from '../errors';

/**
 * Parses untrusted input at the boundary. The error names each failing field, e.g.
 * details: [{ field: 'trede', message: 'Too big: expected number to be <=6' }] (SPEC §3: 400 naming the field).
 */
export function parseInput<T extends z.ZodType>(
  schema: T,
  input: unknown,
  where: 'body' | 'query' | 'params' = 'body',
): z.infer<T> {
  const result = schema.safeParse(input);
  if (!result.success) {
    const details = result.error.issues.flatMap((issue) => {
      const prefix = issue.path.map(String);
      // An unknown key is reported under its own name, not under its parent object.
      if (issue.code === 'unrecognized_keys') {
        return issue.keys.map((key) => ({
          field: [...prefix, key].join('.'),
          message: 'unknown field',
        }));
      }
      return [{ field: prefix.length ? prefix.join('.') : where, message: issue.message }];
    });
    const fields = [...new Set(details.map((detail) => detail.field))].join(', ');
    throw new ValidationError(`Invalid ${where}: ${fields}`, details);
  }
  return result.data;
}
