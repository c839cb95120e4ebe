// The 360 view reads its sections (policies, claims, complaints — other modules' statements) as
// JSON columns of the customer's own statement. Their rows must come back exactly as the same
// statement returns them when it runs alone: every type (timestamps revived, dates, money, nested
// JSON), every row, in order. Checked on the demo book, for staff of every level.
import { sql, CompiledQuery } from 'kysely';
import { describe, expect, it } from 'vitest';
import { CUSTOMER_360_SECTIONS, cipherFor } from '../../app.ts';
import { loadDemo } from '../../demo/index.ts';
import { runWithRiders } from '../../platform/db/compiled.ts';
import { createTestContext } from '../../test/context.ts';
import { actorFromStaff } from '../auth/index.ts';
import { findStaffById, findStaffCredentialsByUsername } from '../org/index.ts';
import { customerScopeOf } from './customer.policy.ts';
import { findCustomer360 } from './customer360.repository.ts';

const ctx = await createTestContext();
await loadDemo(ctx.db, cipherFor(ctx.config), ctx.config.uploadDir);
const deps = { db: ctx.db, cipher: cipherFor(ctx.config) };
const actorOf = async (username: string) => actorFromStaff((await findStaffById(ctx.db, (await findStaffCredentialsByUsername(ctx.db, username))!.id))!);

// Customers with the most around them: claims, complaints and policies.
const { rows: busiest } = await sql<{ id: string }>`
  SELECT c.id FROM customer c
  ORDER BY (SELECT count(*) FROM claim WHERE customer_id = c.id) + (SELECT count(*) FROM complaint WHERE customer_id = c.id)
         + (SELECT count(*) FROM policy_party WHERE customer_id = c.id) DESC, c.id
  LIMIT 40`.execute(ctx.db);

describe(`customer 360 sections riding on the customer's statement (${ctx.driver})`, () => {
  it.each(['admin', 'zj.branch_manager', 'hz.claims_adjuster', 'hz.complaint_handler', 'hz.agent'])('as %s: each section reads the rows its statement reads alone', async (username) => {
    const actor = await actorOf(username);
    const datesSeen = new Map<string, Set<string>>();
    let rowsCompared = 0;
    for (const { id } of busiest) {
      const reads = CUSTOMER_360_SECTIONS.map((s) => s.read(deps, actor, id));
      const view = await findCustomer360(ctx.db, id, customerScopeOf(actor), 11, reads.map((r) => r.statement));
      for (const [i, read] of reads.entries()) {
        const key = CUSTOMER_360_SECTIONS[i]!.key;
        if (!read.statement) {
          if (view) expect(view.riders[i]).toBeNull();
          continue;
        }
        if (!view) continue;
        const alone = (await ctx.db.executeQuery(CompiledQuery.raw(read.statement.sql, [...read.statement.parameters]))).rows as Record<string, unknown>[];
        expect(view.riders[i], `${key} of ${id}`).toEqual(alone);
        rowsCompared += alone.length;
        for (const row of alone) for (const [column, value] of Object.entries(row)) if (value instanceof Date) (datesSeen.get(key) ?? datesSeen.set(key, new Set()).get(key)!).add(column);
      }
    }
    if (username === 'admin') {
      // The comparison covered rows with timestamps in every section (JSON carries them as strings).
      expect(rowsCompared).toBeGreaterThan(50);
      expect([...datesSeen.keys()].sort()).toEqual(['claims', 'complaints', 'policies']);
      expect([...datesSeen.get('complaints')!]).toEqual(expect.arrayContaining(['received_at', 'due_at', 'created_at']));
      expect([...datesSeen.get('claims')!]).toEqual(expect.arrayContaining(['reported_at', 'incident_at', 'next_due_at']));
    }
  });

  it('a customer out of scope reads no section: the statement returns no row', async () => {
    const actor = await actorOf('hz.agent');
    const outside = await sql<{ id: string }>`SELECT c.id FROM customer c JOIN org_unit o ON o.id = c.org_unit_id WHERE o.code = 'SC-CD' LIMIT 1`.execute(ctx.db);
    const id = outside.rows[0]!.id;
    const reads = CUSTOMER_360_SECTIONS.map((s) => s.read(deps, actor, id));
    expect(await findCustomer360(ctx.db, id, customerScopeOf(actor), 11, reads.map((r) => r.statement))).toBeUndefined();
  });
});

describe(`runWithRiders (${ctx.driver})`, () => {
  it('renumbers each rider’s placeholders after those before it, and leaves out the riders that are null', async () => {
    const main = { sql: 'select $1::int as a, $2::text as b', parameters: [7, 'x'], fromJson: (r: readonly Record<string, unknown>[]) => r as never[] };
    const one = { sql: 'select n from generate_series($1::int, $2::int) as n order by n desc', parameters: [1, 3], fromJson: (r: readonly Record<string, unknown>[]) => r as never[] };
    // Literals around a placeholder (and a doubled quote inside one) stay as they are.
    const two = { sql: "select 'it''s' as q, $1::text as t, 'z' as z", parameters: ['y'], fromJson: (r: readonly Record<string, unknown>[]) => r as never[] };
    const [got] = await runWithRiders(ctx.db, main, [one, null, two]);
    expect(got).toEqual({ row: { a: 7, b: 'x' }, riders: [[{ n: 3 }, { n: 2 }, { n: 1 }], null, [{ q: "it's", t: 'y', z: 'z' }]] });
  });

  it('refuses a rider whose quoted literal holds a $ (its placeholders could not be told apart)', async () => {
    const main = { sql: 'select 1 as a', parameters: [], fromJson: (r: readonly Record<string, unknown>[]) => r as never[] };
    const rider = { sql: "select '$1' as t, $1::int as n", parameters: [1], fromJson: (r: readonly Record<string, unknown>[]) => r as never[] };
    await expect(runWithRiders(ctx.db, main, [rider])).rejects.toThrow(/holds a \$/);
  });
});
