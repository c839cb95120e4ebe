import type { TClaim, TClaimSettings, TTierRuleList } from '@anxin/contracts';
import { describe, expect, it } from 'vitest';
import { cipherFor } from '../../app.ts';
import { createTestContext } from '../../test/context.ts';
import { loginAs, seedOrg, seedStaff } from '../../test/factories.ts';
import { expectProblem } from '../../test/problems.ts';
import { createCustomer } from '../customers/index.ts';
import { createPolicy } from '../policies/index.ts';
import { createProduct } from '../products/index.ts';

// Claim settings on the real server: who may read and change them, the statutory ceiling, version
// checks, the audit entry, and that new claims follow the changed rules.
const ctx = await createTestContext();
const deps = { db: ctx.db, cipher: cipherFor(ctx.config) };
const org = await seedOrg(ctx.db);
const { units, system } = org;
await seedStaff(ctx.db, org, units.hq.id, 'hq.admin', ['admin']);
await seedStaff(ctx.db, org, units.east.id, 'east.adjuster', ['claims_adjuster']);
const agent = await seedStaff(ctx.db, org, units.eastA.id, 'ea.agent', ['agent']);
const admin = await loginAs(ctx.app, 'hq.admin');
const adjuster = await loginAs(ctx.app, 'east.adjuster');

const product = await createProduct(deps, system, { code: 'MED-S', name: '安心医疗', line: 'medical', riskLevel: 'R2', waitingDays: 0, coverages: [{ code: 'HOSP', name: '住院医疗' }], claimDocuments: [] });
const goldCustomer = (await createCustomer(deps, system, { name: '孙丽', orgUnitId: units.eastA.id, ownerAgentId: agent.staff.id, tier: 'gold' })).id;
const policy = await createPolicy(deps, system, {
  productId: product.id,
  policyholderId: goldCustomer,
  insuredIds: [goldCustomer],
  sumInsuredFen: 10_000_000,
  premiumFen: 50_000,
  paymentFrequency: 'annual',
  effectiveOn: '2026-01-01',
  expiresOn: '2026-12-31',
  agentId: agent.staff.id,
});

