import crypto from 'node:crypto';
import type { StoredBsn } from '../case-store/case.types';

/**
 * The burgerservicenummer (SPEC §2.5): optional, checked with the elfproef, stored encrypted with
 * AES-256-GCM under a key derived from TREDE_SECRET, shown masked, never exported or logged.
 * Only the ciphertext is stored: the masked form is derived on read (hole 15), so a copy of the
 * database holds not even the last four digits in plain text.
 */

/** Elfproef: 9 digits d1..d9 with 9·d1 + 8·d2 + … + 2·d8 − 1·d9 divisible by 11 (and not all zeros). */
export function isValidBsn(value: string): boolean {
  if (!/^\d{9}$/.test(value) || /^0+$/.test(value)) return false;
  const digits = [...value].map(Number);
  const sum =
    digits.slice(0, 8).reduce((total, digit, index) => total + digit * (9 - index), 0) - digits[8]!;
  return sum % 11 === 0;
}

function key(secret: string): Buffer {
  return Buffer.from(crypto.hkdfSync('sha256', secret, 'trede', 'bsn-encryption-v1', 32));
}

export function encryptBsn(bsn: string, secret: string): StoredBsn {
  const iv = crypto.randomBytes(12);
  const cipher = crypto.createCipheriv('aes-256-gcm', key(secret), iv);
  const encrypted = Buffer.concat([cipher.update(bsn, 'utf8'), cipher.final()]);
  const tag = cipher.getAuthTag();
  return {
    cipher: [
      'v1',
      iv.toString('base64'),
      tag.toString('base64'),
      encrypted.toString('base64'),
    ].join(':'),
  };
}

/** For the masked display and a future authorised disclosure; the full number never leaves here. */
export function decryptBsn(stored: StoredBsn, secret: string): string {
  const [version, iv, tag, data] = stored.cipher.split(':');
  if (version !== 'v1' || !iv || !tag || !data) throw new Error('unknown BSN cipher format');
  const decipher = crypto.createDecipheriv('aes-256-gcm', key(secret), Buffer.from(iv, 'base64'));
  decipher.setAuthTag(Buffer.from(tag, 'base64'));
  return Buffer.concat([decipher.update(Buffer.from(data, 'base64')), decipher.final()]).toString(
    'utf8',
  );
}

/** "*****1234": enough to check a letter against, not enough to identify anyone. */
export function maskBsn(stored: StoredBsn | null, secret: string): string | null {
  if (!stored) return null;
  try {
    return `*****${decryptBsn(stored, secret).slice(-4)}`;
  } catch {
    return '*********'; // encrypted under another TREDE_SECRET: present, but unreadable here
  }
}
