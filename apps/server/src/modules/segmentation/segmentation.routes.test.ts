import type { TAutomationRule, TClusterJob, TClusterRun, TCustomerEntitlements, TCustomerMetrics, TSegment, TSegmentationOverview, TSegmentationRun, TSegmentMemberList, TSegmentProfile, TSegmentRunResult, TTagDefinition, TTierRuleList, TSegmentationSettings } from '@anxin/contracts';
import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { automationRuntimeFor, cipherFor } from '../../app.ts';
import { verifyAuditChain } from '../audit/index.ts';
import { dispatchOutbox, runDueWork, runScheduledRule } from '../automation/index.ts';
import { newId } from '../../platform/ids.ts';
import { createTestContext } from '../../test/context.ts';
import { loginAs, seedOrg, seedStaff } from '../../test/factories.ts';
import { expectProblem } from '../../test/problems.ts';
import { reportClaim } from '../claims/index.ts';
import { createComplaint } from '../complaints/index.ts';
import { addRelationship, changeConsent, createCustomer, logInteraction } from '../customers/index.ts';
import { createPolicy } from '../policies/index.ts';
import { createProduct } from '../products/index.ts';
import { createTaskInTransaction, scheduleVisitInTransaction, sendSurveyInTransaction } from '../service/index.ts';
import { refreshCustomers, runSegmentationAsSystem } from './index.ts';

// Segmentation on the real database and HTTP server: metric arithmetic on fixtures, RFM, lifecycle
// segments and quadrants, tag rules with their facts, tiers and entitlements, the good/bad lists,
// the segment explorer (preview, save, members, export) and clustering with named clusters.
const ctx = await createTestContext();
const deps = { db: ctx.db, cipher: cipherFor(ctx.config) };
const org = await seedOrg(ctx.db);
const { units, system } = org;
const agent = await seedStaff(ctx.db, org, units.eastA.id, 'ea.agent', ['agent']);
// The fixtures sell policies back to 2015: the agent has been licensed since then.
await ctx.db.updateTable('staff').set({ licence_valid_from: '2010-01-01' }).where('id', '=', agent.staff.id).execute();
await seedStaff(ctx.db, org, units.hq.id, 'hq.analyst', ['analyst']);
await seedStaff(ctx.db, org, units.hq.id, 'hq.admin', ['admin']);
await seedStaff(ctx.db, org, units.westA.id, 'wa.manager', ['branch_manager']);
const token = { agent: await loginAs(ctx.app, 'ea.agent'), analyst: await loginAs(ctx.app, 'hq.analyst'), admin: await loginAs(ctx.app, 'hq.admin'), westManager: await loginAs(ctx.app, 'wa.manager') };

const NOW = new Date('2026-11-22T04:00:00.000Z');
const product = (code: string, line: 'accident' | 'medical' | 'life' | 'critical_illness' | 'annuity') =>
  createProduct(deps, system, { code, name: code, line, riskLevel: 'R1', waitingDays: 0, coverages: [{ code: 'C', name: 'C' }], claimDocuments: [] });
const accident = await product('ACC', 'accident');
const medical = await product('MED', 'medical');
const life = await product('LIFE', 'life');
const person = async (name: string, birthDate: string, unit = units.eastA.id) => (await createCustomer(deps, system, { name, birthDate, gender: 'female', orgUnitId: unit, ownerAgentId: unit === units.eastA.id ? agent.staff.id : null })).id;
const policy = (holder: string, productId: string, premiumFen: number, paymentFrequency: 'annual' | 'monthly', effectiveOn: string, expiresOn: string) =>
  createPolicy(deps, system, { productId, policyholderId: holder, insuredIds: [holder], sumInsuredFen: 10_000_000, premiumFen, paymentFrequency, effectiveOn, expiresOn, agentId: agent.staff.id });
const answeredSurvey = async (customerId: string, csat: number, nps: number) => {
  await changeConsent(deps, system, customerId, 'granted', { purpose: 'service', channel: 'any', evidence: { kind: 'signed_form', reference: 'F-1' } });
  const surveyId = await ctx.db.transaction().execute((tx) => sendSurveyInTransaction({ ...deps, db: tx }, { customerId, templateCode: 'claim_closure', orgUnitId: units.eastA.id, validDays: 14, source: 'test' }, 'https://service.example.cn', NOW));
  await ctx.db.updateTable('survey').set({ status: 'answered', answered_at: NOW, csat, nps }).where('customer_id', '=', customerId).where('id', '=', surveyId).execute();
};
const api = async <T>(method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE', url: string, who: string | undefined, payload?: unknown, status = 200) => {
  const res = await ctx.request({ method, url, token: who, ...(payload === undefined ? {} : { payload: payload as object }) });
  expect(res.statusCode, res.body).toBe(status);
  return (res.body ? res.json() : null) as T;
};
/** Polls a job's run (as the console does) until it is done or failed. */
const untilJobFinished = async <T extends { status: string }>(url: string) => {
  for (let i = 0; i < 300; i++) {
    const run = await api<T>('GET', url, token.analyst);
    if (run.status === 'done' || run.status === 'failed') return run;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`${url} did not finish`);
};

