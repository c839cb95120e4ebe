import type { TFollowUpVisit, TSatisfactionReport, TServiceKpis, TTask, TTaskList } from '@anxin/contracts';
import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { cipherFor } from '../../app.ts';
import { createTestContext } from '../../test/context.ts';
import { loginAs, seedOrg, seedStaff } from '../../test/factories.ts';
import { expectProblem } from '../../test/problems.ts';
import { changeConsent, createCustomer } from '../customers/index.ts';
import { createPolicy } from '../policies/index.ts';
import { createProduct } from '../products/index.ts';
import { sendSurveyInTransaction } from './survey.service.ts';

// Route tests for service operations on the real database and HTTP server: tasks, follow-up
// visits, the tokenised survey link, NPS/CSAT figures and KPIs, loyalty and referrals.
const ctx = await createTestContext();
const deps = { db: ctx.db, cipher: cipherFor(ctx.config) };
const org = await seedOrg(ctx.db);
const { units, system } = org;
const agent = await seedStaff(ctx.db, org, units.eastA.id, 'ea.agent', ['agent']);
const csr = await seedStaff(ctx.db, org, units.eastA.id, 'ea.csr', ['csr']);
await seedStaff(ctx.db, org, units.westA.id, 'wa.csr', ['csr']);
await seedStaff(ctx.db, org, units.hq.id, 'hq.analyst', ['analyst']);
await seedStaff(ctx.db, org, units.hq.id, 'hq.underwriter', ['underwriter']);
await seedStaff(ctx.db, org, units.east.id, 'east.manager', ['branch_manager']);
await seedStaff(ctx.db, org, units.hq.id, 'hq.admin', ['admin']);
const token = {
  agent: await loginAs(ctx.app, 'ea.agent'),
  csr: await loginAs(ctx.app, 'ea.csr'),
  westCsr: await loginAs(ctx.app, 'wa.csr'),
  analyst: await loginAs(ctx.app, 'hq.analyst'),
  underwriter: await loginAs(ctx.app, 'hq.underwriter'),
  manager: await loginAs(ctx.app, 'east.manager'),
  admin: await loginAs(ctx.app, 'hq.admin'),
};
const product = await createProduct(deps, system, { code: 'ACC-1', name: '安心意外', line: 'accident', riskLevel: 'R1', waitingDays: 0, coverages: [{ code: 'ACC', name: '意外' }], claimDocuments: [] });
const customer = async (name: string) => (await createCustomer(deps, system, { name, orgUnitId: units.eastA.id, ownerAgentId: agent.staff.id, contacts: [{ channel: 'mobile', value: '13900001111' }] })).id;
const zhou = await customer('周明');
const westCustomer = (await createCustomer(deps, system, { name: '西部客户', orgUnitId: units.westA.id })).id;
const policy = await createPolicy(deps, system, { productId: product.id, policyholderId: zhou, insuredIds: [zhou], sumInsuredFen: 1_000_000, premiumFen: 10_000, paymentFrequency: 'annual', effectiveOn: '2026-01-01', expiresOn: '2026-12-31', agentId: agent.staff.id });
const inTwoDays = () => new Date(Date.now() + 2 * 86_400_000).toISOString();

