import type { TRiskAlert, TRiskAlertList } from '@anxin/contracts';
import { describe, expect, it } from 'vitest';
import { cipherFor } from '../../app.ts';
import { newId } from '../../platform/ids.ts';
import { createTestContext } from '../../test/context.ts';
import { loginAs, seedOrg, seedStaff } from '../../test/factories.ts';
import { expectProblem } from '../../test/problems.ts';
import { createCustomer } from '../customers/index.ts';
import { createPolicy } from '../policies/index.ts';
import { createProduct } from '../products/index.ts';
import { openRiskAlerts } from './risk-alert.service.ts';

// Risk alerts (S7) on the real database and HTTP server: the batch arithmetic on fixtures (multi
// claim, loss ratio with earned premium), idempotent re-runs and recurrence, then the workflow.
const ctx = await createTestContext();
const deps = { db: ctx.db, cipher: cipherFor(ctx.config) };
const org = await seedOrg(ctx.db);
const { units, system } = org;
const agent = await seedStaff(ctx.db, org, units.eastA.id, 'ea.agent', ['agent']);
await seedStaff(ctx.db, org, units.eastA.id, 'ea.csr', ['csr']);
const adjuster = await seedStaff(ctx.db, org, units.eastA.id, 'ea.adjuster', ['claims_adjuster']);
const manager = await seedStaff(ctx.db, org, units.east.id, 'east.manager', ['branch_manager']);
await seedStaff(ctx.db, org, units.westA.id, 'west.manager', ['branch_manager']);
const analyst = await seedStaff(ctx.db, org, units.hq.id, 'hq.analyst', ['analyst']);
const token = {
  csr: await loginAs(ctx.app, 'ea.csr'),
  manager: await loginAs(ctx.app, 'east.manager'),
  westManager: await loginAs(ctx.app, 'west.manager'),
  analyst: await loginAs(ctx.app, 'hq.analyst'),
  adjuster: await loginAs(ctx.app, 'ea.adjuster'),
};

// 2026-11-20 12:00 in Shanghai.
const NOW = new Date('2026-11-20T04:00:00.000Z');
const product = await createProduct(deps, system, { code: 'ACC-1', name: '安心意外', line: 'accident', riskLevel: 'R1', waitingDays: 0, coverages: [{ code: 'ACC', name: '意外' }], claimDocuments: [] });
const customer = async (name: string) => (await createCustomer(deps, system, { name, orgUnitId: units.eastA.id, ownerAgentId: agent.staff.id })).id;
const policyOf = async (holder: string, premiumFen: number, paymentFrequency: 'annual' | 'monthly', effectiveOn: string, expiresOn: string) =>
  (await createPolicy(deps, system, { productId: product.id, policyholderId: holder, insuredIds: [holder], sumInsuredFen: 10_000_000, premiumFen, paymentFrequency, effectiveOn, expiresOn, agentId: agent.staff.id })).row;

let claimSeq = 0;
/** A claim row as the claims module stores it, reported at a chosen instant, with its payments. */
async function claim(policy: { id: string; customer_id: string; product_id: string; org_unit_id: string }, reportedAt: string, options: { status?: 'closed' | 'withdrawn' | 'reported'; payments?: { amountFen: number; paidAt: string }[] } = {}) {
  const id = newId();
  const paid = (options.payments ?? []).reduce((sum, p) => sum + p.amountFen, 0);
  await ctx.db
    .insertInto('claim')
    .values({
      customer_id: policy.customer_id, id, claim_no: `CLMT${String(++claimSeq).padStart(6, '0')}`, policy_id: policy.id, product_id: policy.product_id, line: 'accident', status: options.status ?? 'closed', channel: 'phone',
      reported_at: new Date(reportedAt), incident_at: new Date(reportedAt), incident_kind: 'illness', incident_enc: 'x', amount_claimed_fen: paid, amount_paid_fen: paid,
      org_unit_id: policy.org_unit_id, org_path: '/', created_by_name: 'test',
    })
    .execute();
  for (const p of options.payments ?? []) {
    await ctx.db
      .insertInto('claim_payment')
      .values({ customer_id: policy.customer_id, id: newId(), claim_id: id, kind: 'final', payee_name: 'payee', bank_account_enc: 'x', bank_account_masked: '****0000', amount_fen: p.amountFen, paid_at: new Date(p.paidAt), recorded_by_name: 'test' })
      .execute();
  }
}
const alertsOf = (customerId: string) => ctx.db.selectFrom('risk_alert').selectAll().where('customer_id', '=', customerId).orderBy('opened_at').execute();