// Wang: two policies two years old (one monthly), three claims this year paid ¥10,000 each, a child,
// consultations falling off, one complaint, an unhappy survey answer.
const wang = await person('王芳', '1986-05-01');
const child = await person('王小宝', '2016-03-01');
await addRelationship(deps, system, wang, { relatedCustomerId: child, type: 'child' });
const wangAccident = await policy(wang, accident.id, 1_200_000, 'annual', '2024-11-22', '2026-12-31');
await policy(wang, medical.id, 10_000, 'monthly', '2024-11-22', '2026-12-31');
for (const day of ['2026-03-01', '2026-06-01', '2026-09-01']) {
  const claim = await reportClaim(deps, system, { policyId: wangAccident.row.id, channel: 'phone', incidentAt: `${day}T02:00:00.000Z`, amountClaimedFen: 1_000_000, incident: { kind: 'illness', event: '意外受伤' } }, NOW);
  // Paid (the payment workflow is the claims module's; here only its record matters).
  await ctx.db.updateTable('claim').set({ amount_paid_fen: 1_000_000 }).where('id', '=', claim.row.id).execute();
  await ctx.db
    .insertInto('claim_payment')
    .values({ customer_id: wang, id: newId(), claim_id: claim.row.id, kind: 'final', payee_name: '王芳', bank_account_enc: 'fixture', bank_account_masked: '6222****0001', amount_fen: 1_000_000, paid_at: new Date(`${day}T08:00:00.000Z`), recorded_by_name: 'fixture' })
    .execute();
}
for (const daysAgo of [100, 110, 120, 130, 150, 170, 10]) {
  await logInteraction(deps, system, wang, { channel: 'phone', direction: 'inbound', occurredAt: new Date(NOW.getTime() - daysAgo * 86_400_000).toISOString(), summary: '咨询' });
}
await createComplaint(deps, system, { customerId: wang, subject: '理赔慢', description: '等了很久', channel: 'hotline', category: 'claims', subReason: 'slow' });
await answeredSurvey(wang, 2, 3);

// Chen: a life policy renewed from 2021, ¥50,000 a year, and a medical policy; claim-free, happy.
const chen = await person('陈静', '1970-02-01');
const first = await policy(chen, life.id, 5_000_000, 'annual', '2021-01-01', '2022-01-01');
await ctx.db.updateTable('policy').set({ status: 'expired', status_changed_on: '2022-01-01' }).where('id', '=', first.row.id).execute();
const renewed = await policy(chen, life.id, 5_000_000, 'annual', '2022-01-01', '2030-12-31');
await ctx.db.updateTable('policy').set({ renewal_of_id: first.row.id }).where('id', '=', renewed.row.id).execute();
await policy(chen, medical.id, 100_000, 'annual', '2025-06-01', '2027-05-31');
await answeredSurvey(chen, 5, 10);

// A prospect in the west branch (out of the east agent's scope).
const prospect = await person('李雷', '1999-09-09', units.westA.id);

let run: TSegmentRunResult;

