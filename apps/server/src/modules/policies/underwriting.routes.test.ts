import type { TPolicy, TUnderwritingDecisionList, TUnderwritingQueue } from '@anxin/contracts';
import { describe, expect, it } from 'vitest';
import { cipherFor } from '../../app.ts';
import { createTestContext } from '../../test/context.ts';
import { loginAs, seedOrg, seedStaff } from '../../test/factories.ts';
import { expectProblem } from '../../test/problems.ts';
import { createCustomer } from '../customers/index.ts';
import { createProduct } from '../products/index.ts';
import { addDays, todayInChina } from './policy-dates.ts';

// Underwriting (docs/policies.md "Underwriting"): the queue of applications and the decision on each.
const ctx = await createTestContext();
const deps = { db: ctx.db, cipher: cipherFor(ctx.config) };
const org = await seedOrg(ctx.db);
const { units, system } = org;

const agent = await seedStaff(ctx.db, org, units.eastA.id, 'ea.agent', ['agent']);
await seedStaff(ctx.db, org, units.eastA.id, 'ea.underwriter', ['underwriter']);
await seedStaff(ctx.db, org, units.westA.id, 'wa.underwriter', ['underwriter']);
await seedStaff(ctx.db, org, units.east.id, 'east.manager', ['branch_manager']);
await seedStaff(ctx.db, org, units.eastA.id, 'ea.adjuster', ['claims_adjuster']);
const token = {
  agent: await loginAs(ctx.app, 'ea.agent'),
  underwriter: await loginAs(ctx.app, 'ea.underwriter'),
  westUnderwriter: await loginAs(ctx.app, 'wa.underwriter'),
  manager: await loginAs(ctx.app, 'east.manager'),
  adjuster: await loginAs(ctx.app, 'ea.adjuster'),
};

const today = todayInChina();
const customer = async (name: string) => (await createCustomer(deps, system, { name, orgUnitId: units.eastA.id, ownerAgentId: agent.staff.id })).id;
const product = async (code: string, line: 'critical_illness' | 'motor_compulsory') => (await createProduct(deps, system, { code, name: code, line, riskLevel: 'R2', coverages: [{ code: 'MAIN', name: '主责任' }] })).id;
const ci = await product('UW-CI', 'critical_illness');
const motor = await product('UW-MOTOR', 'motor_compulsory');

