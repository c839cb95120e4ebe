import type { LoggerOptions } from 'pino';

/**
 * Paths pino removes from every log line: credentials and personal data never reach the logs.
 * Request bodies are not logged at all; these cover objects that code logs explicitly.
 */
export const REDACT_PATHS = [
  'req.headers.authorization',
  'req.headers.cookie',
  'req.headers["x-api-key"]',
  'res.headers["set-cookie"]',
  '*.password',
  '*.currentPassword',
  '*.newPassword',
  '*.initialPassword',
  '*.token',
  '*.secret',
  '*.idNumber',
  '*.mobile',
  '*.email',
  '*.bankAccount',
  '*.healthNotes',
  'password',
  'token',
  'secret',
  'idNumber',
  'mobile',
  'email',
];

export function loggerOptions(level: string, pretty: boolean): LoggerOptions {
  return {
    level,
    redact: { paths: REDACT_PATHS, censor: '[REDACTED]' },
    ...(pretty ? { transport: { target: 'pino-pretty', options: { translateTime: 'SYS:standard', ignore: 'pid,hostname' } } } : {}),
  };
}