describe('the segmentation batch', () => {
  it('computes each metric from the book of business (arithmetic on fixtures)', async () => {
    run = await runSegmentationAsSystem(ctx.db, NOW);
    expect(run.customers).toBeGreaterThanOrEqual(4);
    const m = await api<TCustomerMetrics>('GET', `/api/v1/customers/${wang}/metrics`, token.agent);
    expect(m).toMatchObject({
      age: 40,
      firstPolicyOn: '2024-11-22',
      tenureYears: 2,
      policiesTotal: 2,
      policiesInForce: 2,
      inForceByLine: { accident: 1, medical: 1 },
      // ¥12,000 a year + ¥100 a month.
      annualPremiumFen: 1_320_000,
      // Two full years of cover: 730 days × annual ÷ 365.
      lifetimePremiumFen: 2_640_000,
      earnedPremium3yFen: 2_640_000,
      claimsCount: 3,
      claims12m: 3,
      claimsPaidFen: 3_000_000,
      claimsPaid3yFen: 3_000_000,
      // 3,000,000 ÷ 2,640,000 = 113.64 %.
      lossRatio3yPct: 113.64,
      contacts12m: 7,
      contacts90d: 1,
      contactsPrev90d: 6,
      contactTrend: 'falling',
      renewals: 0,
      complaintsCount: 1,
      complaints12m: 1,
      latestCsat: 2,
      latestNps: 3,
      householdSize: 2,
      children: 1,
      lifecycleSegment: 'churn_risk',
      quadrant: 'evaluate',
    });
    const c = await api<TCustomerMetrics>('GET', `/api/v1/customers/${chen}/metrics`, token.agent);
    expect(c).toMatchObject({ tenureYears: 5, policiesTotal: 3, policiesInForce: 2, renewals: 1, annualPremiumFen: 5_100_000, claimsCount: 0, lossRatio3yPct: 0, lifecycleSegment: 'loyal', quadrant: 'care_and_retain', contactTrend: 'none' });
    expect(c.rfm && m.rfm && c.rfm.m > m.rfm.m).toBe(true);
    const p = await api<TCustomerMetrics>('GET', `/api/v1/customers/${prospect}/metrics`, token.westManager);
    expect(p).toMatchObject({ policiesTotal: 0, annualPremiumFen: 0, rfm: null, lifecycleSegment: 'potential', quadrant: null, lossRatio3yPct: null });
  });

  it('tags say why they apply; tiers follow the rules and carry the entitlements other modules read', async () => {
    const tags = (await ctx.db.selectFrom('customer_tag').select(['tag', 'facts', 'source']).where('customer_id', '=', wang).orderBy('tag').execute()).map((t) => t.tag);
    expect(tags).toEqual(expect.arrayContaining(['multi_claim', 'high_loss_ratio', 'family_life_gap', 'critical_illness_gap', 'retirement_planning']));
    expect(tags).not.toContain('medical_gap');
    const lossRatio = await ctx.db.selectFrom('customer_tag').select(['facts', 'dimension']).where('customer_id', '=', wang).where('tag', '=', 'high_loss_ratio').executeTakeFirstOrThrow();
    expect(lossRatio).toEqual({ dimension: 'risk', facts: [{ field: 'loss_ratio_3y_pct', op: '>', threshold: 100, value: 113.64 }] });
    const chenTags = (await ctx.db.selectFrom('customer_tag').select('tag').where('customer_id', '=', chen).execute()).map((t) => t.tag);
    expect(chenTags).toEqual(expect.arrayContaining(['good_customer', 'long_tenure', 'high_premium', 'promoter']));
    expect(chenTags).not.toContain('multi_claim');

    const tiers = Object.fromEntries((await ctx.db.selectFrom('customer').select(['id', 'tier']).where('id', 'in', [wang, chen, prospect]).execute()).map((r) => [r.id, r.tier]));
    expect(tiers).toEqual({ [wang]: 'silver', [chen]: 'platinum', [prospect]: 'standard' });
    const chenRights = await api<TCustomerEntitlements>('GET', `/api/v1/customers/${chen}/entitlements`, token.agent);
    expect(chenRights).toEqual({ customerId: chen, tier: 'platinum', entitlements: { dedicatedAdvisor: true, greenChannel: true, onSiteVisits: true, priorityService: true, serviceHours: 2 } });
    // The 360 view shows the tags with their facts.
    const view = await api<{ tags: { name: string; facts: unknown[] }[] }>('GET', `/api/v1/customers/${wang}/360`, token.agent);
    expect(view.tags.find((t) => t.name === 'multi_claim')?.facts).toEqual([{ field: 'claims_12m', op: '>=', threshold: 3, value: 3 }]);
  });

  it('tier rules: validated, versioned; a change re-tiers customers at the next run', async () => {
    const rules = await api<TTierRuleList>('GET', '/api/v1/tier-rules', token.analyst);
    const items = rules.items.map(({ customers: _c, rank: _r, ...rule }) => rule);
    expectProblem(await ctx.request({ method: 'PUT', url: '/api/v1/tier-rules', token: token.analyst, payload: { items } }), 403, 'FORBIDDEN');
    const inverted = items.map((r) => (r.tier === 'silver' ? { ...r, minAnnualPremiumFen: 90_000_000 } : r));
    expectProblem(await ctx.request({ method: 'PUT', url: '/api/v1/tier-rules', token: token.admin, payload: { items: inverted } }), 400, 'VALIDATION_FAILED', ['body.items.2']);
    const gold = items.map((r) => (r.tier === 'gold' ? { ...r, minAnnualPremiumFen: 1_000_000 } : r));
    const saved = await api<TTierRuleList>('PUT', '/api/v1/tier-rules', token.admin, { items: gold });
    expect(saved.items.find((r) => r.tier === 'gold')).toMatchObject({ minAnnualPremiumFen: 1_000_000, version: 2 });
    expectProblem(await ctx.request({ method: 'PUT', url: '/api/v1/tier-rules', token: token.admin, payload: { items: gold } }), 409, 'VERSION_CONFLICT');
    await refreshCustomers(ctx.db, [wang], NOW);
    expect((await ctx.db.selectFrom('customer').select('tier').where('id', '=', wang).executeTakeFirstOrThrow()).tier).toBe('gold');
    // Other modules honour the entitlements: a gold customer's tasks are raised a level, and holiday-care visits are on site.
    const [taskId, visitId] = await ctx.db.transaction().execute(async (tx) => [
      await createTaskInTransaction(tx, null, { customerId: wang, kind: 'manual', title: '回电', priority: 'normal', dueAt: new Date(NOW.getTime() + 86_400_000), sourceType: 'manual' }, NOW),
      await scheduleVisitInTransaction(tx, null, { customerId: wang, visitType: 'holiday_care', dueAt: new Date(NOW.getTime() + 86_400_000), source: 'test' }, undefined, NOW),
    ]);
    expect((await ctx.db.selectFrom('task').select('priority').where('id', '=', taskId).executeTakeFirstOrThrow()).priority).toBe('high');
    const visit = await ctx.db.selectFrom('follow_up_visit').select(['method', 'method_reason', 'method_why']).where('id', '=', visitId).executeTakeFirstOrThrow();
    expect(visit).toEqual({ method: 'on_site', method_reason: expect.stringContaining('entitled to on-site visits'), method_why: { key: 'tier_entitled', params: { tenureYears: expect.any(Number), annualPremiumFen: expect.any(Number) } } });
  });

  it('tag rules: administrators add and switch them; bad conditions are refused with the field', async () => {
    expectProblem(await ctx.request({ method: 'POST', url: '/api/v1/tag-definitions', payload: {} }), 401, 'UNAUTHENTICATED');
    expectProblem(await ctx.request({ method: 'POST', url: '/api/v1/tag-definitions', token: token.admin, payload: { code: 'x', dimension: 'risk', nameZh: 'x', nameEn: 'x', conditions: [] } }), 400, 'VALIDATION_FAILED');
    const bad = { code: 'big_family', dimension: 'need', nameZh: '大家庭', nameEn: 'Big family', conditions: [{ field: 'household', op: '>=', value: 2 }] };
    expectProblem(await ctx.request({ method: 'POST', url: '/api/v1/tag-definitions', token: token.admin, payload: bad }), 400, 'SEGMENT_CONDITION_INVALID', ['body.conditions.0.field']);
    expectProblem(await ctx.request({ method: 'POST', url: '/api/v1/tag-definitions', token: token.admin, payload: { ...bad, conditions: [{ field: 'household_size', op: 'has', value: 2 }] } }), 400, 'SEGMENT_CONDITION_INVALID', ['body.conditions.0.op']);
    expectProblem(await ctx.request({ method: 'POST', url: '/api/v1/tag-definitions', token: token.analyst, payload: { ...bad, conditions: [{ field: 'household_size', op: '>=', value: 2 }] } }), 403, 'FORBIDDEN');
    const created = await api<TTagDefinition>('POST', '/api/v1/tag-definitions', token.admin, { ...bad, conditions: [{ field: 'household_size', op: '>=', value: 2 }] }, 201);
    expect(created).toMatchObject({ code: 'big_family', builtin: false, active: true, customers: 0 });
    expectProblem(await ctx.request({ method: 'POST', url: '/api/v1/tag-definitions', token: token.admin, payload: { ...bad, code: 'churn_watch', conditions: [{ field: 'household_size', op: '>=', value: 2 }] } }), 409, 'DUPLICATE');
    await refreshCustomers(ctx.db, [wang, chen], NOW);
    const multi = (await api<{ items: TTagDefinition[] }>('GET', '/api/v1/tag-definitions', token.analyst)).items;
    expect(multi.find((d) => d.code === 'big_family')?.customers).toBe(1);
    const off = await api<TTagDefinition>('PATCH', '/api/v1/tag-definitions/multi_claim', token.admin, { active: false, version: multi.find((d) => d.code === 'multi_claim')!.version });
    expect(off).toMatchObject({ active: false, customers: 0 });
    await refreshCustomers(ctx.db, [wang], NOW);
    expect(await ctx.db.selectFrom('customer_tag').select('tag').where('customer_id', '=', wang).where('tag', '=', 'multi_claim').executeTakeFirst()).toBeUndefined();
  });

  it('settings change the lists: a lower bad-customer loss ratio puts Wang on the bad-customer list with the reason', async () => {
    const settings = await api<TSegmentationSettings>('GET', '/api/v1/segmentation/settings', token.analyst);
    expect(settings.lists.badLossRatioPct).toBe(150);
    expectProblem(await ctx.request({ method: 'PATCH', url: '/api/v1/segmentation/settings/lists', token: token.admin, payload: { value: { ...settings.lists, goodCsat: 9 }, version: settings.versions.lists } }), 400, 'VALIDATION_FAILED', ['body.value.goodCsat']);
    await api('PATCH', '/api/v1/segmentation/settings/lists', token.admin, { value: { ...settings.lists, badLossRatioPct: 100 }, version: settings.versions.lists });
    await refreshCustomers(ctx.db, [wang], NOW);
    const bad = await ctx.db.selectFrom('customer_tag').select(['dimension', 'facts', 'source']).where('customer_id', '=', wang).where('tag', '=', 'bad_customer').executeTakeFirstOrThrow();
    expect(bad).toEqual({ dimension: 'risk', source: 'list', facts: [{ field: 'loss_ratio_3y_pct', op: '>', threshold: 100, value: 113.64 }] });
  });

  it('the overview counts segments in the caller’s scope', async () => {
    expectProblem(await ctx.request({ method: 'GET', url: '/api/v1/segmentation/overview', token: token.agent }), 403, 'FORBIDDEN');
    const overview = await api<TSegmentationOverview>('GET', '/api/v1/segmentation/overview', token.analyst);
    expect(overview.customers).toBe(4);
    expect(overview.lifecycle).toEqual(expect.arrayContaining([{ key: 'churn_risk', customers: 1 }, { key: 'loyal', customers: 1 }]));
    expect(overview.quadrants).toEqual(expect.arrayContaining([{ key: 'evaluate', customers: 1 }, { key: 'care_and_retain', customers: 1 }]));
    // Chen pays ¥51,000 of ¥64,200: the top 20 % (one of two paying customers) holds 79.4 %.
    expect(overview.top20PremiumSharePct).toBe(79.4);
  });
});

