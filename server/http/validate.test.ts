import { z } from 'zod';
import { ValidationError } from '../errors';
import { parseInput } from './validate';

const schema = z
  .object({ trede: z.number().int().min(1).max(6), note: z.string().optional() })
  .strict();

function detailsOf(input: unknown) {
  try {
    parseInput(schema, input);
  } catch (error) {
    expect(error).toBeInstanceOf(ValidationError);
    return {
      message: (error as ValidationError).message,
      details: (error as ValidationError).details,
    };
  }
  throw new Error('expected a ValidationError');
}

describe('parseInput', () => {
  it('names each failing field', () => {
    expect(detailsOf({ trede: 9 })).toEqual({
      message: 'Invalid body: trede',
      details: [{ field: 'trede', message: expect.stringMatching(/6/) }],
    });
  });

  it('names unknown fields by their own name', () => {
    expect(detailsOf({ trede: 2, $set: 1, extra: true }).details).toEqual([
      { field: '$set', message: 'unknown field' },
      { field: 'extra', message: 'unknown field' },
    ]);
  });

  it('returns the parsed value when valid', () => {
    expect(parseInput(schema, { trede: 3 })).toEqual({ trede: 3 });
  });
});
