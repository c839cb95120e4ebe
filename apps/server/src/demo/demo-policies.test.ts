import { PRODUCT_LINES } from '@anxin/contracts';
import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { cipherFor } from '../app.ts';
import { createTestContext } from '../test/context.ts';
import { loadDemo } from './index.ts';

const ctx = await createTestContext();
await loadDemo(ctx.db, cipherFor(ctx.config), ctx.config.uploadDir);
const again = await createTestContext();
await loadDemo(again.db, cipherFor(again.config), again.config.uploadDir);

const signature = async (db: typeof ctx.db) =>
  (
    await db
      .selectFrom('policy as p')
      .innerJoin('product as pr', 'pr.id', 'p.product_id')
      .innerJoin('customer as c', 'c.id', 'p.customer_id')
      .select(['p.policy_no', 'pr.code', 'c.name', 'p.status', 'p.premium_fen', 'p.sum_insured_fen', 'p.effective_on', 'p.expires_on'])
      .orderBy('p.policy_no')
      .execute()
  ).map((r) => Object.values(r).join('|'));

describe('demo products and policies', () => {
  it('has a catalogue of at least 12 products covering all nine lines', async () => {
    const products = await ctx.db.selectFrom('product').select(['code', 'line', 'coverages', 'claim_documents']).execute();
    expect(products.length).toBeGreaterThanOrEqual(12);
    expect(new Set(products.map((p) => p.line))).toEqual(new Set(PRODUCT_LINES));
    for (const p of products) {
      expect(p.coverages.length).toBeGreaterThan(0);
      expect(p.claim_documents.length).toBeGreaterThan(2);
    }
  });

  it('gives most non-prospect households one to a few policies across lines and statuses', async () => {
    const policies = await ctx.db.selectFrom('policy').select(['status', 'customer_id']).execute();
    expect(policies.length).toBeGreaterThan(2000);
    expect(policies.length).toBeLessThan(8000);
    const statuses = new Set(policies.map((p) => p.status));
    for (const s of ['in_force', 'expired', 'lapsed', 'surrendered']) expect(statuses).toContain(s);
    const insured = await ctx.db.selectFrom('policy_party').select(sql<number>`count(DISTINCT customer_id)`.as('n')).executeTakeFirstOrThrow();
    const persons = await ctx.db.selectFrom('customer').select(sql<number>`count(*)`.as('n')).where('lifecycle_stage', '<>', 'prospect').executeTakeFirstOrThrow();
    expect(Number(insured.n) / Number(persons.n)).toBeGreaterThan(0.6);
    const prospects = await ctx.db.selectFrom('policy as p').innerJoin('customer as c', 'c.id', 'p.customer_id').select('p.id').where('c.lifecycle_stage', '=', 'prospect').execute();
    expect(prospects).toEqual([]);
  });

  it('keeps every rule the API enforces: shares total 100, applicant = policyholder, dates, licences, renewals', async () => {
    const shares = await ctx.db.selectFrom('policy_party').select(['policy_id', sql<number>`sum(share_pct)`.as('total')]).where('role', '=', 'beneficiary').groupBy('policy_id').execute();
    expect(shares.length).toBeGreaterThan(100);
    expect(shares.filter((s) => Number(s.total) !== 100)).toEqual([]);
    const badApplicant = await ctx.db
      .selectFrom('policy as p')
      .select('p.id')
      .where(({ not, exists, selectFrom }) => not(exists(selectFrom('policy_party as pp').select('pp.policy_id').whereRef('pp.policy_id', '=', 'p.id').whereRef('pp.customer_id', '=', 'p.customer_id').where('pp.role', '=', 'applicant'))))
      .execute();
    expect(badApplicant).toEqual([]);
    const unlicensed = await ctx.db
      .selectFrom('policy as p')
      .innerJoin('staff as s', 's.id', 'p.agent_id')
      .select('p.id')
      .where((eb) => eb.or([eb('s.licence_no', 'is', null), eb('s.licence_valid_from', '>', eb.ref('p.effective_on')), eb('s.licence_valid_to', '<', eb.ref('p.effective_on'))]))
      .execute();
    expect(unlicensed).toEqual([]);
    const renewals = await ctx.db.selectFrom('policy as p').innerJoin('policy as prev', 'prev.id', 'p.renewal_of_id').select(['prev.status', 'prev.customer_id', 'p.customer_id as renewal_holder']).execute();
    expect(renewals.length).toBeGreaterThan(300);
    for (const r of renewals) {
      expect(r.status).toBe('expired');
      expect(r.customer_id).toBe(r.renewal_holder);
    }
    const surrendered = await ctx.db.selectFrom('policy as p').leftJoin('endorsement as e', 'e.policy_id', 'p.id').select(['p.surrender_value_fen', 'e.type']).where('p.status', '=', 'surrendered').execute();
    expect(surrendered.length).toBeGreaterThan(0);
    for (const s of surrendered) expect(s).toMatchObject({ type: 'surrender', surrender_value_fen: expect.any(Number) });
    const inForceExpired = await ctx.db.selectFrom('policy').select('id').where('status', '=', 'in_force').where('expires_on', '<=', '2026-11-01').execute();
    expect(inForceExpired).toEqual([]);
  });

  it('is the same on every load', async () => {
    expect(await signature(again.db)).toEqual(await signature(ctx.db));
  });
});