// Three claims in the last 12 months (a withdrawn one and an older one do not count).
const frequent = await customer('频繁理赔');
const frequentPolicy = await policyOf(frequent, 10_000, 'annual', '2025-01-01', '2027-12-31');
for (const at of ['2026-02-01T02:00:00Z', '2026-06-01T02:00:00Z', '2026-10-01T02:00:00Z']) await claim(frequentPolicy, at);
await claim(frequentPolicy, '2026-07-01T02:00:00Z', { status: 'withdrawn' });
await claim(frequentPolicy, '2025-10-01T02:00:00Z');
// Two claims and a withdrawn one: below the threshold.
const twice = await customer('两次理赔');
const twicePolicy = await policyOf(twice, 10_000, 'annual', '2025-01-01', '2027-12-31');
for (const at of ['2026-03-01T02:00:00Z', '2026-09-01T02:00:00Z']) await claim(twicePolicy, at);
await claim(twicePolicy, '2026-09-02T02:00:00Z', { status: 'withdrawn' });
// Paid 3,000 yuan on a 1,000-yuan-a-year policy that ran through 2025 (364 days in the window): 99,726 fen earned.
const lossy = await customer('高赔付');
const lossyPolicy = await policyOf(lossy, 100_000, 'annual', '2025-01-01', '2025-12-31');
await claim(lossyPolicy, '2025-06-01T02:00:00Z', { payments: [{ amountFen: 200_000, paidAt: '2025-07-01T02:00:00Z' }, { amountFen: 100_000, paidAt: '2025-08-01T02:00:00Z' }] });
// Monthly premium 500 yuan (6,000 a year) over the same year: 598,356 fen earned; 1,500 yuan paid is 25 %.
const moderate = await customer('正常赔付');
const moderatePolicy = await policyOf(moderate, 50_000, 'monthly', '2025-01-01', '2025-12-31');
await claim(moderatePolicy, '2025-06-01T02:00:00Z', { payments: [{ amountFen: 150_000, paidAt: '2025-07-01T02:00:00Z' }] });
// A ratio far above 100 % but on less paid than the 1,000-yuan minimum.
const small = await customer('小额赔付');
const smallPolicy = await policyOf(small, 1_000, 'annual', '2025-01-01', '2025-12-31');
await claim(smallPolicy, '2025-06-01T02:00:00Z', { payments: [{ amountFen: 80_000, paidAt: '2025-07-01T02:00:00Z' }] });