describe('tasks', () => {
  const create = (t: string | undefined, payload: Record<string, unknown>) => ctx.request({ method: 'POST', url: '/api/v1/tasks', token: t, payload });
  let task: TTask;

  it('401 → 400 → 403 → 404 → 201', async () => {
    expectProblem(await create(undefined, {}), 401, 'UNAUTHENTICATED');
    expectProblem(await create(token.csr, { customerId: zhou, title: '', dueAt: 'tomorrow' }), 400, 'VALIDATION_FAILED', ['body.title', 'body.dueAt']);
    expectProblem(await create(token.underwriter, { customerId: zhou, title: 'Call back', dueAt: inTwoDays() }), 403, 'FORBIDDEN');
    expectProblem(await create(token.westCsr, { customerId: zhou, title: 'Call back', dueAt: inTwoDays() }), 404, 'NOT_FOUND', ['body.customerId']);
    const res = await create(token.csr, { customerId: zhou, title: 'Call back about the endorsement', dueAt: inTwoDays(), priority: 'normal' });
    expect(res.statusCode, res.body).toBe(201);
    task = res.json() as TTask;
    expect(task).toMatchObject({ kind: 'manual', status: 'open', priority: 'normal', assignee: { id: csr.staff.id }, customer: { id: zhou, name: '周明' }, source: { type: 'manual' }, overdue: false, version: 1 });
  });

  it('shows in my inbox and my unit’s, not in another unit’s', async () => {
    const mine = (await ctx.request({ method: 'GET', url: '/api/v1/tasks?inbox=mine', token: token.csr })).json() as TTaskList;
    expect(mine.items.map((t) => t.id)).toContain(task.id);
    const unit = (await ctx.request({ method: 'GET', url: '/api/v1/tasks?inbox=unit', token: token.manager })).json() as TTaskList;
    expect(unit.items.map((t) => t.id)).toContain(task.id);
    const west = (await ctx.request({ method: 'GET', url: '/api/v1/tasks?inbox=unit', token: token.westCsr })).json() as TTaskList;
    expect(west.items.map((t) => t.id)).not.toContain(task.id);
    expectProblem(await ctx.request({ method: 'GET', url: '/api/v1/tasks?cursor=nonsense', token: token.csr }), 400, 'VALIDATION_FAILED', ['querystring.cursor']);
  });

  it('start → complete with the outcome; a stale version is 409; a done task cannot be cancelled', async () => {
    const act = (payload: Record<string, unknown>) => ctx.request({ method: 'POST', url: `/api/v1/tasks/${task.id}/actions`, token: token.csr, payload });
    const started = await act({ action: 'start', version: 1 });
    expect(started.statusCode, started.body).toBe(200);
    expectProblem(await act({ action: 'complete', outcome: 'done', version: 1 }), 409, 'VERSION_CONFLICT');
    const done = await act({ action: 'complete', outcome: '客户已确认地址变更', version: 2 });
    expect(done.json()).toMatchObject({ status: 'done', outcome: '客户已确认地址变更', version: 3 });
    expectProblem(await act({ action: 'cancel', outcome: 'x', version: 3 }), 409, 'TASK_INVALID_TRANSITION');
    expectProblem(await ctx.request({ method: 'POST', url: `/api/v1/tasks/${task.id}/actions`, token: token.westCsr, payload: { action: 'start', version: 3 } }), 404, 'NOT_FOUND');
  });

  it('pages by keyset with a cursor', async () => {
    for (let i = 0; i < 3; i++) expect((await create(token.csr, { customerId: zhou, title: `Task ${i}`, dueAt: new Date(Date.now() + (i + 3) * 86_400_000).toISOString() })).statusCode).toBe(201);
    const first = (await ctx.request({ method: 'GET', url: '/api/v1/tasks?limit=2', token: token.csr })).json() as TTaskList;
    expect(first.items).toHaveLength(2);
    const second = (await ctx.request({ method: 'GET', url: `/api/v1/tasks?limit=2&cursor=${first.nextCursor}`, token: token.csr })).json() as TTaskList;
    expect(second.items).toHaveLength(1);
    expect(second.nextCursor).toBeNull();
    expect(new Set([...first.items, ...second.items].map((t) => t.title))).toEqual(new Set(['Task 0', 'Task 1', 'Task 2']));
  });
});

