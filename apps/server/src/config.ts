import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';

/** Validated, frozen configuration. This file is the only reader of `process.env`. */
export interface Config {
  env: 'development' | 'test' | 'production';
  port: number;
  host: string;
  /** `pglite` keeps the database in `dataDir`; `postgres` connects to `databaseUrl`. */
  db: { driver: 'pglite'; dataDir: string } | { driver: 'postgres'; url: string; poolSize: number };
  dataDir: string;
  /** Where uploaded claim documents are stored (ANXIN_UPLOAD_DIR, default `<dataDir>/uploads`). */
  uploadDir: string;
  logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
  secrets: {
    /** Field-encryption keys by key id (32 bytes each); `activeFieldKeyId` encrypts new values. */
    fieldKeys: Record<string, Buffer>;
    activeFieldKeyId: string;
    /** HMAC key for blind indexes of encrypted fields. */
    blindIndexKey: Buffer;
    /** Pepper for hashing session tokens and API-key secrets. */
    sessionSecret: Buffer;
  };
  /** Where the secrets came from: generated into the data directory, or given in the environment. */
  secretsSource: 'data-dir' | 'environment';
  adminPassword: string | undefined;
  auth: {
    sessionTtlMinutes: number;
    sessionIdleMinutes: number;
    maxFailedLogins: number;
    lockoutMinutes: number;
    loginRateLimitPerMinute: number;
    secureCookies: boolean;
  };
  trustProxy: boolean;
  /**
   * The development message inbox (ANXIN_DEV_INBOX, default on except in production): administrators
   * read queued messages — portal one-time codes included — in the console instead of on a phone.
   */
  devInbox: boolean;
  /** Minutes between background sweeps that record claim and complaint clock warnings and breaches and expire policies past their term (ANXIN_CLAIM_SWEEP_MINUTES; 0 = off). */
  claimSweepMinutes: number;
  /** Seconds between passes of the in-process job worker (outbox, due rules, messages; ANXIN_JOBS_EVERY_SECONDS; 0 = off, run `anxin jobs run` instead). */
  jobsEverySeconds: number;
  messaging: {
    /** Base URL customers open links at (survey links; ANXIN_PUBLIC_URL, default http://localhost:<port>). */
    publicUrl: string;
    /** SMTP server for e-mail (ANXIN_SMTP_URL, e.g. smtp://user:pass@mail.example.com:587); without it e-mail goes to the development adapter. */
    smtpUrl: string | null;
    smtpFrom: string;
    /** Quiet hours in Asia/Shanghai, when only service messages go out (ANXIN_QUIET_HOURS, default 21:00-08:00). */
    quietHours: { start: string; end: string };
    /** Marketing messages per customer per rolling 7 days (ANXIN_MARKETING_CAP_PER_WEEK, default 2). */
    marketingCapPerWeek: number;
  };
  version: string;
}

const intFrom = (name: string, def: number, min: number, max: number) =>
  z.coerce
    .number({ error: `${name} must be a number` })
    .int(`${name} must be an integer`)
    .min(min, `${name} must be at least ${min}`)
    .max(max, `${name} must be at most ${max}`)
    .default(def);

const ZEnv = z.object({
  ANXIN_ENV: z.enum(['development', 'test', 'production']).optional(),
  NODE_ENV: z.string().optional(),
  PORT: intFrom('PORT', 3000, 0, 65535),
  HOST: z.string().min(1).default('0.0.0.0'),
  ANXIN_DATA_DIR: z.string().min(1).default('./data'),
  ANXIN_UPLOAD_DIR: z.string().min(1).optional(),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'DATABASE_URL must start with postgres:// or postgresql://')
    .optional(),
  ANXIN_DB_POOL_SIZE: intFrom('ANXIN_DB_POOL_SIZE', 10, 1, 200),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  ANXIN_FIELD_KEYS: z.string().optional(),
  ANXIN_FIELD_KEY_ID: z.string().optional(),
  ANXIN_BLIND_INDEX_KEY: z.string().optional(),
  ANXIN_SESSION_SECRET: z.string().optional(),
  ANXIN_ADMIN_PASSWORD: z.string().min(10, 'ANXIN_ADMIN_PASSWORD must have at least 10 characters').optional(),
  ANXIN_SESSION_TTL_MINUTES: intFrom('ANXIN_SESSION_TTL_MINUTES', 12 * 60, 5, 7 * 24 * 60),
  ANXIN_SESSION_IDLE_MINUTES: intFrom('ANXIN_SESSION_IDLE_MINUTES', 60, 1, 24 * 60),
  ANXIN_MAX_FAILED_LOGINS: intFrom('ANXIN_MAX_FAILED_LOGINS', 5, 1, 100),
  ANXIN_LOCKOUT_MINUTES: intFrom('ANXIN_LOCKOUT_MINUTES', 15, 1, 24 * 60),
  ANXIN_LOGIN_RATE_LIMIT: intFrom('ANXIN_LOGIN_RATE_LIMIT', 20, 1, 10000),
  ANXIN_SECURE_COOKIES: z.enum(['true', 'false']).optional(),
  ANXIN_TRUST_PROXY: z.enum(['true', 'false']).default('false'),
  ANXIN_DEV_INBOX: z.enum(['true', 'false']).optional(),
  ANXIN_CLAIM_SWEEP_MINUTES: intFrom('ANXIN_CLAIM_SWEEP_MINUTES', 5, 0, 24 * 60),
  ANXIN_JOBS_EVERY_SECONDS: intFrom('ANXIN_JOBS_EVERY_SECONDS', 30, 0, 24 * 3600),
  ANXIN_PUBLIC_URL: z.url({ error: 'ANXIN_PUBLIC_URL must be a URL such as https://service.example.com' }).optional(),
  ANXIN_SMTP_URL: z.string().regex(/^smtps?:\/\//, 'ANXIN_SMTP_URL must start with smtp:// or smtps://').optional(),
  ANXIN_SMTP_FROM: z.string().min(3).default('Anxin <no-reply@localhost>'),
  ANXIN_QUIET_HOURS: z.string().regex(/^([01][0-9]|2[0-3]):[0-5][0-9]-([01][0-9]|2[0-3]):[0-5][0-9]$/, 'ANXIN_QUIET_HOURS must look like 21:00-08:00').default('21:00-08:00'),
  ANXIN_MARKETING_CAP_PER_WEEK: intFrom('ANXIN_MARKETING_CAP_PER_WEEK', 2, 0, 100),
});

