import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { createTestContext } from '../../test/context.ts';
import { compileOnce } from './compiled.ts';

const ctx = await createTestContext();

describe(`compileOnce (${ctx.driver})`, () => {
  // Units by path pattern and, when given, code: two shapes of one statement.
  const units = compileOnce((db, v: { pathPattern: string; code?: string; limit: number }) => {
    let q = db.selectFrom('org_unit').select(['code', 'path']).where('path', 'like', v.pathPattern);
    if (v.code !== undefined) q = q.where('code', '=', v.code);
    return q.orderBy('path').limit(v.limit);
  });

  it('builds once per shape and runs each call with its own values', async () => {
    await sql`INSERT INTO org_unit (id, code, name, level, parent_id, path)
      VALUES (gen_random_uuid(), 'CMP-A', 'A', 'hq', NULL, '/cmp-a/'), (gen_random_uuid(), 'CMP-B', 'B', 'hq', NULL, '/cmp-b/')`.execute(ctx.db);
    const codes = async (v: Parameters<typeof units>[1]) => (await units(ctx.db, v)).map((r) => r.code);
    expect(await codes({ pathPattern: '/cmp-%', limit: 10 })).toEqual(['CMP-A', 'CMP-B']);
    expect(await codes({ pathPattern: '/cmp-b%', limit: 10 })).toEqual(['CMP-B']);
    expect(await codes({ pathPattern: '/cmp-%', limit: 1 })).toEqual(['CMP-A']);
    // The other shape (a code given), then the first again: each keeps its own text.
    expect(await codes({ pathPattern: '/cmp-%', code: 'CMP-B', limit: 10 })).toEqual(['CMP-B']);
    expect(await codes({ pathPattern: '/cmp-%', code: 'CMP-A', limit: 10 })).toEqual(['CMP-A']);
    expect(await codes({ pathPattern: '/cmp-%', code: undefined, limit: 10 })).toEqual(['CMP-A', 'CMP-B']);
  });

  it('runs inside a transaction', async () => {
    const inside = await ctx.db.transaction().execute(async (tx) => (await units(tx, { pathPattern: '/cmp-a%', limit: 5 })).map((r) => r.path));
    expect(inside).toEqual(['/cmp-a/']);
  });

  it('refuses a builder that turns a value into something else instead of passing it through', async () => {
    const concatenated = compileOnce((db, v: { path: string }) => db.selectFrom('org_unit').select('code').where('path', 'like', `${v.path}%`));
    await expect(concatenated(ctx.db, { path: '/cmp-a/' })).rejects.toThrow(/path did not become parameters/);
  });
});