describe('follow-up visits', () => {
  const schedule = (t: string, payload: Record<string, unknown>) => ctx.request({ method: 'POST', url: '/api/v1/visits', token: t, payload });
  const outcome = (t: string, visit: TFollowUpVisit, payload: Record<string, unknown>) => ctx.request({ method: 'POST', url: `/api/v1/visits/${visit.id}/outcome`, token: t, payload: { version: visit.version, ...payload } });

  it('a new-policy visit: by phone (rule), the seven required points checked, a "no" makes a problem case for the unit, the visit survey is sent', async () => {
    expectProblem(await schedule(token.csr, { customerId: zhou, visitType: 'new_policy', dueAt: inTwoDays(), policyId: westCustomer }), 404, 'NOT_FOUND', ['body.policyId']);
    const res = await schedule(token.csr, { customerId: zhou, visitType: 'new_policy', dueAt: inTwoDays(), policyId: policy.row.id });
    expect(res.statusCode, res.body).toBe(201);
    const visit = res.json() as TFollowUpVisit;
    expect(visit).toMatchObject({ method: 'phone', status: 'scheduled', attempts: 0 });
    expect(visit.methodReason).toMatch(/^phone: new policy visits are made by phone/);
    expect(visit.methodWhy).toEqual({ key: 'by_phone', params: { visitType: 'new_policy', tenureYears: expect.any(Number), annualPremiumFen: expect.any(Number) } });
    // The policy is paid annually: the instalment question is asked too.
    const points = ['identity_confirmed', 'purchase_confirmed', 'signed_personally', 'documents_read', 'clauses_explained', 'surrender_loss_known', 'cooling_off_known', 'instalments_known'];
    expect(visit.script.map((q) => q.key)).toEqual([...points, 'comment']);
    expect(visit.script.filter((q) => q.problemIfNo).map((q) => q.key)).toEqual(points);

    expectProblem(await outcome(token.csr, visit, { outcome: 'reached', answers: { identity_confirmed: true, signed_personally: 'yes', unknown: 1 } }), 400, 'VALIDATION_FAILED', [
      'body.answers.unknown',
      'body.answers.purchase_confirmed',
      'body.answers.signed_personally',
      'body.answers.documents_read',
      'body.answers.clauses_explained',
      'body.answers.surrender_loss_known',
      'body.answers.cooling_off_known',
      'body.answers.instalments_known',
    ]);
    const answers = { ...Object.fromEntries(points.map((k) => [k, true])), surrender_loss_known: false, clauses_explained: false };
    const done = await outcome(token.csr, visit, { outcome: 'reached', answers, problem: '客户表示未被告知免责条款', note: '已致歉' });
    expect(done.statusCode, done.body).toBe(200);
    const completed = done.json() as TFollowUpVisit;
    // Completed, and a problem case: the points answered "no", in script order, and a task for the
    // unit's queue (not the owner agent, whose sale it may be about).
    expect(completed).toMatchObject({ status: 'completed', attempts: 1, answers: { clauses_explained: false }, problemAnswers: ['clauses_explained', 'surrender_loss_known'] });
    expect(completed.problemTaskId).toBeTruthy();
    const task = await ctx.db.selectFrom('task').selectAll().where('id', '=', completed.problemTaskId!).executeTakeFirstOrThrow();
    expect(task).toMatchObject({ kind: 'visit_problem', priority: 'high', source_type: 'visit', source_id: visit.id, detail: '客户表示未被告知免责条款', assignee_id: null, text_key: 'visit_problem_case' });
    expect(task.text_params).toEqual({ visitType: 'new_policy', count: '2' });
    const queue = (await ctx.request({ method: 'GET', url: '/api/v1/tasks?inbox=unit', token: token.manager })).json() as TTaskList;
    expect(queue.items.map((t) => t.id)).toContain(task.id);
    const survey = await ctx.db.selectFrom('survey').select(['context', 'visit_id']).where('visit_id', '=', visit.id).executeTakeFirstOrThrow();
    expect(survey.context).toBe('visit');
    expectProblem(await outcome(token.csr, completed, { outcome: 'refused' }), 409, 'VISIT_CLOSED');
  });

  it('says on the visit whether its survey can reach the customer (service-SMS consent)', async () => {
    const quiet = await customer('冯静');
    const visit = (await schedule(token.csr, { customerId: quiet, visitType: 'survey', dueAt: inTwoDays() })).json() as TFollowUpVisit;
    const read = async () => ((await ctx.request({ method: 'GET', url: `/api/v1/visits/${visit.id}`, token: token.csr })).json() as TFollowUpVisit).surveyReachable;
    expect(await read()).toBe(false);
    await changeConsent(deps, system, quiet, 'granted', { purpose: 'service', channel: 'any', evidence: { kind: 'signed_form', reference: 'F-VIS-1' } });
    expect(await read()).toBe(true);
  });

  it('a method chosen by hand against the rule keeps who chose it and what the rule said', async () => {
    const res = await schedule(token.csr, { customerId: zhou, visitType: 'holiday_care', dueAt: inTwoDays(), method: 'on_site' });
    expect(res.statusCode, res.body).toBe(201);
    const visit = res.json() as TFollowUpVisit;
    expect(visit.method).toBe('on_site');
    expect(visit.methodReason).toMatch(/^chosen by ea\.csr \(rule: phone: below the on-site thresholds/);
    expect(visit.methodWhy).toEqual({ key: 'below_thresholds', chosenBy: 'ea.csr', params: { tenureYears: expect.any(Number), annualPremiumFen: 10_000, minTenureYears: 5, minAnnualPremiumFen: expect.any(Number) } });
  });

  it('a customer whose first policy starts later has no tenure yet (not a negative one)', async () => {
    const newcomer = await customer('新客户');
    const start = new Date(Date.now() + 40 * 86_400_000).toISOString().slice(0, 10);
    const end = new Date(Date.now() + 400 * 86_400_000).toISOString().slice(0, 10);
    await createPolicy(deps, system, { productId: product.id, policyholderId: newcomer, insuredIds: [newcomer], sumInsuredFen: 1_000_000, premiumFen: 10_000, paymentFrequency: 'annual', effectiveOn: start, expiresOn: end, agentId: agent.staff.id });
    const visit = (await schedule(token.csr, { customerId: newcomer, visitType: 'new_policy', dueAt: inTwoDays() })).json() as TFollowUpVisit;
    // Not tied to an instalment policy: the payment-frequency point is not asked.
    expect(visit.script.map((q) => q.key)).not.toContain('instalments_known');
    expect(visit.methodWhy!.params.tenureYears).toBe(0);
  });

  it('not reached three times by phone: the visit becomes a letter; then the letter is recorded', async () => {
    let visit = (await schedule(token.csr, { customerId: zhou, visitType: 'survey', dueAt: inTwoDays() })).json() as TFollowUpVisit;
    expectProblem(await outcome(token.csr, visit, { outcome: 'letter_sent' }), 400, 'VALIDATION_FAILED', ['body.outcome']);
    for (let i = 1; i <= 3; i++) {
      const res = await outcome(token.csr, visit, { outcome: 'not_reached', note: `第${i}次未接通` });
      expect(res.statusCode, res.body).toBe(200);
      visit = res.json() as TFollowUpVisit;
    }
    expect(visit).toMatchObject({ method: 'letter', status: 'scheduled', attempts: 3, methodReason: 'letter: not reached by phone after 3 attempts', methodWhy: { key: 'not_reached', params: { attempts: 3 } } });
    expect(visit.attemptLog.map((a) => a.outcome)).toEqual(['not_reached', 'not_reached', 'not_reached']);
    const letter = await outcome(token.csr, visit, { outcome: 'letter_sent' });
    expect(letter.json()).toMatchObject({ status: 'completed', attempts: 4 });
  });

  it('an unassigned visit (a rule’s, for a customer without an owner agent) becomes the visit of whoever records its first attempt', async () => {
    const scheduled = (await schedule(token.csr, { customerId: zhou, visitType: 'survey', dueAt: inTwoDays() })).json() as TFollowUpVisit;
    await ctx.db.updateTable('follow_up_visit').set({ assignee_id: null }).where('id', '=', scheduled.id).execute();
    const unassigned = (await ctx.request({ method: 'GET', url: `/api/v1/visits/${scheduled.id}`, token: token.csr })).json() as TFollowUpVisit;
    expect(unassigned.assignee).toBeNull();
    const res = await outcome(token.csr, unassigned, { outcome: 'not_reached' });
    expect(res.statusCode, res.body).toBe(200);
    expect((res.json() as TFollowUpVisit).assignee).toMatchObject({ id: csr.staff.id });
  });

  it('the worklist is scoped: another branch does not see the customer’s visits', async () => {
    const own = (await ctx.request({ method: 'GET', url: `/api/v1/visits?customerId=${zhou}`, token: token.csr })).json() as { items: TFollowUpVisit[] };
    expect(own.items.length).toBeGreaterThanOrEqual(2);
    const west = (await ctx.request({ method: 'GET', url: `/api/v1/visits?customerId=${zhou}`, token: token.westCsr })).json() as { items: TFollowUpVisit[] };
    expect(west.items).toEqual([]);
    expectProblem(await ctx.request({ method: 'GET', url: `/api/v1/visits/${own.items[0]!.id}`, token: token.westCsr }), 404, 'NOT_FOUND');
  });
});

describe('survey templates', () => {
  const question = (key: string, options: string[]) => ({ key, kind: 'choice', required: true, label: { 'zh-CN': '您通过哪种方式联系我们？', 'en-US': 'How did you reach us?' }, options: options.map((value) => ({ value, label: { 'zh-CN': value, 'en-US': value } })) });
  const create = (t: string, options: string[]) => ctx.request({ method: 'POST', url: '/api/v1/survey-templates', token: t, payload: { code: 'contact_channel', name: '联系渠道调查', context: 'general', questions: [question('channel', options)] } });

  it('built-in templates are named in Chinese; a choice question’s options need different values; managers create templates', async () => {
    const list = (await ctx.request({ method: 'GET', url: '/api/v1/survey-templates', token: token.admin })).json() as { items: { code: string; name: string }[] };
    expect(Object.fromEntries(list.items.map((i) => [i.code, i.name]))).toMatchObject({ claim_closure: '理赔结案满意度', complaint_closure: '投诉处理满意度', visit: '回访满意度' });
    expectProblem(await create(token.csr, ['phone', 'app']), 403, 'FORBIDDEN');
    const duplicate = expectProblem(await create(token.admin, ['phone', 'phone']), 400, 'VALIDATION_FAILED', ['body.questions']);
    expect(duplicate.errors![0]).toMatchObject({ rule: 'option_values_unique' });
    const res = await create(token.admin, ['phone', 'app']);
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({ code: 'contact_channel', active: true, questions: [{ key: 'channel', options: [{ value: 'phone' }, { value: 'app' }] }] });
  });
});

describe('survey link, satisfaction figures and KPIs', () => {
  const send = async (customerId: string) => {
    const id = await ctx.db.transaction().execute((tx) => sendSurveyInTransaction({ ...deps, db: tx }, { customerId, templateCode: 'claim_closure', orgUnitId: units.eastA.id, productId: product.id, agentId: agent.staff.id, validDays: 14, source: 'test' }, 'https://x.example'));
    const message = await ctx.db.selectFrom('message').select('params').where('customer_id', '=', customerId).where('template', '=', 'survey_invitation').where(sql<string>`params->>'surveyId'`, '=', id!).executeTakeFirstOrThrow();
    return deps.cipher.decrypt((message.params as Record<string, string>).linkEnc!).split('/').at(-1)!;
  };
  const answer = (t: string, answers: Record<string, unknown>) => ctx.request({ method: 'POST', url: `/api/v1/public/surveys/${t}/answers`, payload: { answers } });

  it('needs no login, shows only the questions, takes one answer, and refuses unknown, invalid and expired links', async () => {
    const t = await send(zhou);
    const page = await ctx.request({ method: 'GET', url: `/api/v1/public/surveys/${t}` });
    expect(page.statusCode, page.body).toBe(200);
    expect(page.json()).toMatchObject({ status: 'open', context: 'claim_closure' });
    expect(page.body).not.toContain('周明');
    expectProblem(await ctx.request({ method: 'GET', url: '/api/v1/public/surveys/not-a-token' }), 404, 'SURVEY_NOT_FOUND');
    expectProblem(await answer(t, { csat: 6, nps: 11, extra: 'x' }), 400, 'VALIDATION_FAILED', ['body.answers.extra', 'body.answers.csat', 'body.answers.nps']);
    expectProblem(await answer(t, { comment: 'only a comment' }), 400, 'VALIDATION_FAILED', ['body.answers.csat', 'body.answers.nps']);
    // Two answers at once through the same link: exactly one wins.
    const [a, b] = await Promise.all([answer(t, { csat: 5, nps: 10 }), answer(t, { csat: 1, nps: 0 })]);
    expect([a.statusCode, b.statusCode].sort()).toEqual([200, 409]);
    expect((await ctx.request({ method: 'GET', url: `/api/v1/public/surveys/${t}` })).json()).toMatchObject({ status: 'answered' });
    expectProblem(await answer(t, { csat: 5, nps: 10 }), 409, 'SURVEY_ALREADY_ANSWERED');

    const old = await send(zhou);
    await ctx.db.updateTable('survey').set({ expires_at: new Date(Date.now() - 1000) }).where('token_hash', '=', (await import('./survey-token.ts')).surveyTokenHash(old)).execute();
    expect((await ctx.request({ method: 'GET', url: `/api/v1/public/surveys/${old}` })).json()).toMatchObject({ status: 'expired' });
    expectProblem(await answer(old, { csat: 5, nps: 10 }), 410, 'SURVEY_EXPIRED');
  });

  it('NPS and CSAT by unit, product and agent over the answered surveys; KPIs for the dashboard', async () => {
    // Answers so far: one (5, 10) or (1, 0) from the race. Add a passive (4, 8) and a detractor (2, 5).
    const first = await ctx.db.selectFrom('survey').select(['csat', 'nps']).where('status', '=', 'answered').executeTakeFirstOrThrow();
    expect(await answer(await send(zhou), { csat: 4, nps: 8 })).toMatchObject({ statusCode: 200 });
    expect(await answer(await send(zhou), { csat: 2, nps: 5, comment: '慢' })).toMatchObject({ statusCode: 200 });
    const today = new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);
    expectProblem(await ctx.request({ method: 'GET', url: `/api/v1/satisfaction?from=${today}&to=2020-01-01`, token: token.analyst }), 400, 'VALIDATION_FAILED', ['querystring.to']);
    expectProblem(await ctx.request({ method: 'GET', url: `/api/v1/satisfaction?from=${today}&to=${today}`, token: token.underwriter }), 403, 'FORBIDDEN');
    const report = (await ctx.request({ method: 'GET', url: `/api/v1/satisfaction?from=${today}&to=${today}&groupBy=agent`, token: token.analyst })).json() as TSatisfactionReport;
    const promoters = first.nps === 10 ? 1 : 0;
    const detractors = 1 + (first.nps === 0 ? 1 : 0);
    expect(report.total).toMatchObject({ responses: 3, npsResponses: 3, promoters, passives: 1, detractors, nps: Math.round(((promoters - detractors) * 1000) / 3) / 10 });
    expect(report.total.csatAverage).toBe(Math.round(((first.csat! + 4 + 2) / 3) * 100) / 100);
    expect(report.groups).toHaveLength(1);
    expect(report.groups[0]).toMatchObject({ key: agent.staff.id, label: 'ea.agent', responses: 3 });
    expect(report.surveysSent).toBe(5);
    expect(report.responseRatePct).toBe(60);
    const west = (await ctx.request({ method: 'GET', url: `/api/v1/satisfaction?from=${today}&to=${today}`, token: token.westCsr })).json() as TSatisfactionReport;
    expect(west.total.responses).toBe(0);
    expect(west.total.nps).toBeNull();

    const kpis = (await ctx.request({ method: 'GET', url: `/api/v1/service/kpis?from=${today}&to=${today}`, token: token.manager })).json() as TServiceKpis;
    expect(kpis).toMatchObject({ nps: report.total.nps, npsResponses: 3, csatAverage: report.total.csatAverage });
    expect(kpis.openTasks).toBeGreaterThanOrEqual(3);
  });
});