/** Thrown with every configuration problem at once, so an operator can fix them in one go. */
export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  }
}

const SECRETS_FILE = 'secrets.json';

interface StoredSecrets {
  fieldKeys: Record<string, string>;
  activeFieldKeyId: string;
  blindIndexKey: string;
  sessionSecret: string;
}

/** Reads the embedded installation's secrets, generating them on the first start. */
function loadOrCreateDataDirSecrets(dataDir: string): StoredSecrets {
  const file = path.join(dataDir, SECRETS_FILE);
  if (existsSync(file)) return JSON.parse(readFileSync(file, 'utf8')) as StoredSecrets;
  mkdirSync(dataDir, { recursive: true });
  const secrets: StoredSecrets = {
    fieldKeys: { k1: randomBytes(32).toString('base64') },
    activeFieldKeyId: 'k1',
    blindIndexKey: randomBytes(32).toString('base64'),
    sessionSecret: randomBytes(32).toString('base64'),
  };
  writeFileSync(file, JSON.stringify(secrets, null, 2), { mode: 0o600 });
  chmodSync(file, 0o600);
  return secrets;
}

function decodeKey(name: string, value: string, problems: string[]): Buffer {
  const buf = Buffer.from(value, 'base64');
  if (buf.length !== 32) problems.push(`${name} must be 32 bytes, base64-encoded (got ${buf.length} bytes)`);
  return buf;
}

/** `k1:base64,k2:base64` → key map. */
function parseFieldKeys(raw: string, problems: string[]): Record<string, Buffer> {
  const keys: Record<string, Buffer> = {};
  for (const part of raw.split(',').map((s) => s.trim()).filter(Boolean)) {
    const idx = part.indexOf(':');
    if (idx <= 0) {
      problems.push('ANXIN_FIELD_KEYS must look like "k1:<base64 32 bytes>,k2:<…>"');
      continue;
    }
    const id = part.slice(0, idx);
    keys[id] = decodeKey(`ANXIN_FIELD_KEYS[${id}]`, part.slice(idx + 1), problems);
  }
  return keys;
}

/**
 * Parses and validates the environment once. Collects every problem before failing.
 * @param env usually `process.env`; tests pass their own.
 */
