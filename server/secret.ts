import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

/**
 * TREDE_SECRET when given (required with MONGODB_URI, see config.ts); otherwise a random key
 * generated once into the data folder, readable by the owner only (SPEC §5).
 */
export function resolveSecret(configured: string | undefined, dataDir: string): string {
  if (configured) return configured;
  const file = path.join(dataDir, 'secret.key');
  if (fs.existsSync(file)) return fs.readFileSync(file, 'utf8').trim();
  fs.mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const secret = crypto.randomBytes(48).toString('base64url');
  fs.writeFileSync(file, `${secret}\n`, { mode: 0o600, flag: 'wx' });
  return secret;
}
