import { mkdirSync } from 'node:fs';
import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { Kysely, PostgresDialect, sql, type KyselyConfig, type Transaction } from 'kysely';
import pg from 'pg';
import { PGliteDialect } from './pglite-dialect.ts';
import { PREPARED_TEXT, StatementNames } from './statement-names.ts';
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

export type DatabaseOptions = (
  | { driver: 'pglite'; dataDir?: string; loadDataDir?: Blob }
  | { driver: 'postgres'; url: string; poolSize?: number }
) & {
  /** Kysely's query log; the benchmark uses it to record the statements one request runs. */
  log?: KyselyConfig['log'];
};

/** Opens PGlite (on disk, in memory, or from a dumped image) or a `pg` pool, with the same type parsers. */
export async function openDatabase(options: DatabaseOptions): Promise<Database> {
  if (options.driver === 'pglite') {
    if (options.dataDir) mkdirSync(options.dataDir, { recursive: true });
    const client = await PGlite.create({
      ...(options.dataDir ? { dataDir: options.dataDir } : {}),
      ...(options.loadDataDir ? { loadDataDir: options.loadDataDir } : {}),
      parsers: TYPE_PARSERS,
      // Trigram indexes for customer search by part of a name (migration 0010).
      extensions: { pg_trgm },
    });
    const db = new Kysely<DB>({ dialect: new PGliteDialect(client), log: options.log });
    return { db, driver: 'pglite', close: () => db.destroy(), dumpDataDir: () => client.dumpDataDir('none') };
  }
  const pool = new pg.Pool({
    Client: preparingClient(new StatementNames()),
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
  const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool }), log: options.log });
  return { db, driver: 'postgres', close: () => db.destroy() };
}

/**
 * Ends a statement that may run as a prepared statement: a look-up by key (a customer's id, a
 * session's token hash) whose best plan does not depend on the values. Such a statement is parsed
 * once per pooled connection and PostgreSQL may reuse a generic plan — planning a join of five tables
 * costs more than running it on an indexed key, and a customer 360 view runs a dozen of them. Lists
 * and searches stay unmarked: their best plan depends on the values (how much of the book a unit's
 * scope or a name prefix selects), and a generic plan, blind to them, can sort a whole branch's book
 * for one page (measured: 73 ms instead of 0.24 ms for a deep page of 100k customers).
 */
export const PREPARED = sql.raw(PREPARED_TEXT);
export { PREPARED_TEXT, StatementNames };

/** A pg.Client that runs statements named by `names` as prepared statements. */
function preparingClient(names: StatementNames): typeof pg.Client {
  return class PreparingClient extends pg.Client {
    override query(...args: unknown[]): never {
      const [text, values] = args;
      if (typeof text === 'string' && Array.isArray(values) && values.length > 0 && args.length === 2) {
        const name = names.nameOf(text);
        if (name) return super.query({ name, text, values }) as never;
      }
      return (super.query as (...a: unknown[]) => never)(...args);
    }
  } as typeof pg.Client;
}

/**
 * Runs `work` in one transaction and passes `tx` down. If `executor` is already a transaction,
 * the work joins it, so a service can be called from another service's transaction.
 */
export async function inTransaction<T>(executor: Executor, work: (tx: Tx) => Promise<T>): Promise<T> {
  if (executor.isTransaction) return work(executor as Tx);
  return (executor as Db).transaction().execute(work);
}