describe('event refresh', () => {
  it('a policy issued refreshes the customer’s metrics, tags and tier when the outbox is dispatched', async () => {
    const newcomer = await person('赵敏', '1990-01-01');
    expectProblem(await ctx.request({ method: 'GET', url: `/api/v1/customers/${newcomer}/metrics`, token: token.agent }), 404, 'NOT_FOUND');
    await policy(newcomer, life.id, 6_000_000, 'annual', '2026-11-01', '2046-10-31');
    while ((await dispatchOutbox(deps, automationRuntimeFor(ctx.config), NOW)) > 0);
    const m = await api<TCustomerMetrics>('GET', `/api/v1/customers/${newcomer}/metrics`, token.agent);
    expect(m).toMatchObject({ policiesInForce: 1, annualPremiumFen: 6_000_000, inForceByLine: { life: 1 }, tenureYears: 0 });
    // ¥60,000 a year but new: gold needs 2 years, silver 1 — standard until then.
    expect((await api<TCustomerEntitlements>('GET', `/api/v1/customers/${newcomer}/entitlements`, token.agent)).tier).toBe('standard');
    expect((await ctx.db.selectFrom('customer_tag').select('tag').where('customer_id', '=', newcomer).execute()).map((t) => t.tag)).toContain('high_premium');
  });
});

