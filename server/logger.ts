import pino from 'pino';

/**
 * Structured logs without personal data: request bodies are never logged, and these paths are
 * redacted in case a caller passes an object that carries them (SPEC §2.5: no BSN in logs).
 */
export const logger = pino({
  level: process.env.LOG_LEVEL ?? (process.env.NODE_ENV === 'test' ? 'silent' : 'info'),
  redact: {
    paths: [
      'bsn',
      '*.bsn',
      'password',
      '*.password',
      'displayName',
      '*.displayName',
      'token',
      '*.token',
      'req.headers.authorization',
      'req.headers.cookie',
    ],
    censor: '[redacted]',
  },
  base: undefined,
});

export type Logger = typeof logger;
