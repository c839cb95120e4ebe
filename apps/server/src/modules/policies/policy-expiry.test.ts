import type { TPolicy, TPolicyList } from '@anxin/contracts';
import { describe, expect, it } from 'vitest';
import { cipherFor } from '../../app.ts';
import { createTestContext } from '../../test/context.ts';
import { loginAs, seedOrg, seedStaff } from '../../test/factories.ts';
import { createCustomer } from '../customers/index.ts';
import { createProduct } from '../products/index.ts';
import { createPolicy, expireEndedPolicies } from './index.ts';

// A policy's term ends on its own: the sweep turns in-force and lapsed policies past their last day
// of cover into expired ones, audited, once; the renewal work list shows only what is still to come.
const ctx = await createTestContext();
const deps = { db: ctx.db, cipher: cipherFor(ctx.config) };
const org = await seedOrg(ctx.db);
const { units, system } = org;
const agent = await seedStaff(ctx.db, org, units.eastA.id, 'ea.agent', ['agent']);
await seedStaff(ctx.db, org, units.eastA.id, 'ea.csr', ['csr']);
const csr = await loginAs(ctx.app, 'ea.csr');
const product = await createProduct(deps, system, { code: 'ACC-EXP', name: '安心意外', line: 'accident', riskLevel: 'R1', waitingDays: 0, coverages: [{ code: 'ACC', name: '意外身故' }], claimDocuments: [] });
const holder = (await createCustomer(deps, system, { name: '周期', orgUnitId: units.eastA.id, ownerAgentId: agent.staff.id })).id;
const policy = async (effectiveOn: string, expiresOn: string) =>
  (await createPolicy(deps, system, { productId: product.id, policyholderId: holder, insuredIds: [holder], sumInsuredFen: 1_000_000, premiumFen: 10_000, paymentFrequency: 'annual', effectiveOn, expiresOn, agentId: agent.staff.id })).row;

describe('policy expiry', () => {
  it('expires in-force and lapsed policies after their last day of cover, once, audited; a policy ending today stays in force', async () => {
    const ended = await policy('2025-07-01', '2026-06-30');
    const endsToday = await policy('2025-07-02', '2026-07-01');
    const lapsed = await policy('2025-06-01', '2026-05-31');
    await ctx.db.updateTable('policy').set({ status: 'lapsed', status_changed_on: '2026-03-01' }).where('id', '=', lapsed.id).execute();
    const now = new Date('2026-07-01T04:00:00.000Z'); // 12:00 on 2026-07-01 in China
    expect(await expireEndedPolicies(deps, now)).toBe(2);
    const rows = await ctx.db.selectFrom('policy').select(['id', 'status', 'status_reason', 'status_changed_on', 'version']).where('id', 'in', [ended.id, endsToday.id, lapsed.id]).execute();
    const byId = new Map(rows.map((r) => [r.id, r]));
    expect(byId.get(ended.id)).toMatchObject({ status: 'expired', status_reason: 'term_ended', status_changed_on: '2026-06-30', version: ended.version + 1 });
    expect(byId.get(lapsed.id)).toMatchObject({ status: 'expired', status_reason: 'term_ended' });
    expect(byId.get(endsToday.id)).toMatchObject({ status: 'in_force' });
    const audit = await ctx.db.selectFrom('audit_event').select(['entity_id', 'actor_id', 'data']).where('action', '=', 'policy.updated').where('entity_id', 'in', [ended.id, lapsed.id]).execute();
    expect(audit.map((a) => [a.entity_id, a.actor_id, (a.data as { status: unknown }).status]).sort()).toEqual(
      [
        [ended.id, null, { from: 'in_force', to: 'expired' }],
        [lapsed.id, null, { from: 'lapsed', to: 'expired' }],
      ].sort(),
    );
    // Idempotent: a second pass the same day changes nothing; the next day the other one ends.
    expect(await expireEndedPolicies(deps, now)).toBe(0);
    expect(await expireEndedPolicies(deps, new Date('2026-07-01T16:30:00.000Z'))).toBe(1);
    const detail = (await ctx.request({ method: 'GET', url: `/api/v1/policies/${endsToday.id}`, token: csr })).json() as TPolicy;
    expect(detail).toMatchObject({ status: 'expired', statusReason: 'term_ended' });
  });

  it('the renewal work list: expiring from a day up to a day, soonest first', async () => {
    const soon = await policy('2026-01-10', '2027-01-09');
    const later = await policy('2026-02-10', '2027-02-09');
    await policy('2026-03-10', '2027-03-09');
    const list = (await ctx.request({ method: 'GET', url: '/api/v1/policies?expiringFrom=2027-01-01&expiringBefore=2027-02-28&sort=expiresOn', token: csr })).json() as TPolicyList;
    expect(list.items.map((p) => p.id)).toEqual([soon.id, later.id]);
  });
});

describe('lifecycle stage follows the policies', () => {
  const stageOf = async (id: string) => (await ctx.db.selectFrom('customer').select('lifecycle_stage').where('id', '=', id).executeTakeFirstOrThrow()).lifecycle_stage;
  const issue = (holderId: string, insuredIds: string[], effectiveOn: string, expiresOn: string, status?: 'pending') =>
    createPolicy(deps, system, { productId: product.id, policyholderId: holderId, insuredIds, sumInsuredFen: 1_000_000, premiumFen: 10_000, paymentFrequency: 'annual', effectiveOn, expiresOn, agentId: agent.staff.id, ...(status ? { status } : {}) });

  it('a prospect becomes active with an issued policy (holder and insured), not with a pending one; lapsed, then former when every policy has ended', async () => {
    const parent = (await createCustomer(deps, system, { name: '林晓峰', orgUnitId: units.eastA.id, ownerAgentId: agent.staff.id })).id;
    const child = (await createCustomer(deps, system, { name: '林小雨', orgUnitId: units.eastA.id, ownerAgentId: agent.staff.id })).id;
    expect([await stageOf(parent), await stageOf(child)]).toEqual(['prospect', 'prospect']);
    const pending = await issue(parent, [parent], '2026-01-01', '2026-12-31', 'pending');
    expect(await stageOf(parent)).toBe('prospect');
    const issued = await issue(parent, [child], '2026-01-01', '2026-12-31');
    expect([await stageOf(parent), await stageOf(child)]).toEqual(['active', 'active']);

    const lapse = await ctx.request({ method: 'POST', url: `/api/v1/policies/${issued.row.id}/status`, token: csr, payload: { status: 'lapsed', reason: '欠缴保费', version: issued.row.version } });
    expect(lapse.statusCode, lapse.body).toBe(200);
    expect([await stageOf(parent), await stageOf(child)]).toEqual(['lapsed', 'lapsed']);
    // The pending policy does not count; when the term of the lapsed one is over, both are former customers.
    expect(await expireEndedPolicies(deps, new Date('2027-01-02T04:00:00.000Z'))).toBeGreaterThanOrEqual(1);
    expect([await stageOf(parent), await stageOf(child)]).toEqual(['former', 'former']);
    expect((await ctx.db.selectFrom('policy').select('status').where('id', '=', pending.row.id).executeTakeFirstOrThrow()).status).toBe('pending');
  });
});
