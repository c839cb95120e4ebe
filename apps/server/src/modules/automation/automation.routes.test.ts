import type { TAutomationRule, TAutomationRuleList, TAutomationRunList, TJobRunResult, TMessageList } from '@anxin/contracts';
import { describe, expect, it } from 'vitest';
import { cipherFor } from '../../app.ts';
import { createTestContext } from '../../test/context.ts';
import { loginAs, seedOrg, seedStaff } from '../../test/factories.ts';
import { expectProblem } from '../../test/problems.ts';
import { changeConsent, createCustomer } from '../customers/index.ts';
import { queueMessage } from '../messages/index.ts';

// Route tests for the rules page and the message log: 401 → 400 → 403 → 404 → success.
const ctx = await createTestContext();
const deps = { db: ctx.db, cipher: cipherFor(ctx.config) };
const org = await seedOrg(ctx.db);
const { units, system } = org;
await seedStaff(ctx.db, org, units.hq.id, 'hq.admin', ['admin']);
await seedStaff(ctx.db, org, units.eastA.id, 'ea.csr', ['csr']);
await seedStaff(ctx.db, org, units.westA.id, 'wa.csr', ['csr']);
await seedStaff(ctx.db, org, units.hq.id, 'hq.underwriter', ['underwriter']);
const token = { admin: await loginAs(ctx.app, 'hq.admin'), csr: await loginAs(ctx.app, 'ea.csr'), westCsr: await loginAs(ctx.app, 'wa.csr'), underwriter: await loginAs(ctx.app, 'hq.underwriter') };

describe('automation rules', () => {
  const patch = (t: string | undefined, code: string, payload: Record<string, unknown>) => ctx.request({ method: 'PATCH', url: `/api/v1/automation/rules/${code}`, token: t, payload });

  it('lists the built-in rules with their parameters', async () => {
    expectProblem(await ctx.request({ method: 'GET', url: '/api/v1/automation/rules' }), 401, 'UNAUTHENTICATED');
    expectProblem(await ctx.request({ method: 'GET', url: '/api/v1/automation/rules', token: token.underwriter }), 403, 'FORBIDDEN');
    const list = (await ctx.request({ method: 'GET', url: '/api/v1/automation/rules', token: token.csr })).json() as TAutomationRuleList;
    expect(list.items.map((r) => r.code)).toContain('birthday_review');
    expect(list.items.find((r) => r.code === 'renewal_reminder')).toMatchObject({ trigger: 'schedule', enabled: true, params: { daysBefore: [30, 7] }, runsLast30Days: 0 });
  });

  it('401 → 400 → 403 → 404 → 200 on a change; stale versions conflict', async () => {
    expectProblem(await patch(undefined, 'birthday_review', { enabled: false, version: 1 }), 401, 'UNAUTHENTICATED');
    expectProblem(await patch(token.admin, 'birthday_review', { params: { daysBefore: -1 }, version: 1 }), 400, 'VALIDATION_FAILED', ['body.params.daysBefore']);
    expectProblem(await patch(token.admin, 'birthday_review', { params: { nonsense: 3 }, version: 1 }), 400, 'VALIDATION_FAILED', ['body.params.nonsense']);
    expectProblem(await patch(token.admin, 'renewal_reminder', { params: { daysBefore: 30 }, version: 1 }), 400, 'VALIDATION_FAILED', ['body.params.daysBefore']);
    expectProblem(await patch(token.csr, 'birthday_review', { enabled: false, version: 1 }), 403, 'FORBIDDEN');
    expectProblem(await patch(token.admin, 'no_such_rule', { enabled: false, version: 1 }), 400, 'VALIDATION_FAILED', ['params.code']);
    const res = await patch(token.admin, 'birthday_review', { enabled: false, params: { daysBefore: 10 }, version: 1 });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json() as TAutomationRule).toMatchObject({ enabled: false, params: { daysBefore: 10 }, updatedBy: 'hq.admin', version: 2 });
    expectProblem(await patch(token.admin, 'birthday_review', { enabled: true, version: 1 }), 409, 'VERSION_CONFLICT');
  });

  it('runs due work by hand (administrators) and reports what it did', async () => {
    expectProblem(await ctx.request({ method: 'POST', url: '/api/v1/automation/run-due', token: token.csr }), 403, 'FORBIDDEN');
    const res = await ctx.request({ method: 'POST', url: '/api/v1/automation/run-due', token: token.admin });
    expect(res.statusCode, res.body).toBe(200);
    const result = res.json() as TJobRunResult;
    expect(result.jobs).toBeGreaterThanOrEqual(1);
  });

  it('lists what the rules did: the customer by name, the reason in English and its params (older runs: text only)', async () => {
    const c = (await createCustomer(deps, system, { name: '周敏', orgUnitId: units.eastA.id })).id;
    const firedAt = new Date();
    await ctx.db
      .insertInto('automation_run')
      .values([
        { customer_id: c, rule_code: 'claim_closure_visit', period_key: 'a', fired_at: firedAt, reason: 'claim CLM1 was closed', reason_params: JSON.stringify({ claimNo: 'CLM1' }), actions: '[]' },
        { customer_id: c, rule_code: 'claim_closure_visit', period_key: 'b', fired_at: new Date(firedAt.getTime() - 1000), reason: 'claim CLM0 was closed', actions: '[]' },
      ])
      .execute();
    const res = await ctx.request({ method: 'GET', url: `/api/v1/automation/runs?customerId=${c}`, token: token.admin });
    expect(res.statusCode, res.body).toBe(200);
    expect((res.json() as TAutomationRunList).items.map((r) => [r.customerName, r.periodKey, r.reason, r.reasonParams])).toEqual([
      ['周敏', 'a', 'claim CLM1 was closed', { claimNo: 'CLM1' }],
      ['周敏', 'b', 'claim CLM0 was closed', null],
    ]);
  });
});