export function loadConfig(env: Record<string, string | undefined> = process.env, version = '0.1.0'): Config {
  // Each variable is checked on its own, so that one bad value does not hide the others.
  const problems: string[] = [];
  const values: Record<string, unknown> = {};
  for (const [name, schema] of Object.entries(ZEnv.shape)) {
    const result = schema.safeParse(env[name]);
    if (result.success) values[name] = result.data;
    else {
      problems.push(...result.error.issues.map((i) => `${name}: ${i.message}`));
      values[name] = schema.safeParse(undefined).data;
    }
  }
  const e = values as z.infer<typeof ZEnv>;
  const mode = e.ANXIN_ENV ?? (e.NODE_ENV === 'production' ? 'production' : e.NODE_ENV === 'test' ? 'test' : 'development');
  const dataDir = path.resolve(e.ANXIN_DATA_DIR);
  const embedded = !e.DATABASE_URL;

  let fieldKeys: Record<string, Buffer> = {};
  let activeFieldKeyId = '';
  let blindIndexKey: Buffer = Buffer.alloc(0);
  let sessionSecret: Buffer = Buffer.alloc(0);
  let secretsSource: Config['secretsSource'] = 'environment';

  const envHasSecrets = e.ANXIN_FIELD_KEYS || e.ANXIN_BLIND_INDEX_KEY || e.ANXIN_SESSION_SECRET;
  if (embedded && !envHasSecrets) {
    const stored = loadOrCreateDataDirSecrets(dataDir);
    secretsSource = 'data-dir';
    fieldKeys = Object.fromEntries(
      Object.entries(stored.fieldKeys).map(([id, v]) => [id, decodeKey(`fieldKeys.${id}`, v, problems)]),
    );
    activeFieldKeyId = stored.activeFieldKeyId;
    blindIndexKey = decodeKey('blindIndexKey', stored.blindIndexKey, problems);
    sessionSecret = decodeKey('sessionSecret', stored.sessionSecret, problems);
  } else {
    // With a database server (or explicit secrets) nothing is generated: no default secrets.
    if (!e.ANXIN_FIELD_KEYS) problems.push('ANXIN_FIELD_KEYS is required when DATABASE_URL is set (e.g. "k1:<openssl rand -base64 32>")');
    else fieldKeys = parseFieldKeys(e.ANXIN_FIELD_KEYS, problems);
    if (!e.ANXIN_BLIND_INDEX_KEY) problems.push('ANXIN_BLIND_INDEX_KEY is required when DATABASE_URL is set (32 bytes, base64)');
    else blindIndexKey = decodeKey('ANXIN_BLIND_INDEX_KEY', e.ANXIN_BLIND_INDEX_KEY, problems);
    if (!e.ANXIN_SESSION_SECRET) problems.push('ANXIN_SESSION_SECRET is required when DATABASE_URL is set (32 bytes, base64)');
    else sessionSecret = decodeKey('ANXIN_SESSION_SECRET', e.ANXIN_SESSION_SECRET, problems);
    activeFieldKeyId = e.ANXIN_FIELD_KEY_ID ?? Object.keys(fieldKeys)[0] ?? '';
  }
  if (Object.keys(fieldKeys).length > 0 && !fieldKeys[activeFieldKeyId]) {
    problems.push(`ANXIN_FIELD_KEY_ID "${activeFieldKeyId}" is not one of the keys in ANXIN_FIELD_KEYS`);
  }
  if (e.ANXIN_SESSION_IDLE_MINUTES > e.ANXIN_SESSION_TTL_MINUTES) {
    problems.push('ANXIN_SESSION_IDLE_MINUTES must not exceed ANXIN_SESSION_TTL_MINUTES');
  }
  if (problems.length > 0) throw new ConfigError(problems);

  return Object.freeze({
    env: mode,
    port: e.PORT,
    host: e.HOST,
    db: embedded ? { driver: 'pglite', dataDir: path.join(dataDir, 'pglite') } : { driver: 'postgres', url: e.DATABASE_URL!, poolSize: e.ANXIN_DB_POOL_SIZE },
    dataDir,
    uploadDir: e.ANXIN_UPLOAD_DIR ? path.resolve(e.ANXIN_UPLOAD_DIR) : path.join(dataDir, 'uploads'),
    logLevel: e.LOG_LEVEL,
    secrets: Object.freeze({ fieldKeys, activeFieldKeyId, blindIndexKey, sessionSecret }),
    secretsSource,
    adminPassword: e.ANXIN_ADMIN_PASSWORD,
    auth: Object.freeze({
      sessionTtlMinutes: e.ANXIN_SESSION_TTL_MINUTES,
      sessionIdleMinutes: e.ANXIN_SESSION_IDLE_MINUTES,
      maxFailedLogins: e.ANXIN_MAX_FAILED_LOGINS,
      lockoutMinutes: e.ANXIN_LOCKOUT_MINUTES,
      loginRateLimitPerMinute: e.ANXIN_LOGIN_RATE_LIMIT,
      secureCookies: e.ANXIN_SECURE_COOKIES ? e.ANXIN_SECURE_COOKIES === 'true' : mode === 'production',
    }),
    trustProxy: e.ANXIN_TRUST_PROXY === 'true',
    devInbox: e.ANXIN_DEV_INBOX ? e.ANXIN_DEV_INBOX === 'true' : mode !== 'production',
    claimSweepMinutes: e.ANXIN_CLAIM_SWEEP_MINUTES,
    jobsEverySeconds: e.ANXIN_JOBS_EVERY_SECONDS,
    messaging: Object.freeze({
      publicUrl: (e.ANXIN_PUBLIC_URL ?? `http://localhost:${e.PORT}`).replace(/\/+$/, ''),
      smtpUrl: e.ANXIN_SMTP_URL ?? null,
      smtpFrom: e.ANXIN_SMTP_FROM,
      quietHours: { start: e.ANXIN_QUIET_HOURS.slice(0, 5), end: e.ANXIN_QUIET_HOURS.slice(6) },
      marketingCapPerWeek: e.ANXIN_MARKETING_CAP_PER_WEEK,
    }),
    version,
  }) as Config;
}