describe('the segment explorer', () => {
  it('previews, saves, lists members in scope and exports them masked (audited)', async () => {
    const conditions = [{ field: 'lifecycle_segment', op: 'in', value: ['loyal', 'churn_risk'] }, { field: 'annual_premium_fen', op: '>=', value: 1_000_000 }];
    expectProblem(await ctx.request({ method: 'POST', url: '/api/v1/segments/preview', token: token.analyst, payload: { conditions: [{ field: 'tier', op: '=', value: 'diamond' }] } }), 400, 'SEGMENT_CONDITION_INVALID', ['body.conditions.0.value']);
    const profile = await api<TSegmentProfile>('POST', '/api/v1/segments/preview', token.analyst, { conditions });
    expect(profile).toMatchObject({ size: 2, avgAnnualPremiumFen: 3_210_000 });
    expect(profile.lines).toEqual(expect.arrayContaining([{ key: 'medical', customers: 2 }]));
    expectProblem(await ctx.request({ method: 'POST', url: '/api/v1/segments', token: token.westManager, payload: { name: '高价值', conditions } }), 403, 'FORBIDDEN');
    const segment = await api<TSegment>('POST', '/api/v1/segments', token.analyst, { name: '高价值', conditions }, 201);
    expectProblem(await ctx.request({ method: 'POST', url: '/api/v1/segments', token: token.analyst, payload: { name: '高价值', conditions } }), 409, 'DUPLICATE');
    const page = await api<TSegmentMemberList>('GET', `/api/v1/segments/${segment.id}/members?limit=1`, token.analyst);
    expect(page.items).toHaveLength(1);
    const rest = await api<TSegmentMemberList>('GET', `/api/v1/segments/${segment.id}/members?limit=1&cursor=${page.nextCursor}`, token.analyst);
    expect([...page.items, ...rest.items].map((m) => m.name).sort()).toEqual(['王芳', '陈静'].sort());
    expect(rest.nextCursor).toBeNull();
    // The west branch manager sees none of them.
    expect((await api<TSegmentProfile>('GET', `/api/v1/segments/${segment.id}/profile`, token.westManager)).size).toBe(0);
    const exported = await ctx.request({ method: 'GET', url: `/api/v1/segments/${segment.id}/export`, token: token.analyst });
    expect(exported.statusCode, exported.body).toBe(200);
    expect(exported.headers['content-type']).toContain('text/csv');
    expect(exported.body).toContain('王*');
    expect(exported.body).not.toContain('王芳');
    const audit = await ctx.db.selectFrom('audit_event').select('data').where('action', '=', 'segment.exported').where('entity_id', '=', segment.id).executeTakeFirstOrThrow();
    expect(audit.data).toMatchObject({ rows: 2 });
    expectProblem(await ctx.request({ method: 'GET', url: '/api/v1/segments/00000000-0000-4000-8000-000000000000/members', token: token.analyst }), 404, 'NOT_FOUND');
  });
});

describe('segments as automation audiences', () => {
  it('a scheduled rule limited to a segment acts only for its members', async () => {
    const platinum = await api<TSegment>('POST', '/api/v1/segments', token.analyst, { name: '白金客户', conditions: [{ field: 'tier', op: '=', value: 'platinum' }] }, 201);
    const rules = await api<{ items: TAutomationRule[] }>('GET', '/api/v1/automation/rules', token.admin);
    const birthday = rules.items.find((r) => r.code === 'birthday_review')!;
    expectProblem(await ctx.request({ method: 'PATCH', url: '/api/v1/automation/rules/claim_closure_visit', token: token.admin, payload: { audienceSegmentId: platinum.id, version: rules.items.find((r) => r.code === 'claim_closure_visit')!.version } }), 400, 'VALIDATION_FAILED', ['body.audienceSegmentId']);
    const limited = await api<TAutomationRule>('PATCH', '/api/v1/automation/rules/birthday_review', token.admin, { audienceSegmentId: platinum.id, version: birthday.version });
    expect(limited.audience).toEqual({ id: platinum.id, name: '白金客户' });
    // A standard-tier customer whose birthday is in 7 days.
    const celebrant = await person('周岁', '1988-11-29');
    await policy(celebrant, accident.id, 20_000, 'annual', '2026-01-01', '2026-12-31');
    await refreshCustomers(ctx.db, [celebrant], NOW);
    const fired = async () => (await ctx.db.selectFrom('automation_run').select('rule_code').where('customer_id', '=', celebrant).where('rule_code', '=', 'birthday_review').execute()).length;
    await runScheduledRule(deps, 'birthday_review', NOW);
    expect(await fired()).toBe(0);
    const everyone = await api<TAutomationRule>('PATCH', '/api/v1/automation/rules/birthday_review', token.admin, { audienceSegmentId: null, version: limited.version });
    expect(everyone.audience).toBeNull();
    await runScheduledRule(deps, 'birthday_review', NOW);
    expect(await fired()).toBe(1);
  });
});