const get = async (token: string) => {
  const res = await ctx.request({ method: 'GET', url: '/api/v1/claim-settings', token });
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as TClaimSettings;
};
const put = (token: string | undefined, path: string, payload: unknown) => ctx.request({ method: 'PUT', url: `/api/v1/claim-settings/${path}`, token, payload: payload as object });
const report = async (invoiceNo: string) => {
  const res = await ctx.request({
    method: 'POST',
    url: '/api/v1/claims',
    token: adjuster,
    payload: { policyId: policy.row.id, channel: 'phone', incidentAt: '2026-06-01T02:00:00.000Z', amountClaimedFen: 900_000, incident: { kind: 'medical', hospital: '浙大一院', diagnosisCode: 'J18.9', invoiceItems: [{ invoiceNo, description: '住院', amountFen: 900_000 }] } },
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as TClaim;
};

describe('claim settings', () => {
  it('are readable by claims staff; only administrators change them (401 → 400 → 403)', async () => {
    const settings = await get(adjuster);
    expect(settings.clockRules.filter((r) => r.line === '*').map((r) => [r.clock, r.days])).toEqual(
      expect.arrayContaining([
        ['determination', 30],
        ['payment', 10],
        ['denial_notice', 3],
        ['advance_payment', 60],
      ]),
    );
    expect(settings.approvalAuthority.limits).toEqual({ claims_adjuster: 1_000_000, branch_manager: 10_000_000, admin: null });
    expect(settings.fastTrack).toMatchObject({ enabled: true, thresholdFen: 500_000 });
    expectProblem(await put(undefined, 'fast-track', {}), 401, 'UNAUTHENTICATED');
    expectProblem(await put(admin, 'fast-track', { enabled: 'yes', thresholdFen: -1, excludedDiagnosisPrefixes: ['pregnancy'], version: 1 }), 400, 'VALIDATION_FAILED', [
      'body.enabled',
      'body.thresholdFen',
      'body.excludedDiagnosisPrefixes.0',
    ]);
    expectProblem(await put(adjuster, 'fast-track', { ...settings.fastTrack, thresholdFen: 100 }), 403, 'FORBIDDEN');
  });

  it('a clock rule never goes beyond the statutory days; a product-line override applies to new claims and can be removed', async () => {
    expectProblem(await put(admin, 'clock-rules', { line: '*', clock: 'payment', days: 15, warnDays: 3, source: '公司服务承诺', version: 1 }), 400, 'VALIDATION_FAILED', ['body.days']);
    expectProblem(await put(admin, 'clock-rules', { line: 'medical', clock: 'determination', days: 10, warnDays: 10, source: '医疗险服务承诺' }), 400, 'VALIDATION_FAILED', ['body.warnDays']);
    const saved = await put(admin, 'clock-rules', { line: 'medical', clock: 'determination', days: 10, warnDays: 2, source: '医疗险服务承诺：资料齐全后 10 日内核定' });
    expect(saved.statusCode, saved.body).toBe(200);
    expectProblem(await put(admin, 'clock-rules', { line: 'medical', clock: 'determination', days: 12, warnDays: 2, source: '重复' }), 409, 'DUPLICATE', ['body.line']);
    expectProblem(await put(admin, 'clock-rules', { line: 'medical', clock: 'determination', days: 12, warnDays: 2, source: '过期版本', version: 7 }), 409, 'VERSION_CONFLICT');

    let claim = await report('SET-INV-1');
    const registered = await ctx.request({ method: 'POST', url: `/api/v1/claims/${claim.id}/transitions`, token: adjuster, payload: { action: 'register', reason: '立案', version: claim.version } });
    claim = registered.json() as TClaim;
    const clock = claim.clocks.find((c) => c.kind === 'determination')!;
    expect(Date.parse(clock.dueAt) - Date.parse(clock.startedAt)).toBe(10 * 86_400_000);

    const removed = await ctx.request({ method: 'DELETE', url: '/api/v1/claim-settings/clock-rules/medical/determination', token: admin });
    expect(removed.statusCode, removed.body).toBe(200);
    expect((removed.json() as TClaimSettings).clockRules.some((r) => r.line === 'medical')).toBe(false);
    const audits = await ctx.db.selectFrom('audit_event').select('data').where('action', '=', 'claim.settings_changed').execute();
    expect(audits.map((a) => (a.data as { setting: string }).setting)).toEqual(['clock_rule:medical:determination', 'clock_rule:medical:determination']);
  });

  it('approval limits keep the branch manager at or above the adjuster; the green channel follows the tier entitlement', async () => {
    const settings = await get(admin);
    expectProblem(await put(admin, 'approval-authority', { limits: { claims_adjuster: 5_000_000, branch_manager: 1_000_000, admin: null }, version: settings.approvalAuthority.version }), 400, 'VALIDATION_FAILED', [
      'body.limits.branch_manager',
    ]);
    const authority = await put(admin, 'approval-authority', { limits: { claims_adjuster: 2_000_000, branch_manager: 20_000_000, admin: null }, version: settings.approvalAuthority.version });
    expect(authority.statusCode, authority.body).toBe(200);
    expect((authority.json() as TClaimSettings).approvalAuthority).toEqual({ limits: { claims_adjuster: 2_000_000, branch_manager: 20_000_000, admin: null }, version: 2 });

    // The green channel is a tier entitlement (segmentation's tier rules), read through entitlements.
    expect((await report('SET-INV-2')).greenChannel).toBe(false);
    const tiers = await ctx.request({ method: 'GET', url: '/api/v1/tier-rules', token: admin });
    expect(tiers.statusCode, tiers.body).toBe(200);
    const items = (tiers.json() as TTierRuleList).items.map(({ customers: _customers, rank: _rank, ...rule }) => (rule.tier === 'gold' ? { ...rule, entitlements: { ...rule.entitlements, greenChannel: true } } : rule));
    const green = await ctx.request({ method: 'PUT', url: '/api/v1/tier-rules', token: admin, payload: { items } });
    expect(green.statusCode, green.body).toBe(200);
    expect((await report('SET-INV-3')).greenChannel).toBe(true);
  });
});
