import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import pg from 'pg';
import { openDatabase, type Database } from '../platform/db/database.ts';
import { migrate } from '../platform/db/migrate.ts';

/** Which database the suites run on: PGlite unless ANXIN_TEST_DRIVER=postgres. */
export type TestDriver = 'pglite' | 'postgres';

export const GOLDEN_IMAGE_FILE = path.join(tmpdir(), `anxin-golden-${process.ppid}-${process.pid}.tar`);
export const GOLDEN_TEMPLATE_DB = `anxin_golden_${process.pid}`;

export function testDriver(): TestDriver {
  // eslint-disable-next-line no-restricted-properties -- test harness, not application configuration
  return process.env.ANXIN_TEST_DRIVER === 'postgres' ? 'postgres' : 'pglite';
}

export function testDatabaseUrl(): string {
  // eslint-disable-next-line no-restricted-properties -- test harness, not application configuration
  const url = process.env.ANXIN_TEST_DATABASE_URL;
  if (!url) throw new Error('ANXIN_TEST_DRIVER=postgres needs ANXIN_TEST_DATABASE_URL (e.g. postgres://postgres@127.0.0.1:5432/test)');
  return url;
}

export function withDatabaseName(url: string, name: string): string {
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
}

/** Builds the migrated golden image once per run: a PGlite dump file, or a PostgreSQL template database. */
export async function buildGoldenImage(driver: TestDriver, names: { file: string; template: string }) {
  if (driver === 'pglite') {
    const database = await openDatabase({ driver: 'pglite' });
    await migrate(database.db);
    const dump = await database.dumpDataDir!();
    writeFileSync(names.file, Buffer.from(await dump.arrayBuffer()));
    await database.close();
    return;
  }
  const admin = new pg.Client({ connectionString: testDatabaseUrl() });
  await admin.connect();
  try {
    await admin.query(`DROP DATABASE IF EXISTS ${names.template}`);
    await admin.query(`CREATE DATABASE ${names.template}`);
  } finally {
    await admin.end();
  }
  const database = await openDatabase({ driver: 'postgres', url: withDatabaseName(testDatabaseUrl(), names.template), poolSize: 1 });
  await migrate(database.db);
  await sql`SELECT 1`.execute(database.db);
  await database.close();
}

export async function dropGoldenImage(driver: TestDriver, names: { file: string; template: string }) {
  if (driver === 'pglite') {
    rmSync(names.file, { force: true });
    return;
  }
  const admin = new pg.Client({ connectionString: testDatabaseUrl() });
  await admin.connect();
  try {
    await admin.query(`DROP DATABASE IF EXISTS ${names.template}`);
  } finally {
    await admin.end();
  }
}

/** A fresh database for one test file, copied from the golden image. */
export async function openTestDatabase(driver: TestDriver, names: { file: string; template: string }): Promise<Database & { dropAfter: () => Promise<void> }> {
  if (driver === 'pglite') {
    const image = new Blob([readFileSync(names.file)]);
    const database = await openDatabase({ driver: 'pglite', loadDataDir: image });
    return { ...database, dropAfter: async () => {} };
  }
  const name = `anxin_t_${process.pid}_${Math.random().toString(36).slice(2, 8)}`;
  const admin = new pg.Client({ connectionString: testDatabaseUrl() });
  await admin.connect();
  try {
    // Two files copying the template at the same instant can collide; retry briefly.
    for (let attempt = 0; ; attempt++) {
      try {
        await admin.query(`CREATE DATABASE ${name} TEMPLATE ${names.template}`);
        break;
      } catch (error) {
        if (attempt >= 20 || !String(error).includes('being accessed by other users')) throw error;
        await new Promise((r) => setTimeout(r, 100 + Math.random() * 200));
      }
    }
  } finally {
    await admin.end();
  }
  const database = await openDatabase({ driver: 'postgres', url: withDatabaseName(testDatabaseUrl(), name), poolSize: 5 });
  return {
    ...database,
    dropAfter: async () => {
      const a = new pg.Client({ connectionString: testDatabaseUrl() });
      await a.connect();
      try {
        await a.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      } finally {
        await a.end();
      }
    },
  };
}
