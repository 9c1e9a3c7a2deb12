import path from 'node:path';
import { z } from 'zod';

/**
 * Environment variables (SPEC §5), validated once at start-up. A bad value stops the process with
 * a readable list instead of failing later. Every variable here is listed in README.md.
 */
const booleanString = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'])
  .transform((value) => value === 'true' || value === '1' || value === 'yes');

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
    mongodBin: e.MONGOD_BIN,
    ferretdbBin: e.FERRETDB_BIN,
  };
}