/** An application: a policy the agent enters as pending. */
const apply = async (holder: string, productId = ci, premiumFen = 800_000, effectiveOn = today) => {
  const res = await ctx.request({
    method: 'POST',
    url: '/api/v1/policies',
    token: token.agent,
    payload: { productId, policyholderId: holder, insuredIds: [holder], sumInsuredFen: 50_000_000, premiumFen, paymentFrequency: 'annual', effectiveOn, expiresOn: '2046-12-31', agentId: agent.staff.id, status: 'pending' },
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as TPolicy;
};
const decide = (t: string | undefined, policy: { id: string; version: number }, payload: Record<string, unknown>) =>
  ctx.request({ method: 'POST', url: `/api/v1/policies/${policy.id}/underwriting-decisions`, token: t, payload: { version: policy.version, ...payload } });
const queue = async (t: string, query = '') => {
  const res = await ctx.request({ method: 'GET', url: `/api/v1/underwriting/queue${query}`, token: t });
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as TUnderwritingQueue;
};

const first = await apply(await customer('周保'));
const second = await apply(await customer('吴投'));

describe('the underwriting queue', () => {
  it('lists the applications in scope, the longest waiting first, with how long each has waited', async () => {
    const { items } = await queue(token.underwriter);
    const ids = items.map((i) => i.id);
    expect(ids.indexOf(first.id)).toBeGreaterThanOrEqual(0);
    expect(ids.indexOf(first.id)).toBeLessThan(ids.indexOf(second.id));
    expect(items.find((i) => i.id === first.id)).toMatchObject({ policyNo: first.policyNo, status: 'pending', waitingDays: 0, blacklistReferral: false, premiumFen: 800_000 });
    // Another branch's underwriter does not see them.
    expect((await queue(token.westUnderwriter)).items.map((i) => i.id)).not.toContain(first.id);
  });

  it('pages by keyset', async () => {
    const page1 = await queue(token.underwriter, '?limit=1');
    expect(page1.items).toHaveLength(1);
    expect(page1.nextCursor).not.toBeNull();
    const page2 = await queue(token.underwriter, `?limit=1&cursor=${encodeURIComponent(page1.nextCursor!)}`);
    expect(page2.items[0]!.id).not.toBe(page1.items[0]!.id);
  });

  it('403 for a role that does not underwrite', async () => {
    expectProblem(await ctx.request({ method: 'GET', url: '/api/v1/underwriting/queue', token: token.agent }), 403, 'FORBIDDEN');
  });
});

describe('POST /api/v1/policies/:id/underwriting-decisions', () => {
  it('401, 403 for an agent, 404 outside the scope', async () => {
    expectProblem(await decide(undefined, first, { decision: 'standard' }), 401, 'UNAUTHENTICATED');
    expectProblem(await decide(token.agent, first, { decision: 'standard' }), 403, 'FORBIDDEN');
    expectProblem(await decide(token.westUnderwriter, first, { decision: 'standard' }), 404, 'NOT_FOUND');
  });

  it('says what each decision needs, every field at once', async () => {
    const check = async (payload: Record<string, unknown>, fields: [string, string][]) => {
      const res = await decide(token.underwriter, first, payload);
      const body = expectProblem(res, 400, 'VALIDATION_FAILED');
      expect(body.errors!.map((e) => [e.field, e.rule])).toEqual(fields);
    };
    await check({ decision: 'preferential' }, [['body.premiumAdjustmentPct', 'discount_required'], ['body.reason', 'required']]);
    await check({ decision: 'preferential', premiumAdjustmentPct: 10, reason: '体检优良' }, [['body.premiumAdjustmentPct', 'adjustment_not_allowed']]);
    await check({ decision: 'conditional', reason: '既往病史' }, [['body.premiumAdjustmentPct', 'loading_or_exclusions_required']]);
    await check({ decision: 'conditional', premiumAdjustmentPct: -10, reason: '既往病史' }, [['body.premiumAdjustmentPct', 'adjustment_not_allowed']]);
    await check({ decision: 'standard', premiumAdjustmentPct: 20, exclusions: '甲状腺疾病' }, [['body.premiumAdjustmentPct', 'adjustment_not_allowed'], ['body.exclusions', 'exclusions_not_allowed']]);
    await check({ decision: 'declined' }, [['body.reason', 'required']]);
    expectProblem(await decide(token.underwriter, first, { decision: 'conditional', premiumAdjustmentPct: 301, reason: 'x-ray' }), 400, 'VALIDATION_FAILED', ['body.premiumAdjustmentPct']);
  });

  it('conditional terms issue the policy at the loaded premium and keep the decision with its reasons', async () => {
    const res = await decide(token.underwriter, first, { decision: 'conditional', premiumAdjustmentPct: 25, exclusions: '甲状腺疾病及其并发症', reason: '甲状腺结节 3 级' });
    expect(res.statusCode, res.body).toBe(201);
    const policy = res.json() as TPolicy;
    expect(policy).toMatchObject({ status: 'in_force', premiumFen: 1_000_000, version: first.version + 1 });
    // The status says the decision only; its reasons (an illness) stay with the decision, encrypted.
    expect(policy.statusReason).toBe('underwriting: conditional');
    const stored = await ctx.db.selectFrom('underwriting_decision').selectAll().where('policy_id', '=', first.id).executeTakeFirstOrThrow();
    expect(JSON.stringify(stored)).not.toContain('甲状腺');
    const decisions = (await ctx.request({ method: 'GET', url: `/api/v1/policies/${first.id}/underwriting-decisions`, token: token.agent })).json() as TUnderwritingDecisionList;
    expect(decisions.items).toEqual([
      expect.objectContaining({ decision: 'conditional', premiumAdjustmentPct: 25, exclusions: '甲状腺疾病及其并发症', reason: '甲状腺结节 3 级', premiumBeforeFen: 800_000, premiumAfterFen: 1_000_000, decidedBy: 'ea.underwriter' }),
    ]);
    // Reading them is audited.
    expect(await ctx.db.selectFrom('audit_event').select('action').where('entity_id', '=', first.id).where('action', '=', 'policy.underwriting_viewed').execute()).toHaveLength(1);
    // Issued: the new-policy visit is queued, and the decision is in the audit trail.
    expect(await ctx.db.selectFrom('outbox').select('topic').where('aggregate_id', '=', first.id).execute()).toEqual([{ topic: 'policy.issued' }]);
    const audit = await ctx.db.selectFrom('audit_event').select(['action', 'data']).where('entity_id', '=', first.id).where('action', '=', 'policy.underwritten').execute();
    expect(audit).toHaveLength(1);
    expect(audit[0]!.data).toMatchObject({ decision: 'conditional', premiumFen: { from: 800_000, to: 1_000_000 }, status: { from: 'pending', to: 'in_force' } });
    // Decided once: a second decision is refused.
    const again = expectProblem(await decide(token.underwriter, policy, { decision: 'standard' }), 409, 'POLICY_INVALID_STATUS_CHANGE');
    expect(again.errors![0]).toMatchObject({ field: 'body.decision', rule: 'not_pending' });
  });

  it('a stale version is a conflict; preferential terms discount; declined cancels', async () => {
    expectProblem(await decide(token.underwriter, { id: second.id, version: second.version + 5 }, { decision: 'standard' }), 409, 'VERSION_CONFLICT');
    const preferred = await apply(await customer('冯优'), ci, 1_000_000);
    const issued = await decide(token.underwriter, preferred, { decision: 'preferential', premiumAdjustmentPct: -15, reason: '体检各项指标优良' });
    expect(issued.statusCode, issued.body).toBe(201);
    expect(issued.json()).toMatchObject({ status: 'in_force', premiumFen: 850_000 });
    const declined = await decide(token.underwriter, second, { decision: 'declined', reason: '恶性肿瘤病史' });
    expect(declined.statusCode, declined.body).toBe(201);
    expect(declined.json()).toMatchObject({ status: 'cancelled', premiumFen: 800_000, statusReason: 'underwriting: declined' });
    expect(await ctx.db.selectFrom('outbox').select('topic').where('aggregate_id', '=', second.id).execute()).toEqual([]);
    expect((await queue(token.underwriter)).items.map((i) => i.id)).not.toContain(second.id);
  });

  it('an application issued weeks after its effective date gets its whole cooling-off period from the day it is issued', async () => {
    const late = await apply(await customer('蒋迟'), ci, 600_000, addDays(today, -40));
    const days = (await ctx.db.selectFrom('product').select('cooling_off_days').where('id', '=', ci).executeTakeFirstOrThrow()).cooling_off_days;
    expect(late.coolingOffEndsOn).toBe(addDays(today, days - 40));
    const res = await decide(token.underwriter, late, { decision: 'standard' });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({ status: 'in_force', coolingOffEndsOn: addDays(today, days) });
    expect(await ctx.db.selectFrom('outbox').select('topic').where('aggregate_id', '=', late.id).execute()).toEqual([{ topic: 'policy.issued' }]);
  });

  it('compulsory motor insurance is accepted at standard terms only', async () => {
    const car = await apply(await customer('陈车'), motor, 95_000);
    const refused = expectProblem(await decide(token.underwriter, car, { decision: 'declined', reason: '车况差' }), 400, 'VALIDATION_FAILED');
    expect(refused.errors![0]).toMatchObject({ field: 'body.decision', rule: 'compulsory_motor_standard_only' });
    expectProblem(await decide(token.underwriter, car, { decision: 'conditional', premiumAdjustmentPct: 10, reason: '出险多' }), 400, 'VALIDATION_FAILED');
    const accepted = await decide(token.underwriter, car, { decision: 'standard' });
    expect(accepted.statusCode, accepted.body).toBe(201);
    expect(accepted.json()).toMatchObject({ status: 'in_force', premiumFen: 95_000 });
  });

  it('an application held for the blacklist: the queue marks it; an underwriter may decline it, only a blacklist approver issues it', async () => {
    const bad = await customer('郑黑');
    const requested = await ctx.request({ method: 'POST', url: '/api/v1/blacklist', token: token.adjuster, payload: { customerId: bad, reason: 'fraud', detail: '伪造单据', evidence: '调查报告 F-9', startsOn: '2026-01-01' } });
    expect(requested.statusCode, requested.body).toBe(201);
    const entry = requested.json() as { id: string; version: number };
    const approved = await ctx.request({ method: 'POST', url: `/api/v1/blacklist/${entry.id}/approve`, token: token.manager, payload: { note: '证据充分', version: entry.version } });
    expect(approved.statusCode, approved.body).toBe(200);
    const held = (await ctx.request({
      method: 'POST',
      url: '/api/v1/policies',
      token: token.agent,
      payload: { productId: ci, policyholderId: bad, insuredIds: [bad], sumInsuredFen: 10_000_000, premiumFen: 50_000, paymentFrequency: 'annual', effectiveOn: today, expiresOn: '2036-12-31', agentId: agent.staff.id },
    })).json() as TPolicy;
    expect(held.status).toBe('pending');
    const referred = await queue(token.underwriter, '?blacklistReferral=true');
    expect(referred.items.map((i) => i.id)).toEqual([held.id]);
    expect(referred.items[0]).toMatchObject({ blacklistReferral: true });
    expect((await queue(token.underwriter, '?blacklistReferral=false')).items.map((i) => i.id)).not.toContain(held.id);
    expectProblem(await decide(token.underwriter, held, { decision: 'standard' }), 403, 'FORBIDDEN');
    const issued = await decide(token.manager, held, { decision: 'conditional', premiumAdjustmentPct: 50, reason: '黑名单客户，经复核加费承保' });
    expect(issued.statusCode, issued.body).toBe(201);
    expect(issued.json()).toMatchObject({ status: 'in_force', premiumFen: 75_000 });
  });
});

describe('POST /api/v1/policies/:id/status (issuing an application by hand)', () => {
  it('queues the new-policy visit as an underwriting decision does', async () => {
    const application = await apply(await customer('褚手'));
    const res = await ctx.request({ method: 'POST', url: `/api/v1/policies/${application.id}/status`, token: token.agent, payload: { version: application.version, status: 'in_force', reason: '资料齐全，签发' } });
    expect(res.statusCode, res.body).toBe(200);
    expect(await ctx.db.selectFrom('outbox').select('topic').where('aggregate_id', '=', application.id).execute()).toEqual([{ topic: 'policy.issued' }]);
  });
});
