import net from 'node:net';
import path from 'node:path';
import { z } from 'zod';

/**
 * Environment variables (SPEC §5), validated once at start-up. A bad value stops the process with
 * a readable list instead of failing later. Every variable here is listed in README.md.
 */
const booleanString = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'])
  .transform((value) => value === 'true' || value === '1' || value === 'yes');

/**
 * TREDE_TRUST_PROXY: which proxies may say who the client is (X-Forwarded-For). Unset or `false`:
 * none, the socket's address counts (hole 1: a forged header must not buy new login attempts).
 * A number is a hop count; otherwise a comma list of addresses, CIDR ranges or Express's names
 * loopback, linklocal, uniquelocal.
 */
const trustProxySchema = z
  .string()
  .trim()
  .refine(
    (value) =>
      value === 'false' ||
      /^\d{1,2}$/.test(value) ||
      value.split(',').every((part) => {
        const item = part.trim();
        if (['loopback', 'linklocal', 'uniquelocal'].includes(item)) return true;
        const [address, bits, ...rest] = item.split('/');
        return (
          rest.length === 0 &&
          net.isIP(address ?? '') !== 0 &&
          (bits === undefined || /^\d{1,3}$/.test(bits))
        );
      }),
    'false, a hop count, or a comma list of addresses/CIDR ranges/loopback/linklocal/uniquelocal',
  )
  .transform((value): TrustProxy => {
    if (value === 'false') return false;
    if (/^\d+$/.test(value)) return Number(value);
    return value
      .split(',')
      .map((part) => part.trim())
      .join(',');
  });

export type TrustProxy = false | number | string;

const envSchema = z
  .object({
    PORT: z.coerce.number().int().min(0).max(65535).default(3000),
    MONGODB_URI: z.string().url().optional(),
    TREDE_DATA_DIR: z.string().min(1).default('./data'),
    TREDE_DEMO: booleanString.default(true),
    TREDE_ADMIN_USERNAME: z.string().min(3).optional(),
    TREDE_ADMIN_PASSWORD: z.string().min(12, 'must be at least 12 characters').optional(),
    TREDE_SECRET: z.string().min(32, 'must be at least 32 characters').optional(),
    TREDE_DB_PORT: z.coerce.number().int().min(1).max(65535).default(27027),
    TREDE_TOOLS_DIR: z.string().min(1).default('./.tools'),
    TREDE_SWEEP_INTERVAL_SECONDS: z.coerce.number().int().min(0).default(60),
    TREDE_COOKIE_SECURE: booleanString.default(true),
    TREDE_TRUST_PROXY: trustProxySchema.optional(),
    TREDE_SECURITY_EVENT_RETENTION_DAYS: z.coerce.number().int().min(1).max(3650).default(180),
    MONGOD_BIN: z.string().min(1).optional(),
    FERRETDB_BIN: z.string().min(1).optional(),
  })
  .refine((env) => !env.MONGODB_URI || env.TREDE_SECRET, {
    message: 'TREDE_SECRET is required when MONGODB_URI is set',
    path: ['TREDE_SECRET'],
  })
  .refine((env) => !env.TREDE_ADMIN_USERNAME === !env.TREDE_ADMIN_PASSWORD, {
    message: 'set TREDE_ADMIN_USERNAME and TREDE_ADMIN_PASSWORD together',
    path: ['TREDE_ADMIN_PASSWORD'],
  });

export interface Config {
  port: number;
  mongodbUri: string | undefined;
  dataDir: string;
  demo: boolean;
  /** `--demo` on the command line: load demo data even on MONGODB_URI (SPEC §5). */
  forceDemo: boolean;
  admin: { username: string; password: string } | undefined;
  secret: string | undefined;
  embeddedDbPort: number;
  toolsDir: string;
  sweepIntervalMs: number;
  cookieSecure: boolean;
  /** Express's `trust proxy` setting; false unless TREDE_TRUST_PROXY names proxies. */
  trustProxy: TrustProxy;
  /**
   * How a case write guards against a concurrent writer (docs/scaling.md). 'auto': on MongoDB the
   * `{_id, version}` conditional update; on FerretDB, whose conditional update is not atomic, the
   * per-process case lock with an `_id` filter. 'compare-and-set': always the conditional update and
   * retry, without the lock, as N processes on MongoDB rely on: lets tests run that path on the
   * embedded engine. Not read from the environment: on FerretDB with concurrent writers it is unsafe.
   */
  writeConcurrency: 'auto' | 'compare-and-set';
  /** How long security events stay in the audit log. */
  securityEventRetentionDays: number;
  mongodBin: string | undefined;
  ferretdbBin: string | undefined;
}

export class ConfigError extends Error {}

export function loadConfig(
  env: NodeJS.ProcessEnv = process.env,
  argv: string[] = process.argv,
): Config {
  const blankAsUnset = Object.fromEntries(
    Object.entries(env).filter(([, value]) => value !== undefined && value !== ''),
  );
  const parsed = envSchema.safeParse(blankAsUnset);
  if (!parsed.success) {
    const lines = parsed.error.issues.map(
      (issue) => `  - ${issue.path.join('.')}: ${issue.message}`,
    );
    throw new ConfigError(`Invalid configuration:\n${lines.join('\n')}`);
  }
  const e = parsed.data;
  return {
    port: e.PORT,
    mongodbUri: e.MONGODB_URI,
    dataDir: path.resolve(e.TREDE_DATA_DIR),
    demo: e.TREDE_DEMO,
    forceDemo: argv.includes('--demo'),
    admin:
      e.TREDE_ADMIN_USERNAME && e.TREDE_ADMIN_PASSWORD
        ? { username: e.TREDE_ADMIN_USERNAME, password: e.TREDE_ADMIN_PASSWORD }
        : undefined,
    secret: e.TREDE_SECRET,
    embeddedDbPort: e.TREDE_DB_PORT,
    toolsDir: path.resolve(e.TREDE_TOOLS_DIR),
    sweepIntervalMs: e.TREDE_SWEEP_INTERVAL_SECONDS * 1000,
    cookieSecure: e.TREDE_COOKIE_SECURE,
    trustProxy: e.TREDE_TRUST_PROXY ?? false,
    writeConcurrency: 'auto',
    securityEventRetentionDays: e.TREDE_SECURITY_EVENT_RETENTION_DAYS,
    mongodBin: e.MONGOD_BIN,
    ferretdbBin: e.FERRETDB_BIN,
  };
}
