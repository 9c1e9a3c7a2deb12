import { isDuplicateKeyError, isOnlyDuplicateKeyFailure } from './duplicate-key';

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

describe('isOnlyDuplicateKeyFailure', () => {
  const duplicate = { code: 11000, errmsg: 'E11000 duplicate key' };
  const other = { code: 2, errmsg: 'bad value' };

  it('accepts a bulk write whose every refusal came from a unique index', () => {
    expect(isOnlyDuplicateKeyFailure({ writeErrors: [duplicate, duplicate] })).toBe(true);
    expect(isOnlyDuplicateKeyFailure({ writeErrors: duplicate })).toBe(true);
    expect(isOnlyDuplicateKeyFailure({ code: 11000, message: 'E11000 duplicate key' })).toBe(true);
  });

  it('refuses one whose refusals include anything else', () => {
    expect(isOnlyDuplicateKeyFailure({ code: 11000, writeErrors: [duplicate, other] })).toBe(false);
    expect(isOnlyDuplicateKeyFailure({ writeErrors: other })).toBe(false);
    expect(isOnlyDuplicateKeyFailure(new Error('connection closed'))).toBe(false);
  });
});