describe('message log', () => {
  it('is scoped, masks the recipient, and shows secrets only in development to the message-inbox permission', async () => {
    const c = (await createCustomer(deps, system, { name: '陈红', orgUnitId: units.eastA.id, contacts: [{ channel: 'mobile', value: '13812345678' }] })).id;
    await changeConsent(deps, system, c, 'granted', { purpose: 'service', channel: 'any', evidence: { kind: 'signed_form', reference: 'F-1' } });
    await ctx.db.transaction().execute((tx) => queueMessage({ ...deps, db: tx }, { customerId: c, channel: 'sms', template: 'survey_invitation', params: { link: 'https://x.example/survey/SECRET', expiresOn: '2026-12-06', surveyId: c }, source: 'test' }));
    expect((await ctx.request({ method: 'POST', url: '/api/v1/automation/run-due', token: token.admin })).statusCode).toBe(200);

    expectProblem(await ctx.request({ method: 'GET', url: '/api/v1/messages' }), 401, 'UNAUTHENTICATED');
    expectProblem(await ctx.request({ method: 'GET', url: '/api/v1/messages?status=bogus', token: token.csr }), 400, 'VALIDATION_FAILED', ['querystring.status']);
    expectProblem(await ctx.request({ method: 'GET', url: '/api/v1/messages', token: token.underwriter }), 403, 'FORBIDDEN');
    const csrView = (await ctx.request({ method: 'GET', url: `/api/v1/messages?customerId=${c}`, token: token.csr })).json() as TMessageList;
    expect(csrView.items).toHaveLength(1);
    expect(csrView.items[0]).toMatchObject({ template: 'survey_invitation', status: 'sent', recipient: '138****5678', adapter: 'development', purpose: 'service' });
    expect(csrView.items[0]!.body).toContain('[hidden]');
    expect(JSON.stringify(csrView)).not.toContain('SECRET');
    const adminView = (await ctx.request({ method: 'GET', url: `/api/v1/messages?customerId=${c}`, token: token.admin })).json() as TMessageList;
    expect(adminView.items[0]!.body).toContain('https://x.example/survey/SECRET');
    const westView = (await ctx.request({ method: 'GET', url: `/api/v1/messages?customerId=${c}`, token: token.westCsr })).json() as TMessageList;
    expect(westView.items).toEqual([]);
    const audit = await ctx.db.selectFrom('audit_event').select('action').where('action', '=', 'message.read').execute();
    expect(audit.length).toBeGreaterThanOrEqual(3);
  });
});
