import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config.ts';

const KEY_A = Buffer.alloc(32, 1).toString('base64');
const KEY_B = Buffer.alloc(32, 2).toString('base64');
const KEY_C = Buffer.alloc(32, 3).toString('base64');
const SHORT_KEY = Buffer.alloc(16, 4).toString('base64');

const tempDirs: string[] = [];
const tempDir = () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'anxin-config-'));
  tempDirs.push(dir);
  return dir;
};
afterAll(() => tempDirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

/** Environment of a server installation: a database server and explicit secrets. */
const serverEnv = (overrides: Record<string, string | undefined> = {}) => ({
  DATABASE_URL: 'postgres://anxin@db.internal:5432/anxin',
  ANXIN_FIELD_KEYS: `k1:${KEY_A}`,
  ANXIN_BLIND_INDEX_KEY: KEY_B,
  ANXIN_SESSION_SECRET: KEY_C,
  ...overrides,
});

function problemsOf(env: Record<string, string | undefined>): string[] {
  try {
    loadConfig(env);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as ConfigError).problems;
  }
  throw new Error('expected loadConfig to fail');
}

describe('loadConfig', () => {
  it('collects every problem at once: missing secrets, bad PORT, bad LOG_LEVEL, bad numbers', () => {
    const problems = problemsOf({
      DATABASE_URL: 'postgres://anxin@db.internal:5432/anxin',
      PORT: 'eighty',
      LOG_LEVEL: 'loud',
      ANXIN_MAX_FAILED_LOGINS: '0',
      ANXIN_SESSION_TTL_MINUTES: '1.5',
    });
    expect(problems).toEqual(
      expect.arrayContaining([
        'PORT: PORT must be a number',
        expect.stringMatching(/^LOG_LEVEL: /),
        'ANXIN_MAX_FAILED_LOGINS: ANXIN_MAX_FAILED_LOGINS must be at least 1',
        'ANXIN_SESSION_TTL_MINUTES: ANXIN_SESSION_TTL_MINUTES must be an integer',
        'ANXIN_FIELD_KEYS is required when DATABASE_URL is set (e.g. "k1:<openssl rand -base64 32>")',
        'ANXIN_BLIND_INDEX_KEY is required when DATABASE_URL is set (32 bytes, base64)',
        'ANXIN_SESSION_SECRET is required when DATABASE_URL is set (32 bytes, base64)',
      ]),
    );
    expect(problems).toHaveLength(7);
  });

  it('the error message lists every problem, one per line', () => {
    try {
      loadConfig({ DATABASE_URL: 'postgres://x/y', PORT: '70000' });
      expect.unreachable();
    } catch (error) {
      const message = (error as Error).message;
      expect(message.split('\n')[0]).toBe('Invalid configuration:');
      expect(message).toContain('  - PORT: PORT must be at most 65535');
      expect(message).toContain('  - ANXIN_SESSION_SECRET is required');
    }
  });

  it('refuses a DATABASE_URL that is not PostgreSQL', () => {
    expect(problemsOf(serverEnv({ DATABASE_URL: 'mysql://db/anxin' }))).toEqual(['DATABASE_URL: DATABASE_URL must start with postgres:// or postgresql://']);
  });

  it('explicit keys must be 32 bytes, base64-encoded', () => {
    const problems = problemsOf(serverEnv({ ANXIN_FIELD_KEYS: `k1:${SHORT_KEY}`, ANXIN_BLIND_INDEX_KEY: 'not base64 at all', ANXIN_SESSION_SECRET: SHORT_KEY }));
    expect(problems).toEqual([
      'ANXIN_FIELD_KEYS[k1] must be 32 bytes, base64-encoded (got 16 bytes)',
      expect.stringMatching(/^ANXIN_BLIND_INDEX_KEY must be 32 bytes, base64-encoded \(got \d+ bytes\)$/),
      'ANXIN_SESSION_SECRET must be 32 bytes, base64-encoded (got 16 bytes)',
    ]);
    expect(problemsOf(serverEnv({ ANXIN_FIELD_KEYS: 'just-a-key' }))).toEqual(['ANXIN_FIELD_KEYS must look like "k1:<base64 32 bytes>,k2:<…>"']);
  });

  it('accepts several field keys for rotation and checks the active key id', () => {
    const config = loadConfig(serverEnv({ ANXIN_FIELD_KEYS: `k1:${KEY_A}, k2:${KEY_B}`, ANXIN_FIELD_KEY_ID: 'k2' }));
    expect(Object.keys(config.secrets.fieldKeys)).toEqual(['k1', 'k2']);
    expect(config.secrets.activeFieldKeyId).toBe('k2');
    expect(config.secrets.fieldKeys.k2!.equals(Buffer.alloc(32, 2))).toBe(true);
    // Without ANXIN_FIELD_KEY_ID the first key is active.
    expect(loadConfig(serverEnv({ ANXIN_FIELD_KEYS: `k1:${KEY_A},k2:${KEY_B}` })).secrets.activeFieldKeyId).toBe('k1');
    expect(problemsOf(serverEnv({ ANXIN_FIELD_KEY_ID: 'k9' }))).toEqual(['ANXIN_FIELD_KEY_ID "k9" is not one of the keys in ANXIN_FIELD_KEYS']);
  });

  it('with a database server: uses the given secrets and the pool size, and generates nothing', () => {
    const dataDir = tempDir();
    const config = loadConfig(serverEnv({ ANXIN_DATA_DIR: dataDir, ANXIN_DB_POOL_SIZE: '25', PORT: '8080' }));
    expect(config.db).toEqual({ driver: 'postgres', url: 'postgres://anxin@db.internal:5432/anxin', poolSize: 25 });
    expect(config.port).toBe(8080);
    expect(config.secretsSource).toBe('environment');
    expect(config.secrets.sessionSecret.equals(Buffer.alloc(32, 3))).toBe(true);
    expect(() => statSync(path.join(dataDir, 'secrets.json'))).toThrow();
  });

  it('embedded mode generates secrets.json (mode 0600) in the data directory once, then reuses it', () => {
    const dataDir = path.join(tempDir(), 'nested', 'data');
    const first = loadConfig({ ANXIN_DATA_DIR: dataDir });
    expect(first.db).toEqual({ driver: 'pglite', dataDir: path.join(dataDir, 'pglite') });
    expect(first.secretsSource).toBe('data-dir');
    const file = path.join(dataDir, 'secrets.json');
    expect(statSync(file).mode & 0o777).toBe(0o600);
    const stored = JSON.parse(readFileSync(file, 'utf8')) as { fieldKeys: Record<string, string>; activeFieldKeyId: string; blindIndexKey: string; sessionSecret: string };
    expect(Buffer.from(stored.sessionSecret, 'base64')).toHaveLength(32);
    expect(Buffer.from(stored.blindIndexKey, 'base64')).toHaveLength(32);
    expect(first.secrets.activeFieldKeyId).toBe(stored.activeFieldKeyId);
    expect(first.secrets.fieldKeys[stored.activeFieldKeyId]).toHaveLength(32);

    const second = loadConfig({ ANXIN_DATA_DIR: dataDir });
    expect(readFileSync(file, 'utf8')).toBe(JSON.stringify(stored, null, 2));
    expect(second.secrets.sessionSecret.equals(first.secrets.sessionSecret)).toBe(true);
    expect(second.secrets.blindIndexKey.equals(first.secrets.blindIndexKey)).toBe(true);
    expect(second.secrets.fieldKeys[stored.activeFieldKeyId]!.equals(first.secrets.fieldKeys[stored.activeFieldKeyId]!)).toBe(true);

    // Another data directory is another installation with its own secrets.
    const other = loadConfig({ ANXIN_DATA_DIR: tempDir() });
    expect(other.secrets.sessionSecret.equals(first.secrets.sessionSecret)).toBe(false);
  });

  it('embedded mode with explicit secrets uses them and writes no file', () => {
    const dataDir = tempDir();
    const config = loadConfig({ ANXIN_DATA_DIR: dataDir, ANXIN_FIELD_KEYS: `k1:${KEY_A}`, ANXIN_BLIND_INDEX_KEY: KEY_B, ANXIN_SESSION_SECRET: KEY_C });
    expect(config.secretsSource).toBe('environment');
    expect(config.db.driver).toBe('pglite');
    expect(() => statSync(path.join(dataDir, 'secrets.json'))).toThrow();
    // Giving only some secrets is not silently completed with generated ones.
    expect(problemsOf({ ANXIN_DATA_DIR: dataDir, ANXIN_SESSION_SECRET: KEY_C })).toHaveLength(2);
  });

  it('applies defaults and derives the mode and cookie security from the environment', () => {
    const config = loadConfig(serverEnv());
    expect(config).toMatchObject({
      env: 'development',
      port: 3000,
      host: '0.0.0.0',
      logLevel: 'info',
      trustProxy: false,
      devInbox: true,
      claimSweepMinutes: 5,
      auth: { sessionTtlMinutes: 720, sessionIdleMinutes: 60, maxFailedLogins: 5, lockoutMinutes: 15, loginRateLimitPerMinute: 20, secureCookies: false },
    });
    expect(loadConfig(serverEnv({ NODE_ENV: 'production' }))).toMatchObject({ env: 'production', auth: { secureCookies: true } });
    expect(loadConfig(serverEnv({ ANXIN_ENV: 'production', ANXIN_SECURE_COOKIES: 'false' })).auth.secureCookies).toBe(false);
    expect(loadConfig(serverEnv({ NODE_ENV: 'test' })).env).toBe('test');
    expect(loadConfig(serverEnv({ ANXIN_TRUST_PROXY: 'true' })).trustProxy).toBe(true);
    // The development inbox is off in production unless asked for; the sweep can be turned off.
    expect(loadConfig(serverEnv({ ANXIN_ENV: 'production' })).devInbox).toBe(false);
    expect(loadConfig(serverEnv({ ANXIN_DEV_INBOX: 'false' })).devInbox).toBe(false);
    expect(loadConfig(serverEnv({ ANXIN_CLAIM_SWEEP_MINUTES: '0' })).claimSweepMinutes).toBe(0);
    expect(problemsOf(serverEnv({ ANXIN_CLAIM_SWEEP_MINUTES: 'often' }))).toEqual(['ANXIN_CLAIM_SWEEP_MINUTES: ANXIN_CLAIM_SWEEP_MINUTES must be a number']);
  });

  it('an idle timeout longer than the session lifetime is a problem', () => {
    expect(problemsOf(serverEnv({ ANXIN_SESSION_TTL_MINUTES: '30', ANXIN_SESSION_IDLE_MINUTES: '60' }))).toEqual(['ANXIN_SESSION_IDLE_MINUTES must not exceed ANXIN_SESSION_TTL_MINUTES']);
  });

  it('returns a frozen configuration', () => {
    const config = loadConfig(serverEnv());
    expect(Object.isFrozen(config)).toBe(true);
    expect(Object.isFrozen(config.secrets)).toBe(true);
    expect(Object.isFrozen(config.auth)).toBe(true);
    expect(() => {
      (config as { port: number }).port = 1;
    }).toThrow(TypeError);
  });
});