describe('clusters', () => {
  it('k-means on standardised features, k by silhouette; a cluster gets a descriptive name and can be saved as a segment', async () => {
    // Two planted groups: young accident-only customers, and silver-age customers with life and medical cover.
    for (let i = 0; i < 24; i++) {
      const young = await person(`青年${i}`, `${1996 + (i % 4)}-0${1 + (i % 9)}-15`);
      await policy(young, accident.id, 20_000 + i * 100, 'annual', '2025-12-01', '2026-11-30');
      const senior = await person(`长者${i}`, `${1956 + (i % 5)}-0${1 + (i % 9)}-15`);
      await policy(senior, life.id, 3_000_000 + i * 1000, 'annual', '2015-01-01', '2035-12-31');
      await policy(senior, medical.id, 400_000, 'annual', '2020-01-01', '2030-12-31');
    }
    await runSegmentationAsSystem(ctx.db, NOW);
    expectProblem(await ctx.request({ method: 'GET', url: '/api/v1/clusters/active', token: token.analyst }), 404, 'NOT_FOUND');
    expectProblem(await ctx.request({ method: 'POST', url: '/api/v1/clusters/run', token: token.analyst, payload: { kMin: 5, kMax: 3 } }), 400, 'VALIDATION_FAILED', ['body.kMin']);
    const clustered = await api<TClusterRun>('POST', '/api/v1/clusters/run', token.analyst, { kMin: 2, kMax: 4 });
    expect(clustered.candidates.map((c) => c.k)).toEqual([2, 3, 4]);
    expect(clustered.silhouette).toBe(Math.max(...clustered.candidates.map((c) => c.silhouette)));
    expect(clustered.silhouette).toBeGreaterThan(0.3);
    expect(clustered.customers).toBe(52); // Wang, Chen, Zhao, Zhou and the 48 planted customers
    const clusterOf = async (name: string) => (await sql<{ no: number }>`SELECT m.cluster_no AS no FROM customer_metric m JOIN customer c ON c.id = m.customer_id WHERE c.name = ${name}`.execute(ctx.db)).rows[0]!.no;
    const seniorCluster = await clusterOf('长者0');
    for (let i = 1; i < 24; i++) expect(await clusterOf(`长者${i}`)).toBe(seniorCluster);
    expect(await clusterOf('青年0')).not.toBe(seniorCluster);
    const seniors = clustered.clusters.find((c) => c.no === seniorCluster)!;
    expect(seniors.traits).toContain('silver_age');
    expect(seniors.suggestedName.en).toMatch(/^Silver-age/);
    expect(seniors.suggestedName.zh).toContain('银发');
    expect(seniors.size).toBeGreaterThanOrEqual(24);

    const renamed = await api<TClusterRun>('PATCH', `/api/v1/clusters/${clustered.id}/clusters/${seniorCluster}`, token.analyst, { name: '银发医疗' });
    expect(renamed.clusters.find((c) => c.no === seniorCluster)?.name).toBe('银发医疗');
    const segment = await api<TSegment>('POST', `/api/v1/clusters/${clustered.id}/clusters/${seniorCluster}/segment`, token.analyst, { name: '银发医疗客群' }, 201);
    expect(segment.conditions).toEqual([{ field: 'cluster_no', op: '=', value: seniorCluster }]);
    expect((await api<TSegmentProfile>('GET', `/api/v1/segments/${segment.id}/profile`, token.analyst)).size).toBe(seniors.size);
    // Re-clustering keeps the analyst's name and segment on the matching cluster.
    const again = await api<TClusterRun>('POST', '/api/v1/clusters/run', token.analyst, { kMin: clustered.k, kMax: clustered.k });
    const kept = again.clusters.find((c) => c.segmentId === segment.id);
    expect(kept).toMatchObject({ no: seniorCluster, name: '银发医疗客群' });
    expect(await clusterOf('长者5')).toBe(seniorCluster);
    expectProblem(await ctx.request({ method: 'POST', url: `/api/v1/clusters/${clustered.id}/clusters/${seniorCluster}/segment`, token: token.analyst, payload: { name: '旧结果' } }), 409, 'CLUSTER_RUN_INACTIVE');
    expect((await api<{ items: TClusterRun[] }>('GET', '/api/v1/clusters', token.analyst)).items.filter((r) => r.active)).toHaveLength(1);
  });

  it('with Prefer: respond-async a clustering answers 202 and runs as a job; the result names the run it made', async () => {
    const untilDone = (id: string) => untilJobFinished<TClusterJob>(`/api/v1/clusters/jobs/${id}`);
    const start = (payload: object) => ctx.request({ method: 'POST', url: '/api/v1/clusters/run', token: token.analyst, payload, headers: { prefer: 'respond-async' } });
    // What a run would refuse at once is refused before a job starts.
    expectProblem(await start({ kMin: 5, kMax: 3 }), 400, 'VALIDATION_FAILED', ['body.kMin']);
    expectProblem(await start({ kMin: 2, kMax: 12 }), 422, 'SEGMENTATION_TOO_FEW_CUSTOMERS');
    expectProblem(await ctx.request({ method: 'POST', url: '/api/v1/clusters/run', token: token.agent, payload: {}, headers: { prefer: 'respond-async' } }), 403, 'FORBIDDEN');
    const res = await start({ kMin: 2, kMax: 3 });
    expect(res.statusCode, res.body).toBe(202);
    expect(res.headers['preference-applied']).toBe('respond-async');
    const started = res.json() as TClusterJob;
    expect(started).toMatchObject({ status: 'running', requestedBy: 'hq.analyst', result: null });
    const done = await untilDone(started.id);
    expect(done).toMatchObject({ status: 'done', error: null, result: { clusterRunId: expect.any(String), k: expect.any(Number), customers: 52 } });
    const active = await api<TClusterRun>('GET', '/api/v1/clusters/active', token.analyst);
    expect(active.id).toBe(done.result!.clusterRunId);
    const event = await ctx.db.selectFrom('audit_event').select(['actor_name', 'entity_id']).where('action', '=', 'cluster.changed').orderBy('seq', 'desc').executeTakeFirstOrThrow();
    expect(event).toEqual({ actor_name: 'hq.analyst', entity_id: active.id });
    expectProblem(await ctx.request({ method: 'GET', url: '/api/v1/clusters/jobs/999999999', token: token.analyst }), 404, 'NOT_FOUND');
    expectProblem(await ctx.request({ method: 'GET', url: '/api/v1/clusters/jobs/not-a-job', token: token.analyst }), 404, 'NOT_FOUND');
  });

  it('one clustering runs at a time: while one runs, a request without the header gets 409 CLUSTERING_RUNNING and one with it gets that job', async () => {
    const soon = new Date(Date.now() + 5 * 60_000);
    const other = await ctx.db
      .insertInto('job')
      .values({ kind: 'cluster_run', dedupe_key: 'cluster_run:elsewhere', payload: JSON.stringify({ requestedBy: 'hq.admin', input: { kMin: 2, kMax: 2 } }), run_at: new Date(), status: 'running', attempts: 1, locked_by: 'api-elsewhere:1', locked_until: soon })
      .returning('id')
      .executeTakeFirstOrThrow();
    const before = (await api<TClusterRun>('GET', '/api/v1/clusters/active', token.analyst)).id;
    const refused = await ctx.request({ method: 'POST', url: '/api/v1/clusters/run', token: token.analyst, payload: { kMin: 2, kMax: 3 } });
    expectProblem(refused, 409, 'CLUSTERING_RUNNING');
    expect(refused.json<{ detail: string }>().detail).toContain(`/api/v1/clusters/jobs/${other.id}`);
    const joined = await ctx.request({ method: 'POST', url: '/api/v1/clusters/run', token: token.analyst, payload: { kMin: 2, kMax: 3 }, headers: { prefer: 'respond-async' } });
    expect(joined.statusCode, joined.body).toBe(202);
    expect(joined.json<TClusterJob>()).toMatchObject({ id: String(other.id), status: 'running', requestedBy: 'hq.admin' });
    expect((await api<TClusterRun>('GET', '/api/v1/clusters/active', token.analyst)).id).toBe(before);
    // Once it has finished, a request without the header runs its own, as a job, and waits for it.
    await ctx.db.updateTable('job').set({ status: 'done', result: JSON.stringify({}), finished_at: new Date(), locked_until: null }).where('id', '=', other.id).execute();
    const run = await api<TClusterRun>('POST', '/api/v1/clusters/run', token.analyst, { kMin: 2, kMax: 3 });
    expect(run.id).not.toBe(before);
    expect((await api<TClusterRun>('GET', '/api/v1/clusters/active', token.analyst)).id).toBe(run.id);
    const job = await ctx.db.selectFrom('job').select(['status', 'result']).where('kind', '=', 'cluster_run').orderBy('id', 'desc').executeTakeFirstOrThrow();
    expect(job).toMatchObject({ status: 'done', result: { clusterRunId: run.id, k: run.k, customers: 52 } });
  });

  it('a clustering left by a stopped process is run again by the worker, as the system', async () => {
    const past = new Date(Date.now() - 60 * 60_000);
    const job = await ctx.db
      .insertInto('job')
      .values({ kind: 'cluster_run', dedupe_key: 'cluster_run:stopped', payload: JSON.stringify({ requestedBy: 'hq.analyst', input: { kMin: 2, kMax: 2 } }), run_at: past, status: 'running', attempts: 1, locked_by: 'api-gone:1', locked_until: new Date(past.getTime() + 10 * 60_000) })
      .returning('id')
      .executeTakeFirstOrThrow();
    await runDueWork(deps, automationRuntimeFor(ctx.config), { workerId: 'worker-c' });
    const row = await ctx.db.selectFrom('job').select(['status', 'result', 'locked_by']).where('id', '=', job.id).executeTakeFirstOrThrow();
    expect(row).toMatchObject({ status: 'done', locked_by: 'worker-c', result: { k: 2, customers: 52 } });
    expect((await api<TClusterRun>('GET', '/api/v1/clusters/active', token.analyst)).id).toBe((row.result as { clusterRunId: string }).clusterRunId);
  });
});

