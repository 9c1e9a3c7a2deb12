import { z } from 'zod';
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
  const result = strictVersionOf(schema).safeParse(input);
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
  return result.data as z.infer<T>;
}

const strictVersions = new WeakMap<z.ZodType, z.ZodType>();

/**
 * Every body and query object is strict: an unknown field (`orgId` in POST /users, `q[$ne]` from
 * `?q[$ne]=x`) is a 400 naming it, never silently dropped (issue 12, hole 8). Applied here once, so
 * a schema written without `.strict()` cannot reintroduce the hole. A schema that declares a
 * catchall (`.passthrough()`, `.catchall()`) made that choice explicitly and is left as it is.
 */
function strictVersionOf(schema: z.ZodType): z.ZodType {
  if (!(schema instanceof z.ZodObject) || schema._zod.def.catchall !== undefined) return schema;
  let strict = strictVersions.get(schema);
  if (!strict) {
    strict = schema.strict();
    strictVersions.set(schema, strict);
  }
  return strict;
}

const noQuerySchema = z.strictObject({});

/** For routes that take no query parameters: any one given is named in a 400 (hole 8). */
export function parseNoQuery(query: unknown): void {
  parseInput(noQuerySchema, query, 'query');
}
