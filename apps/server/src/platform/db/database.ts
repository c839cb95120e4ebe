import { mkdirSync } from 'node:fs';
import { PGlite } from '@electric-sql/pglite';
import { Kysely, PostgresDialect, type Transaction } from 'kysely';
import pg from 'pg';
import { PGliteDialect } from './pglite-dialect.ts';
import type { DB } from './schema.ts';
import { TYPE_PARSERS } from './type-parsers.ts';

export type Db = Kysely<DB>;
export type Tx = Transaction<DB>;
/** Either the database or an open transaction: repositories accept both. */
export type Executor = Db | Tx;

export interface Database {
  db: Db;
  driver: 'pglite' | 'postgres';
  close(): Promise<void>;
  /** PGlite only: the whole data directory as a tar image (used for the tests' golden image). */
  dumpDataDir?: () => Promise<Blob>;
}

export type DatabaseOptions =
  | { driver: 'pglite'; dataDir?: string; loadDataDir?: Blob }
  | { driver: 'postgres'; url: string; poolSize?: number };

/** Opens PGlite (on disk, in memory, or from a dumped image) or a `pg` pool, with the same type parsers. */
export async function openDatabase(options: DatabaseOptions): Promise<Database> {
  if (options.driver === 'pglite') {
    if (options.dataDir) mkdirSync(options.dataDir, { recursive: true });
    const client = await PGlite.create({
      ...(options.dataDir ? { dataDir: options.dataDir } : {}),
      ...(options.loadDataDir ? { loadDataDir: options.loadDataDir } : {}),
      parsers: TYPE_PARSERS,
    });
    const db = new Kysely<DB>({ dialect: new PGliteDialect(client) });
    return { db, driver: 'pglite', close: () => db.destroy(), dumpDataDir: () => client.dumpDataDir('none') };
  }
  const pool = new pg.Pool({
    connectionString: options.url,
    max: options.poolSize ?? 10,
    types: {
      getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
        TYPE_PARSERS[oid] ?? pg.types.getTypeParser(oid, format ?? 'text')) as typeof pg.types.getTypeParser,
    },
  });
  // An idle pooled connection can be ended by the server (restart, failover, pg_terminate_backend,
  // a dropped test database). pg reports that as an 'error' on the pool; without a listener Node
  // would crash. The pool has already discarded that connection and opens a new one on demand.
  pool.on('error', () => {});
  const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool }) });
  return { db, driver: 'postgres', close: () => db.destroy() };
}

/**
 * Runs `work` in one transaction and passes `tx` down. If `executor` is already a transaction,
 * the work joins it, so a service can be called from another service's transaction.
 */
export async function inTransaction<T>(executor: Executor, work: (tx: Tx) => Promise<T>): Promise<T> {
  if (executor.isTransaction) return work(executor as Tx);
  return (executor as Db).transaction().execute(work);
}
