import { sql } from 'kysely';
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { createTestContext } from '../../test/context.ts';
import { testDatabaseUrl } from '../../test/golden.ts';
import { PREPARED, StatementNames, inTransaction, openDatabase } from './database.ts';
import { listMigrations } from './migrate.ts';

// The driver contract: the same assertions hold on PGlite and on PostgreSQL.
const ctx = await createTestContext();

describe(`database driver contract (${ctx.driver})`, () => {
  it('returns the same JS types on both drivers', async () => {
    const { rows } = await sql<{
      big: number;
      count: number;
      day: string;
      at: Date;
      num: string;
      arr: string[];
      doc: { a: number };
      flag: boolean;
    }>`SELECT 9007199254740991::int8 AS big, count(*) AS count, DATE '2026-02-28' AS day,
        TIMESTAMPTZ '2026-11-22 08:00:00+08' AS at, 12.50::numeric AS num, ARRAY['a','b']::text[] AS arr,
        '{"a":1}'::jsonb AS doc, true AS flag FROM (VALUES (1),(2)) v(x)`.execute(ctx.db);
    const row = rows[0]!;
    expect(row.big).toBe(9007199254740991);
    expect(row.count).toBe(2);
    expect(row.day).toBe('2026-02-28');
    expect(row.at).toBeInstanceOf(Date);
    expect(row.at.toISOString()).toBe('2026-11-22T00:00:00.000Z');
    expect(row.num).toBe('12.50');
    expect(row.arr).toEqual(['a', 'b']);
    expect(row.doc).toEqual({ a: 1 });
    expect(row.flag).toBe(true);
  });

  it('refuses int8 values beyond the safe integer range instead of rounding them', async () => {
    await expect(sql`SELECT 9007199254740993::int8 AS big`.execute(ctx.db)).rejects.toThrow(/safe integer/);
  });

  it('starts from the migrated golden image', async () => {
    const { rows } = await sql<{ name: string }>`SELECT name FROM schema_migration ORDER BY name`.execute(ctx.db);
    expect(rows.map((r) => r.name)).toEqual(listMigrations().map((m) => m.name));
  });

  it('rolls back every statement of a failed transaction', async () => {
    await sql`CREATE TABLE tx_probe (id int PRIMARY KEY)`.execute(ctx.db);
    await expect(
      inTransaction(ctx.db, async (tx) => {
        await sql`INSERT INTO tx_probe VALUES (1)`.execute(tx);
        await sql`INSERT INTO tx_probe VALUES (1)`.execute(tx); // duplicate key
      }),
    ).rejects.toThrow();
    const { rows } = await sql<{ n: number }>`SELECT count(*) AS n FROM tx_probe`.execute(ctx.db);
    expect(rows[0]!.n).toBe(0);
  });

  it('keeps concurrent transactions apart (no statement runs inside another request’s transaction)', async () => {
    await sql`CREATE TABLE tx_isolation (id int PRIMARY KEY)`.execute(ctx.db);
    const failing = inTransaction(ctx.db, async (tx) => {
      await sql`INSERT INTO tx_isolation VALUES (1)`.execute(tx);
      await new Promise((r) => setTimeout(r, 50));
      throw new Error('roll me back');
    });
    // Issued while the first transaction is open; must not be swallowed by its rollback.
    const independent = (async () => {
      await new Promise((r) => setTimeout(r, 10));
      await sql`INSERT INTO tx_isolation VALUES (2)`.execute(ctx.db);
    })();
    await expect(failing).rejects.toThrow('roll me back');
    await independent;
    const { rows } = await sql<{ id: number }>`SELECT id FROM tx_isolation ORDER BY id`.execute(ctx.db);
    expect(rows.map((r) => r.id)).toEqual([2]);
  });

  // PostgreSQL only: PGlite runs in-process and has no server that could end a connection.
  it.skipIf(ctx.driver !== 'postgres')('survives the server ending an idle pooled connection', async () => {
    const { rows } = await sql<{ pid: number }>`SELECT pg_backend_pid() AS pid`.execute(ctx.db);
    // Another session ends that backend while its connection sits idle in the pool.
    const admin = new pg.Client({ connectionString: testDatabaseUrl() });
    await admin.connect();
    try {
      await admin.query('SELECT pg_terminate_backend($1)', [rows[0]!.pid]);
    } finally {
      await admin.end();
    }
    await new Promise((r) => setTimeout(r, 200));
    const after = await sql<{ one: number }>`SELECT 1 AS one`.execute(ctx.db);
    expect(after.rows[0]!.one).toBe(1);
  });
});