describe('openRiskAlerts', () => {
  it('opens one multi_claim alert for three claims in twelve months and one high_loss_ratio alert with its figures, nothing below the thresholds', async () => {
    expect(await openRiskAlerts(ctx.db, NOW)).toBe(2);
    const [multi] = await alertsOf(frequent);
    expect(multi).toMatchObject({ kind: 'multi_claim', period_key: '2026-11', status: 'open', figures: { claims: 3, months: 12 }, org_unit_id: units.eastA.id, assignee_id: null });
    expect(multi!.org_path).toMatch(new RegExp(`/${units.eastA.id}/$`));
    expect(multi!.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    const [loss] = await alertsOf(lossy);
    expect(loss).toMatchObject({ kind: 'high_loss_ratio', period_key: '2026-11', figures: { lossRatioPct: 300.8, paidFen: 300_000, earnedFen: 99_726, years: 3 } });
    expect(await alertsOf(twice)).toEqual([]);
    expect(await alertsOf(moderate)).toEqual([]);
    expect(await alertsOf(small)).toEqual([]);
  });

  it('does not re-alert the same situation (same run, next day, next month) but alerts again when it recurs', async () => {
    expect(await openRiskAlerts(ctx.db, NOW)).toBe(0);
    expect(await openRiskAlerts(ctx.db, new Date(NOW.getTime() + 86_400_000))).toBe(0);
    expect(await openRiskAlerts(ctx.db, new Date('2026-12-20T04:00:00.000Z'))).toBe(0);
    expect(await alertsOf(frequent)).toHaveLength(1);
    // Three new claims after the first alert: a new situation, alerted in its month.
    for (const at of ['2026-12-01T02:00:00Z', '2026-12-10T02:00:00Z', '2026-12-21T02:00:00Z']) await claim(frequentPolicy, at);
    expect(await openRiskAlerts(ctx.db, new Date('2027-01-05T04:00:00.000Z'))).toBe(1);
    expect((await alertsOf(frequent)).map((a) => [a.period_key, a.figures])).toEqual([['2026-11', { claims: 3, months: 12 }], ['2027-01', { claims: 3, months: 12 }]]);
    expect(await alertsOf(lossy)).toHaveLength(1);
  });
});

describe('risk alert routes', () => {
  let alert: TRiskAlert;
  const url = (id: string, action = '') => `/api/v1/risk-alerts/${id}${action}`;

  it('GET list: 401 → 400 → 403 → scope → 200', async () => {
    expectProblem(await ctx.request({ method: 'GET', url: '/api/v1/risk-alerts' }), 401, 'UNAUTHENTICATED');
    expectProblem(await ctx.request({ method: 'GET', url: '/api/v1/risk-alerts?status=bogus', token: token.manager }), 400, 'VALIDATION_FAILED', ['querystring.status']);
    expectProblem(await ctx.request({ method: 'GET', url: '/api/v1/risk-alerts', token: token.csr }), 403, 'FORBIDDEN');
    const west = (await ctx.request({ method: 'GET', url: '/api/v1/risk-alerts', token: token.westManager })).json() as TRiskAlertList;
    expect(west.items).toEqual([]);
    const res = await ctx.request({ method: 'GET', url: `/api/v1/risk-alerts?kind=multi_claim&customerId=${frequent}`, token: token.manager });
    expect(res.statusCode, res.body).toBe(200);
    const list = res.json() as TRiskAlertList;
    expect(list.items.map((a) => a.periodKey)).toEqual(['2027-01', '2026-11']);
    alert = list.items[1]!;
    expect(alert).toMatchObject({ customer: { id: frequent, name: '频繁理赔' }, kind: 'multi_claim', status: 'open', unit: { id: units.eastA.id, name: 'East city A' }, assignee: null, decision: null, version: 1 });
    // Keyset pages.
    const first = (await ctx.request({ method: 'GET', url: '/api/v1/risk-alerts?limit=2', token: token.analyst })).json() as TRiskAlertList;
    const second = (await ctx.request({ method: 'GET', url: `/api/v1/risk-alerts?limit=2&cursor=${first.nextCursor}`, token: token.analyst })).json() as TRiskAlertList;
    expect([...first.items, ...second.items]).toHaveLength(3);
    expect(second.nextCursor).toBeNull();
  });

  it('GET one: 401 → 403 → 404 (out of scope) → 200', async () => {
    expectProblem(await ctx.request({ method: 'GET', url: url(alert.id) }), 401, 'UNAUTHENTICATED');
    expectProblem(await ctx.request({ method: 'GET', url: url(alert.id), token: token.csr }), 403, 'FORBIDDEN');
    expectProblem(await ctx.request({ method: 'GET', url: url(alert.id), token: token.westManager }), 404, 'NOT_FOUND');
    const res = await ctx.request({ method: 'GET', url: url(alert.id), token: token.analyst });
    expect(res.json()).toMatchObject({ id: alert.id, figures: { claims: 3, months: 12 } });
  });

  it('assign: 401 → 400 → 403 → 404 → 200; only active staff of the unit’s subtree who work alerts', async () => {
    const assign = (t: string | undefined, payload: Record<string, unknown>) => ctx.request({ method: 'POST', url: url(alert.id, '/assign'), token: t, payload });
    expectProblem(await assign(undefined, { assigneeId: adjuster.staff.id, version: 1 }), 401, 'UNAUTHENTICATED');
    expectProblem(await assign(token.manager, { assigneeId: 'nobody' }), 400, 'VALIDATION_FAILED', ['body.assigneeId', 'body.version']);
    expectProblem(await assign(token.analyst, { assigneeId: adjuster.staff.id, version: 1 }), 403, 'FORBIDDEN');
    expectProblem(await assign(token.westManager, { assigneeId: adjuster.staff.id, version: 1 }), 404, 'NOT_FOUND');
    expectProblem(await assign(token.manager, { assigneeId: analyst.staff.id, version: 1 }), 404, 'NOT_FOUND', ['body.assigneeId']);
    const res = await assign(token.manager, { assigneeId: adjuster.staff.id, version: 1 });
    expect(res.statusCode, res.body).toBe(200);
    alert = res.json() as TRiskAlert;
    expect(alert).toMatchObject({ assignee: { id: adjuster.staff.id, name: 'ea.adjuster' }, status: 'open', version: 2 });
  });

  it('review → close with a blacklist proposal: a pending blacklist request in the same transaction; each change audited', async () => {
    const act = (t: string, action: string, payload: Record<string, unknown>) => ctx.request({ method: 'POST', url: url(alert.id, action), token: t, payload });
    const reviewed = await act(token.adjuster, '/review', { version: 2 });
    expect(reviewed.statusCode, reviewed.body).toBe(200);
    expect(reviewed.json()).toMatchObject({ status: 'in_review', assignee: { id: adjuster.staff.id }, version: 3 });
    expectProblem(await act(token.adjuster, '/review', { version: 3 }), 409, 'RISK_ALERT_INVALID_TRANSITION');
    expectProblem(await act(token.adjuster, '/close', { decision: 'blacklist_proposed', note: '同一事故多次报案', version: 2 }), 409, 'VERSION_CONFLICT');
    expectProblem(await act(token.adjuster, '/close', { decision: 'maybe', note: '', version: 3 }), 400, 'VALIDATION_FAILED', ['body.decision', 'body.note']);
    const closed = await act(token.adjuster, '/close', { decision: 'blacklist_proposed', note: '同一事故多次报案', version: 3 });
    expect(closed.statusCode, closed.body).toBe(200);
    expect(closed.json()).toMatchObject({ status: 'closed', decision: 'blacklist_proposed', decisionNote: '同一事故多次报案', closedBy: 'ea.adjuster', version: 4 });
    expect((closed.json() as TRiskAlert).closedAt).toBeTruthy();
    expectProblem(await act(token.adjuster, '/close', { decision: 'no_action', note: 'again', version: 4 }), 409, 'RISK_ALERT_INVALID_TRANSITION');

    const entries = await ctx.db.selectFrom('blacklist_entry').selectAll().where('customer_id', '=', frequent).execute();
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({ status: 'pending', reason: 'other', detail: '同一事故多次报案', requested_by: adjuster.staff.id, expires_on: null });
    expect(entries[0]!.evidence).toMatch(/^风险预警（频繁理赔，.+，\d{4}-\d{2}-\d{2} \d{2}:\d{2} 生成）：12 个月内理赔 3 次$/);
    const audit = await ctx.db.selectFrom('audit_event').select(['action', 'data']).where('entity_id', '=', alert.id).orderBy('seq').execute();
    expect(audit.map((a) => [a.action, (a.data as { change: string }).change])).toEqual([['risk_alert.changed', 'assign'], ['risk_alert.changed', 'review'], ['risk_alert.changed', 'close']]);
    expect((audit[2]!.data as { blacklistEntryId: string }).blacklistEntryId).toBe(entries[0]!.id);

    // The closed alert leaves the active queue.
    const active = (await ctx.request({ method: 'GET', url: `/api/v1/risk-alerts?customerId=${frequent}`, token: token.manager })).json() as TRiskAlertList;
    expect(active.items.map((a) => a.id)).not.toContain(alert.id);
    const closedList = (await ctx.request({ method: 'GET', url: `/api/v1/risk-alerts?status=closed`, token: token.manager })).json() as TRiskAlertList;
    expect(closedList.items.map((a) => a.id)).toEqual([alert.id]);
  });

  it('closing a second alert of a customer already proposed does not file a duplicate request', async () => {
    const second = ((await ctx.request({ method: 'GET', url: `/api/v1/risk-alerts?customerId=${frequent}`, token: token.manager })).json() as TRiskAlertList).items[0]!;
    const res = await ctx.request({ method: 'POST', url: url(second.id, '/close'), token: token.manager, payload: { decision: 'blacklist_proposed', note: '再次出现', version: second.version } });
    expect(res.statusCode, res.body).toBe(200);
    expect(await ctx.db.selectFrom('blacklist_entry').select('id').where('customer_id', '=', frequent).execute()).toHaveLength(1);
    const audit = await ctx.db.selectFrom('audit_event').select(['actor_id', 'data']).where('entity_id', '=', second.id).executeTakeFirstOrThrow();
    expect(audit).toMatchObject({ actor_id: manager.staff.id, data: { change: 'close', blacklistEntryExisted: true } });
  });
});
