import { isDuplicateKeyError } from './duplicate-key';

describe('isDuplicateKeyError', () => {
  it('knows MongoDB’s E11000 and FerretDB’s SQLite unique-constraint answer to an update', () => {
    expect(isDuplicateKeyError({ code: 11000, message: 'E11000 duplicate key' })).toBe(true);
    expect(
      isDuplicateKeyError({
        code: 1,
        message: "constraint failed: UNIQUE constraint failed: index 'x_orgId_1_name_1' (2067)",
      }),
    ).toBe(true);
  });

  it('does not take other failures for a duplicate', () => {
    expect(isDuplicateKeyError({ code: 1, message: 'disk I/O error' })).toBe(false);
    expect(isDuplicateKeyError(new Error('boom'))).toBe(false);
    expect(isDuplicateKeyError(null)).toBe(false);
  });
});