describe('StatementNames (prepared statements on PostgreSQL and PGlite)', () => {
  it('names a marked statement from its third execution, keeps the name, never names unmarked ones, and stops naming new texts at the cap', () => {
    const names = new StatementNames(3, 2);
    const a = 'select 1 where a = $1 /* prepared */';
    expect([names.nameOf(a), names.nameOf(a)]).toEqual([undefined, undefined]);
    const first = names.nameOf(a);
    expect(first).toMatch(/^anxin_\d+$/);
    expect(names.nameOf(a)).toBe(first);
    for (let i = 0; i < 5; i++) expect(names.nameOf('select 9 where z like $1')).toBeUndefined();
    const b = 'select 2 where b = $1 /* prepared */';
    for (let i = 0; i < 3; i++) names.nameOf(b);
    expect(names.nameOf(b)).not.toBe(first);
    for (let i = 0; i < 5; i++) expect(names.nameOf('select 3 where c = $1 /* prepared */')).toBeUndefined();
    expect(names.nameOf(a)).toBe(first);
  });

  it.runIf(ctx.driver === 'pglite')('on PGlite a repeated statement becomes a prepared statement of the session: fresh parameters, the same types, errors with their code, rolled back with its transaction', async () => {
    const results: { v: string; at: Date; n: number; doc: { k: number } | null }[] = [];
    for (let i = 0; i < 6; i++) {
      const row = (await sql<{ v: string; at: Date; n: number; doc: { k: number } | null }>`SELECT ${`value ${i}`}::text AS v, ${new Date(Date.UTC(2026, 10, 22, i))}::timestamptz AS at, ${i}::int8 AS n, ${i % 2 ? null : JSON.stringify({ k: i })}::jsonb AS doc ${PREPARED}`.execute(ctx.db)).rows[0]!;
      results.push(row);
    }
    expect(results).toEqual(Array.from({ length: 6 }, (_, i) => ({ v: `value ${i}`, at: new Date(Date.UTC(2026, 10, 22, i)), n: i, doc: i % 2 ? null : { k: i } })));
    const prepared = await sql<{ name: string }>`SELECT name FROM pg_prepared_statements WHERE statement LIKE 'SELECT $1::text AS v, %'`.execute(ctx.db);
    expect(prepared.rows.map((r) => r.name)).toEqual([expect.stringMatching(/^anxin_\d+$/)]);

    await sql`CREATE TABLE prepared_probe (id int PRIMARY KEY)`.execute(ctx.db);
    const insert = (id: number, db: typeof ctx.db = ctx.db) => sql`INSERT INTO prepared_probe (id) VALUES (${id}) ${PREPARED}`.execute(db);
    for (const id of [1, 2, 3, 4]) expect((await insert(id)).numAffectedRows).toBe(1n);
    await expect(insert(4)).rejects.toMatchObject({ code: '23505' });
    await expect(inTransaction(ctx.db, async (tx) => (await insert(5, tx), await insert(1, tx)))).rejects.toMatchObject({ code: '23505' });
    expect((await sql<{ ids: number[] }>`SELECT array_agg(id ORDER BY id) AS ids FROM prepared_probe`.execute(ctx.db)).rows[0]!.ids).toEqual([1, 2, 3, 4]);
  });

  it.runIf(ctx.driver === 'postgres')('on PostgreSQL a repeated statement becomes a prepared statement of the connection and still takes fresh parameters', async () => {
    const single = await openDatabase({ driver: 'postgres', url: testDatabaseUrl(), poolSize: 1 });
    try {
      const results: string[] = [];
      for (let i = 0; i < 6; i++) results.push((await sql<{ v: string }>`SELECT ${`value ${i}`}::text AS v ${PREPARED}`.execute(single.db)).rows[0]!.v);
      expect(results).toEqual(Array.from({ length: 6 }, (_, i) => `value ${i}`));
      const prepared = await sql<{ name: string }>`SELECT name FROM pg_prepared_statements WHERE statement = 'SELECT $1::text AS v /* prepared */'`.execute(single.db);
      expect(prepared.rows.map((r) => r.name)).toEqual([expect.stringMatching(/^anxin_\d+$/)]);
    } finally {
      await single.close();
    }
  });
});
