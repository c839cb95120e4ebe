import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify';
import { afterAll, inject, onTestFinished } from 'vitest';
import { buildApp } from '../app.ts';
import { loadConfig, type Config } from '../config.ts';
import type { Database, Db } from '../platform/db/database.ts';
import { openTestDatabase, testDriver } from './golden.ts';

const KEY = Buffer.alloc(32, 7).toString('base64');

/** Test configuration: fixed throw-away secrets, silent logs, low lockout threshold. */
export function testConfig(overrides: Record<string, string> = {}): Config {
  return loadConfig({
    ANXIN_ENV: 'test',
    LOG_LEVEL: 'silent',
    ANXIN_DATA_DIR: '/nonexistent-anxin-test-dir',
    ANXIN_FIELD_KEYS: `k1:${KEY}`,
    ANXIN_BLIND_INDEX_KEY: Buffer.alloc(32, 8).toString('base64'),
    ANXIN_SESSION_SECRET: Buffer.alloc(32, 9).toString('base64'),
    ANXIN_MAX_FAILED_LOGINS: '3',
    ANXIN_LOGIN_RATE_LIMIT: '1000',
    ...overrides,
  });
}

export interface TestContext {
  db: Db;
  database: Database;
  app: FastifyInstance;
  config: Config;
  driver: 'pglite' | 'postgres';
  /** `app.inject` with an optional bearer token. */
  request(options: InjectOptions & { token?: string }): Promise<LightMyRequestResponse>;
}

/**
 * A fresh database copied from the migrated golden image, and the real HTTP app on top of it.
 * Closed automatically after the file's tests (after the test, when made inside one).
 */
export async function createTestContext(configOverrides: Record<string, string> = {}): Promise<TestContext> {
  const database = await openTestDatabase(testDriver(), inject('golden'));
  const config = testConfig(configOverrides);
  const app = await buildApp({ config, database, webDist: null });
  await app.ready();
  const cleanup = async () => {
    try {
      await app.close();
      await database.close();
    } finally {
      await database.dropAfter();
    }
  };
  // Made inside a test (a context of its own for one case): closed when that test ends. An afterAll
  // registered from inside a test never runs, and its PostgreSQL database was left behind. Outside a
  // test, onTestFinished throws. (expect.getState() cannot tell: the files share a worker, and its
  // state keeps the name of the last test of the file before.)
  try {
    onTestFinished(cleanup);
  } catch {
    afterAll(cleanup);
  }
  return {
    db: database.db,
    database,
    app,
    config,
    driver: database.driver,
    request: ({ token, headers, ...rest }) =>
      app.inject({ ...rest, headers: { ...(headers ?? {}), ...(token ? { authorization: `Bearer ${token}` } : {}) } }),
  };
}
