import { decryptBsn, encryptBsn, isValidBsn, maskBsn } from './bsn';

describe('BSN (SPEC §2.5)', () => {
  it('accepts numbers passing the elfproef and refuses others', () => {
    expect(isValidBsn('111222333')).toBe(true); // 9+8+7+12+10+8+9+6-3 = 66
    expect(isValidBsn('123456782')).toBe(true);
    expect(isValidBsn('123456789')).toBe(false);
    expect(isValidBsn('000000000')).toBe(false);
    expect(isValidBsn('12345678')).toBe(false);
    expect(isValidBsn('12345678a')).toBe(false);
  });

  it('encrypts with a fresh IV, decrypts with the same secret only, and masks to the last four digits', () => {
    const secret = 'a-secret-of-at-least-thirty-two-characters!';
    const first = encryptBsn('111222333', secret);
    const second = encryptBsn('111222333', secret);
    expect(first.cipher).not.toContain('111222333');
    expect(first.cipher).not.toBe(second.cipher);
    expect(decryptBsn(first, secret)).toBe('111222333');
    expect(() => decryptBsn(first, 'another-secret-of-at-least-thirty-two-chars')).toThrow(
      /unable to authenticate data/,
    );
    expect(maskBsn(first, secret)).toBe('*****2333');
    expect(maskBsn(null, secret)).toBeNull();
    expect(JSON.stringify(first)).not.toMatch(/2333/); // nothing stored in plain text (hole 15)
  });
});