describe('Run now', () => {
  const segmentationJobs = async () => Number((await ctx.db.selectFrom('job').select((eb) => eb.fn.countAll().as('n')).where('kind', '=', 'segmentation').executeTakeFirstOrThrow()).n);
  const untilFinished = (id: string) => untilJobFinished<TSegmentationRun>(`/api/v1/segmentation/runs/${id}`);

  it('answers at once with a running job, runs the batch in the background, and reports its counts when polled (audited)', async () => {
    expectProblem(await ctx.request({ method: 'POST', url: '/api/v1/segmentation/run', token: token.analyst }), 403, 'FORBIDDEN');
    expectProblem(await ctx.request({ method: 'GET', url: '/api/v1/segmentation/runs', token: token.agent }), 403, 'FORBIDDEN');

    const started = await api<TSegmentationRun>('POST', '/api/v1/segmentation/run', token.admin, undefined, 202);
    expect(started).toMatchObject({ status: 'running', trigger: 'manual', requestedBy: 'hq.admin', attempts: 1, finishedAt: null, result: null });
    const done = await untilFinished(started.id);
    expect(done).toMatchObject({ id: started.id, status: 'done', error: null });
    expect(done.result!.customers).toBeGreaterThanOrEqual(5);
    expect(Date.parse(done.finishedAt!)).toBeGreaterThanOrEqual(Date.parse(started.requestedAt));
    expect((await api<{ items: TSegmentationRun[] }>('GET', '/api/v1/segmentation/runs?limit=1', token.analyst)).items).toEqual([done]);

    const audited = await ctx.db.selectFrom('audit_event').select(['action', 'actor_name', 'entity_id', 'data']).where('action', 'in', ['segmentation.run_requested', 'segmentation.run']).orderBy('id', 'desc').limit(2).execute();
    expect(audited.map((a) => a.action).sort()).toEqual(['segmentation.run', 'segmentation.run_requested']);
    expect(audited.find((a) => a.action === 'segmentation.run_requested')).toMatchObject({ actor_name: 'hq.admin', entity_id: started.id });
    expect(audited.find((a) => a.action === 'segmentation.run')!.data).toMatchObject({ by: 'run now: hq.admin', customers: done.result!.customers });

    // The events hash as they are stored (the job's integer id as text): the chain still verifies.
    expect(await verifyAuditChain(ctx.db)).toMatchObject({ ok: true, brokenAt: null });

    expectProblem(await ctx.request({ method: 'GET', url: '/api/v1/segmentation/runs/not-a-job', token: token.analyst }), 404, 'NOT_FOUND');
    expectProblem(await ctx.request({ method: 'GET', url: '/api/v1/segmentation/runs/999999999', token: token.analyst }), 404, 'NOT_FOUND');
  });

  it('a batch another process is running is returned, not started twice; a due batch nobody holds is taken and run', async () => {
    const now = Date.now();
    const elsewhere = await ctx.db
      .insertInto('job')
      .values({ kind: 'segmentation', dedupe_key: 'segmentation:elsewhere', payload: JSON.stringify({ date: 'x' }), run_at: new Date(now - 60_000), status: 'running', attempts: 1, locked_by: 'other-host:1', locked_until: new Date(now + 600_000) })
      .returning('id')
      .executeTakeFirstOrThrow();
    const before = await segmentationJobs();
    const answer = await api<TSegmentationRun>('POST', '/api/v1/segmentation/run', token.admin, undefined, 202);
    expect(answer).toMatchObject({ id: String(elsewhere.id), status: 'running', trigger: 'nightly', requestedBy: null });
    expect(await segmentationJobs()).toBe(before);
    expect(await ctx.db.selectFrom('job').select('locked_by').where('id', '=', elsewhere.id).executeTakeFirstOrThrow()).toEqual({ locked_by: 'other-host:1' });
    await ctx.db.updateTable('job').set({ status: 'done', locked_until: null, finished_at: new Date() }).where('id', '=', elsewhere.id).execute();

    // Tonight's batch, due but not taken yet (the worker between passes): "Run now" takes that one.
    const due = await ctx.db
      .insertInto('job')
      .values({ kind: 'segmentation', dedupe_key: 'segmentation:due', payload: JSON.stringify({ date: 'y' }), run_at: new Date(now - 1_000), status: 'pending' })
      .returning('id')
      .executeTakeFirstOrThrow();
    const taken = await api<TSegmentationRun>('POST', '/api/v1/segmentation/run', token.admin, undefined, 202);
    expect(taken).toMatchObject({ id: String(due.id), status: 'running', trigger: 'nightly', attempts: 1 });
    expect(await segmentationJobs()).toBe(before + 1);
    expect(await untilFinished(taken.id)).toMatchObject({ status: 'done', result: expect.objectContaining({ customers: expect.any(Number) }) });
  });
});