describe('loyalty and referrals', () => {
  it('records who referred whom; the resulting policy earns the referrer points; a customer has one referrer', async () => {
    const referrer = await customer('推荐人');
    const res = await ctx.request({ method: 'POST', url: '/api/v1/referrals', token: token.agent, payload: { referrerId: referrer, referredCustomerId: zhou, policyId: policy.row.id, referredOn: '2026-01-01' } });
    expect(res.statusCode, res.body).toBe(201);
    expectProblem(await ctx.request({ method: 'POST', url: '/api/v1/referrals', token: token.agent, payload: { referrerId: referrer, referredCustomerId: zhou, referredOn: '2026-01-01' } }), 409, 'DUPLICATE', ['body.referredCustomerId']);
    expectProblem(await ctx.request({ method: 'POST', url: '/api/v1/referrals', token: token.agent, payload: { referrerId: referrer, referredCustomerId: referrer, referredOn: '2026-01-01' } }), 400, 'VALIDATION_FAILED', ['body.referredCustomerId']);
    const loyalty = (await ctx.request({ method: 'GET', url: `/api/v1/customers/${referrer}/loyalty`, token: token.agent })).json();
    expect(loyalty).toMatchObject({ points: 200, entries: [{ points: 200, reason: 'referral' }], referrals: [{ referredCustomer: { id: zhou, name: '周明' }, policyId: policy.row.id, referredOn: '2026-01-01' }] });
    expectProblem(await ctx.request({ method: 'GET', url: `/api/v1/customers/${referrer}/loyalty`, token: token.westCsr }), 404, 'NOT_FOUND');
  });
});
