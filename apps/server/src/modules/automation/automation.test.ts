import { sql } from 'kysely';
import { describe, expect, it, vi } from 'vitest';
import { automationRuntimeFor, cipherFor } from '../../app.ts';
import { createTestContext } from '../../test/context.ts';
import { loginAs, seedOrg, seedStaff } from '../../test/factories.ts';
import { expectProblem } from '../../test/problems.ts';
import { reportClaim, transitionClaim } from '../claims/index.ts';
import { actOnComplaint, createComplaint } from '../complaints/index.ts';
import { changeConsent, createCustomer, logInteraction } from '../customers/index.ts';
import { developmentAdapter, deliverDueMessages, queueMessage, type MessageAdapters } from '../messages/index.ts';
import { createPolicy } from '../policies/index.ts';
import { createProduct } from '../products/index.ts';
import { sendSurveyInTransaction } from '../service/index.ts';
import { runDueWork, runScheduledRule } from './index.ts';
import { keepLeases } from '../../platform/jobs.ts';

// Automation on the real database (PGlite and PostgreSQL): rules fire once per customer and period
// even with two workers at once; event rules turn closures into visits and surveys; messages
// respect consent, quiet hours and the weekly cap.
const ctx = await createTestContext({ ANXIN_PUBLIC_URL: 'https://service.example.cn' });
const deps = { db: ctx.db, cipher: cipherFor(ctx.config) };
const runtime = automationRuntimeFor(ctx.config);
const org = await seedOrg(ctx.db);
const { units, system } = org;
const agent = await seedStaff(ctx.db, org, units.eastA.id, 'ea.agent', ['agent']);
const manager = await seedStaff(ctx.db, org, units.east.id, 'east.manager', ['branch_manager']);

// 2026-11-22 10:00 in Shanghai.
const NOW = new Date('2026-11-22T02:00:00.000Z');
const product = await createProduct(deps, system, { code: 'ACC-1', name: '安心意外', line: 'accident', riskLevel: 'R1', waitingDays: 0, coverages: [{ code: 'ACC', name: '意外' }], claimDocuments: [] });
let mobileSeq = 0;
const grantService = (c: string) => changeConsent(deps, system, c, 'granted', { purpose: 'service', channel: 'any', evidence: { kind: 'signed_form', reference: 'F-0' } });
/** A customer with a mobile and service consent (customers who are being served have both). */
const customer = async (name: string, extra: Record<string, unknown> = {}, withServiceConsent = true) => {
  const id = (await createCustomer(deps, system, { name, orgUnitId: units.eastA.id, ownerAgentId: agent.staff.id, contacts: [{ channel: 'mobile', value: `1380000${String(++mobileSeq).padStart(4, '0')}`, preferred: true }], ...extra })).id;
  if (withServiceConsent) await grantService(id);
  return id;
};
const policy = (holder: string, effectiveOn: string, expiresOn: string) =>
  createPolicy(deps, system, { productId: product.id, policyholderId: holder, insuredIds: [holder], sumInsuredFen: 1_000_000, premiumFen: 10_000, paymentFrequency: 'annual', effectiveOn, expiresOn, agentId: agent.staff.id });
const count = async (table: 'task' | 'message' | 'automation_run' | 'follow_up_visit' | 'survey', customerId: string) =>
  Number((await sql<{ n: string }>`SELECT count(*) AS n FROM ${sql.table(table)} WHERE customer_id = ${customerId}`.execute(ctx.db)).rows[0]!.n);

describe('scheduled rules fire once per customer and period', () => {
  it('birthday − 7 days: one coverage-review task and one greeting, even with two workers passing at the same time', async () => {
    const birthdayPerson = await customer('林晓', { kind: 'person', birthDate: '1990-11-29' });
    const notYet = await customer('高原', { kind: 'person', birthDate: '1990-11-30' });
    await policy(birthdayPerson, '2026-01-01', '2026-12-31');
    await policy(notYet, '2026-01-01', '2026-12-31');

    const [a, b] = await Promise.all([runDueWork(deps, runtime, { workerId: 'worker-a', now: NOW }), runDueWork(deps, runtime, { workerId: 'worker-b', now: NOW })]);
    expect(a.jobs + b.jobs).toBeGreaterThanOrEqual(1);
    // And the rule itself, twice at once (what two workers would do if both held the job).
    await Promise.all([runScheduledRule(deps, 'birthday_review', NOW), runScheduledRule(deps, 'birthday_review', NOW)]);
    await runDueWork(deps, runtime, { workerId: 'worker-a', now: new Date(NOW.getTime() + 60_000) });

    expect(await count('automation_run', birthdayPerson)).toBe(1);
    const tasks = await ctx.db.selectFrom('task').selectAll().where('customer_id', '=', birthdayPerson).execute();
    expect(tasks.map((t) => [t.kind, t.assignee_id, t.source_type, t.source_id])).toEqual([['coverage_review', agent.staff.id, 'rule', 'birthday_review']]);
    expect(tasks[0]!.reason).toBe('birthday on 2026-11-29 (in 7 days)');
    // The console says the task in its reader's language from its text key and params.
    expect(tasks[0]).toMatchObject({ text_key: 'birthday_review', text_params: { birthday: '2026-11-29' } });
    const messages = await ctx.db.selectFrom('message').selectAll().where('customer_id', '=', birthdayPerson).execute();
    expect(messages.map((m) => [m.template, m.purpose, m.status])).toEqual([['birthday_greeting', 'marketing', 'queued']]);
    // The greeting waits for the birthday, 09:00 in Shanghai.
    expect(messages[0]!.next_attempt_at.toISOString()).toBe('2026-11-29T01:00:00.000Z');
    expect(await count('automation_run', notYet)).toBe(0);

    // Exactly one job row per rule and day, done.
    const jobs = await ctx.db.selectFrom('job').select(['dedupe_key', 'status']).where('dedupe_key', 'like', 'rule:birthday_review:%').execute();
    expect(jobs).toEqual([{ dedupe_key: 'rule:birthday_review:2026-11-22', status: 'done' }]);
  });

  it('renewal reminders: one per threshold, the first with a task for the agent; a renewed policy gets none', async () => {
    const holder = await customer('沈飞');
    const p = await policy(holder, '2025-12-10', '2026-12-10'); // 18 days after NOW: inside the 30-day window
    const renewedHolder = await customer('许静');
    const old = await policy(renewedHolder, '2025-12-12', '2026-12-12');
    await createPolicy(deps, system, { productId: product.id, policyholderId: renewedHolder, insuredIds: [renewedHolder], sumInsuredFen: 1_000_000, premiumFen: 10_000, paymentFrequency: 'annual', effectiveOn: '2026-12-12', expiresOn: '2027-12-12', agentId: agent.staff.id, renewalOfId: old.row.id });

    await runScheduledRule(deps, 'renewal_reminder', NOW);
    await runScheduledRule(deps, 'renewal_reminder', NOW);
    const runs = await ctx.db.selectFrom('automation_run').select(['period_key', 'reason', 'reason_params']).where('customer_id', '=', holder).execute();
    expect(runs).toEqual([
      { period_key: `${p.row.id}:30`, reason: `policy ${p.row.policy_no} expires on 2026-12-10 (reminder 30 days before)`, reason_params: { policyNo: p.row.policy_no, expiresOn: '2026-12-10', days: 30 } },
    ]);
    expect(await count('task', holder)).toBe(1);
    expect(await ctx.db.selectFrom('task').select(['text_key', 'text_params']).where('customer_id', '=', holder).executeTakeFirstOrThrow()).toEqual({
      text_key: 'renewal_reminder',
      text_params: { policyNo: p.row.policy_no, expiresOn: '2026-12-10', days: 30 },
    });
    expect(await count('message', holder)).toBe(1);
    // Seven days before expiry the second reminder goes out (message only).
    await runScheduledRule(deps, 'renewal_reminder', new Date('2026-12-04T02:00:00.000Z'));
    expect((await ctx.db.selectFrom('automation_run').select('period_key').where('customer_id', '=', holder).orderBy('period_key').execute()).map((r) => r.period_key)).toEqual([`${p.row.id}:30`, `${p.row.id}:7`]);
    expect(await count('task', holder)).toBe(1);
    expect(await count('message', holder)).toBe(2);
    expect(await count('automation_run', renewedHolder)).toBe(0);
  });

  it('a policy first seen inside the last week (entered late) still gets its agent a renewal task, due today and urgent', async () => {
    const late = await customer('邓雪');
    const p = await policy(late, '2025-11-26', '2026-11-26'); // 4 days after NOW: the 30-day window never fired
    await runScheduledRule(deps, 'renewal_reminder', NOW);
    expect((await ctx.db.selectFrom('automation_run').select('period_key').where('customer_id', '=', late).execute()).map((r) => r.period_key)).toEqual([`${p.row.id}:7`]);
    expect(await count('message', late)).toBe(1);
    const task = await ctx.db.selectFrom('task').select(['kind', 'priority', 'assignee_id', 'due_at', 'text_params']).where('customer_id', '=', late).executeTakeFirstOrThrow();
    expect(task).toMatchObject({ kind: 'renewal_reminder', priority: 'high', assignee_id: agent.staff.id, text_params: { policyNo: p.row.policy_no, expiresOn: '2026-11-26', days: 7 } });
    expect(task.due_at.toISOString()).toBe('2026-11-22T10:00:00.000Z');
  });

  it('not renewed 7 days after expiry: a retention task; a switched-off rule does nothing', async () => {
    const lapsed = await customer('孙悦');
    await policy(lapsed, '2025-11-10', '2026-11-10'); // expired 12 days before NOW
    await ctx.db.updateTable('automation_rule').set({ enabled: false }).where('code', '=', 'lapse_retention').execute();
    expect(await runScheduledRule(deps, 'lapse_retention', NOW)).toEqual({ candidates: 0, fired: 0 });
    await ctx.db.updateTable('automation_rule').set({ enabled: true }).where('code', '=', 'lapse_retention').execute();
    const result = await runScheduledRule(deps, 'lapse_retention', NOW);
    expect(result.fired).toBeGreaterThanOrEqual(1);
    const task = await ctx.db.selectFrom('task').selectAll().where('customer_id', '=', lapsed).executeTakeFirstOrThrow();
    expect(task).toMatchObject({ kind: 'retention', priority: 'high', assignee_id: agent.staff.id, text_key: 'lapse_retention', text_params: { expiresOn: '2026-11-10', days: 7 } });
  });

  it('a claim-free policy year earns points and a thank-you, once', async () => {
    const loyal = await customer('钟诚');
    const p = await policy(loyal, '2025-11-20', '2027-11-19'); // first anniversary 2026-11-20, two days before NOW
    await runScheduledRule(deps, 'claim_free_year', NOW);
    await runScheduledRule(deps, 'claim_free_year', new Date(NOW.getTime() + 86_400_000));
    const points = await ctx.db.selectFrom('loyalty_entry').select(['points', 'reason', 'source_id']).where('customer_id', '=', loyal).execute();
    expect(points).toEqual([{ points: 100, reason: 'claim_free_year', source_id: p.row.id }]);
    expect((await ctx.db.selectFrom('message').select('template').where('customer_id', '=', loyal).execute()).map((m) => m.template)).toEqual(['loyalty_thanks']);
  });

  it('health intervention: readings kept only with health-data consent; three elevated months → two tasks, once; consent withdrawn → nothing', async () => {
    const csrToken = await loginAs(ctx.app, (await seedStaff(ctx.db, org, units.eastA.id, 'ea.csr', ['csr'])).staff.username);
    const c = await customer('顾强');
    const reading = (customerId: string, measuredOn: string, systolic: number, diastolic: number) =>
      ctx.request({ method: 'POST', url: `/api/v1/customers/${customerId}/health-readings`, token: csrToken, payload: { kind: 'blood_pressure', measuredOn, systolic, diastolic, source: '安心健康管理' } });
    expectProblem(await reading(c, '2026-09-10', 150, 95), 409, 'HEALTH_CONSENT_REQUIRED');
    expectProblem(await reading(c, '2026-09-10', 20, 95), 400, 'VALIDATION_FAILED', ['body.systolic']);
    await changeConsent(deps, system, c, 'granted', { purpose: 'health_data', channel: 'any', evidence: { kind: 'signed_form', reference: 'H-1' } });
    // September and October high on average; November one high, one normal reading (mean 142/88: still high).
    for (const [on, s, d] of [['2026-09-10', 150, 95], ['2026-10-08', 145, 92], ['2026-11-03', 150, 90], ['2026-11-18', 134, 86]] as const) expect((await reading(c, on, s, d)).statusCode).toBe(201);
    const stored = await ctx.db.selectFrom('health_reading').select('value_enc').where('customer_id', '=', c).execute();
    // Stored encrypted: no reading in clear, each one decrypts to what was sent. (Not "no '150' in the
    // text": a random ciphertext in base64 contains it now and then.)
    expect(stored).toHaveLength(4);
    expect(stored.some((r) => r.value_enc.includes('systolic'))).toBe(false);
    expect(stored.map((r) => JSON.parse(deps.cipher.decrypt(r.value_enc)) as unknown)).toEqual(
      expect.arrayContaining([
        { systolic: 150, diastolic: 95 },
        { systolic: 145, diastolic: 92 },
        { systolic: 150, diastolic: 90 },
        { systolic: 134, diastolic: 86 },
      ]),
    );
    const twoMonths = await customer('两月高');
    await changeConsent(deps, system, twoMonths, 'granted', { purpose: 'health_data', channel: 'any', evidence: { kind: 'signed_form', reference: 'H-2' } });
    for (const on of ['2026-10-08', '2026-11-03']) expect((await reading(twoMonths, on, 160, 100)).statusCode).toBe(201);

    await Promise.all([runScheduledRule(deps, 'health_intervention', NOW), runScheduledRule(deps, 'health_intervention', NOW)]);
    const tasks = await ctx.db.selectFrom('task').select(['kind', 'reason']).where('customer_id', '=', c).orderBy('kind').execute();
    expect(tasks.map((t) => t.kind)).toEqual(['coverage_review', 'health_intervention']);
    expect(tasks[0]!.reason).toBe('blood pressure elevated in 2026-09, 2026-10, 2026-11 (monthly average at or above 140/90 mmHg); health-data consent on file');
    expect(await count('task', twoMonths)).toBe(0);

    // Withdrawn consent: the readings are no longer used.
    const later = await customer('撤回者');
    await changeConsent(deps, system, later, 'granted', { purpose: 'health_data', channel: 'any', evidence: { kind: 'signed_form', reference: 'H-3' } });
    for (const on of ['2026-09-10', '2026-10-08', '2026-11-03']) expect((await reading(later, on, 160, 100)).statusCode).toBe(201);
    await changeConsent(deps, system, later, 'withdrawn', { purpose: 'health_data', channel: 'any', evidence: { kind: 'recorded_call', reference: 'H-4' } });
    await runScheduledRule(deps, 'health_intervention', NOW);
    expect(await count('task', later)).toBe(0);
  });

  it('churn watch: contacts falling well below the customer’s own rate set a risk tag with the figures; it lifts when they recover', async () => {
    const quiet = await customer('冷淡');
    const steady = await customer('常联系');
    const contact = (c: string, daysAgo: number) => logInteraction(deps, system, c, { channel: 'phone', direction: 'inbound', occurredAt: new Date(NOW.getTime() - daysAgo * 86_400_000).toISOString(), summary: '咨询保单' });
    // Both called monthly for the year before the last 90 days (9 calls); only `steady` kept calling.
    for (let m = 4; m <= 12; m++) {
      await contact(quiet, m * 30);
      await contact(steady, m * 30);
    }
    for (const d of [10, 40, 70]) await contact(steady, d);
    await Promise.all([runScheduledRule(deps, 'churn_watch', NOW), runScheduledRule(deps, 'churn_watch', NOW)]);
    const tags = await ctx.db.selectFrom('customer_tag').selectAll().where('customer_id', 'in', [quiet, steady]).execute();
    expect(tags.map((t) => [t.customer_id, t.tag, t.dimension, t.reason])).toEqual([[quiet, 'churn_watch', 'risk', '0 inbound contacts in the last 90 days, 2 expected from the 365 days before']]);
    // The 360 view shows it with its reason.
    const admin = await seedStaff(ctx.db, org, units.hq.id, 'hq.admin', ['admin']);
    const view = await ctx.request({ method: 'GET', url: `/api/v1/customers/${quiet}/360`, token: await loginAs(ctx.app, admin.staff.username) });
    expect(view.json().tags).toEqual([{ dimension: 'risk', name: 'churn_watch', source: 'rule:churn_watch', facts: [], reason: '0 inbound contacts in the last 90 days, 2 expected from the 365 days before' }]);
    // The customer calls again: the next evaluation lifts the tag.
    for (const d of [1, 2, 3]) await contact(quiet, d);
    const next = await runScheduledRule(deps, 'churn_watch', new Date(NOW.getTime() + 86_400_000));
    expect(next.lifted).toBeGreaterThanOrEqual(1);
    expect(await ctx.db.selectFrom('customer_tag').select('tag').where('customer_id', '=', quiet).execute()).toEqual([]);
  });

  it('overdue tasks escalate once to the nearest branch manager', async () => {
    const c = await customer('方舟');
    const { createTaskInTransaction } = await import('../service/index.ts');
    const id = await ctx.db.transaction().execute((tx) => createTaskInTransaction(tx, null, { customerId: c, kind: 'manual', title: 'Call back', priority: 'normal', dueAt: new Date(NOW.getTime() - 3_600_000), sourceType: 'manual' }, NOW));
    // On every pass of due work, not once a day; once per task.
    const [first, second] = await Promise.all([runDueWork(deps, runtime, { workerId: 'a', now: NOW }), runDueWork(deps, runtime, { workerId: 'b', now: NOW })]);
    expect(first.tasksEscalated + second.tasksEscalated).toBeGreaterThanOrEqual(1);
    expect((await runDueWork(deps, runtime, { workerId: 'a', now: NOW })).tasksEscalated).toBe(0);
    const task = await ctx.db.selectFrom('task').select(['escalated_to_id', 'escalated_at']).where('id', '=', id).executeTakeFirstOrThrow();
    expect(task.escalated_to_id).toBe(manager.staff.id);
    expect(task.escalated_at?.toISOString()).toBe(NOW.toISOString());
  });
});

describe('event rules', () => {
  it('a resolved complaint gets a complaint-closure visit and a survey whose link is in the invitation', async () => {
    const c = await customer('邵华');
    const id = await createComplaint(deps, system, { customerId: c, subject: '理赔慢', description: '两周没有回复', channel: 'hotline', category: 'claims', subReason: 'slow' });
    const v = async () => (await ctx.db.selectFrom('complaint').select('version').where('id', '=', id).executeTakeFirstOrThrow()).version;
    await actOnComplaint(deps, system, id, { action: 'verify', facts: '属实', customerContacted: true, version: await v() });
    await actOnComplaint(deps, system, id, { action: 'register', summary: '登记', version: await v() });
    await actOnComplaint(deps, system, id, { action: 'decide', findings: '属实', responsibility: 'company', resolution: '致歉并加快处理', compensationFen: 0, rootCause: '交接缺失', version: await v() });
    await actOnComplaint(deps, system, id, { action: 'record_response', response: 'accepts', version: await v() });

    await Promise.all([runDueWork(deps, runtime, { workerId: 'a' }), runDueWork(deps, runtime, { workerId: 'b' })]);
    const visits = await ctx.db.selectFrom('follow_up_visit').selectAll().where('customer_id', '=', c).execute();
    expect(visits.map((x) => [x.visit_type, x.method, x.status, x.complaint_id])).toEqual([['complaint_closure', 'phone', 'scheduled', id]]);
    const surveys = await ctx.db.selectFrom('survey').selectAll().where('customer_id', '=', c).execute();
    expect(surveys.map((s) => [s.context, s.status, s.complaint_id])).toEqual([['complaint_closure', 'sent', id]]);
    const invitation = await ctx.db.selectFrom('message').selectAll().where('customer_id', '=', c).where('template', '=', 'survey_invitation').executeTakeFirstOrThrow();
    // The link is a secret: stored encrypted, sent in clear through the adapter.
    const params = invitation.params as Record<string, string>;
    expect(params.link).toBeUndefined();
    expect(deps.cipher.decrypt(params.linkEnc!)).toMatch(/^https:\/\/service\.example\.cn\/survey\/[A-Za-z0-9_-]{32}$/);
    expect(invitation.status).toBe('sent');
    expect(invitation.recipient_masked).toMatch(/^138\*{4}\d{4}$/);
  });

  it('a claim’s survey and loss assessment done: a survey visit (查勘回访), once', async () => {
    const c = await customer('严伟');
    const p = await policy(c, '2026-01-01', '2026-12-31');
    const adjuster = await seedStaff(ctx.db, org, units.east.id, 'east.adjuster', ['claims_adjuster']);
    let claim = await reportClaim(deps, system, { policyId: p.row.id, channel: 'phone', incidentAt: '2026-11-01T02:00:00.000Z', amountClaimedFen: 500_000, incident: { kind: 'illness', event: '工地意外摔伤，左腿骨折' } });
    for (const action of ['register', 'start_assessment', 'complete_documents'] as const) claim = await transitionClaim(deps, adjuster.actor, claim.row.id, { action, reason: `e2e ${action}`, version: claim.row.version });
    await Promise.all([runDueWork(deps, runtime, { workerId: 'a' }), runDueWork(deps, runtime, { workerId: 'b' })]);
    const visits = await ctx.db.selectFrom('follow_up_visit').select(['visit_type', 'claim_id', 'source', 'org_unit_id']).where('customer_id', '=', c).execute();
    expect(visits).toEqual([{ visit_type: 'survey', claim_id: claim.row.id, source: 'rule:survey_visit', org_unit_id: claim.row.org_unit_id }]);
  });

  it('a low claims score opens a service-recovery task and an item on the claims unit’s service-improvement list', async () => {
    const c = await customer('贺军');
    const surveyId = await ctx.db.transaction().execute((tx) =>
      sendSurveyInTransaction({ ...deps, db: tx }, { customerId: c, templateCode: 'claim_closure', orgUnitId: units.east.id, validDays: 14, source: 'test' }, 'https://service.example.cn'),
    );
    const link = deps.cipher.decrypt(((await ctx.db.selectFrom('message').select('params').where('customer_id', '=', c).executeTakeFirstOrThrow()).params as Record<string, string>).linkEnc!);
    const token = link.split('/').at(-1)!;
    const res = await ctx.request({ method: 'POST', url: `/api/v1/public/surveys/${token}/answers`, payload: { answers: { csat: 2, nps: 3, comment: '太慢' } } });
    expect(res.statusCode, res.body).toBe(200);
    await runDueWork(deps, runtime, { workerId: 'a' });
    const task = await ctx.db.selectFrom('task').selectAll().where('customer_id', '=', c).executeTakeFirstOrThrow();
    expect(task).toMatchObject({ kind: 'service_recovery', priority: 'high', source_type: 'survey', source_id: surveyId });
    expect(task.reason).toBe('low score on the claim closure survey (CSAT 2/5, NPS 3/10)');
    const item = await ctx.db.selectFrom('corrective_action').selectAll().where('survey_id', '=', surveyId).executeTakeFirstOrThrow();
    expect(item).toMatchObject({ source: 'survey', owner_unit_id: units.east.id, status: 'open', text_key: 'low_claims_score_no_claim', text_params: { context: 'claim_closure', csat: 2, nps: 3 } });
  });
});

describe('messages: consent, quiet hours, frequency cap, retries', () => {
  const sent: { to: string; body: string }[] = [];
  let failNext = 0;
  const recording = { name: 'recording', send: async (m: { to: string; body: string }) => {
    if (failNext > 0) {
      failNext--;
      throw Object.assign(new Error('connection refused to 13800000000'), { code: 'ECONNREFUSED' });
    }
    sent.push({ to: m.to, body: m.body });
    return { providerRef: `ref-${sent.length}` };
  } };
  const adapters: MessageAdapters = { sms: recording, email: developmentAdapter, wechat: developmentAdapter, push: developmentAdapter };
  const settings = { quietHours: { start: '21:00', end: '08:00' }, marketingCapPerWeek: 2, publicUrl: 'https://service.example.cn' };
  const queue = async (customerId: string, template: 'birthday_greeting' | 'renewal_reminder', at: Date) =>
    ctx.db.transaction().execute((tx) => queueMessage({ ...deps, db: tx }, { customerId, channel: 'sms', template, params: { policyNo: 'P-1', expiresOn: '2026-12-31' }, source: 'test' }, at));
  const statusOf = async (id: string) => ctx.db.selectFrom('message').select(['status', 'status_reason', 'next_attempt_at', 'attempts']).where('id', '=', id).executeTakeFirstOrThrow();
  const grantMarketing = (c: string) => changeConsent(deps, system, c, 'granted', { purpose: 'marketing', channel: 'sms', evidence: { kind: 'signed_form', reference: 'F-1' } });

  it('marketing without marketing consent is suppressed; service messages follow service consent', async () => {
    const c = await customer('马琳');
    const marketing = await queue(c, 'birthday_greeting', NOW);
    const service = await queue(c, 'renewal_reminder', NOW);
    await deliverDueMessages(deps, adapters, settings, NOW);
    expect(await statusOf(marketing)).toMatchObject({ status: 'suppressed', status_reason: 'no_marketing_consent' });
    expect(await statusOf(service)).toMatchObject({ status: 'sent', attempts: 1 });

    const withdrawn = await customer('马克', {}, false);
    const reminder = await queue(withdrawn, 'renewal_reminder', NOW);
    // A code the customer just asked for in the portal goes out regardless.
    const code = await ctx.db.transaction().execute((tx) => queueMessage({ ...deps, db: tx }, { customerId: withdrawn, channel: 'sms', template: 'portal_login_code', params: { code: '123456', expiresAt: '10:05' }, source: 'test' }, NOW));
    await deliverDueMessages(deps, adapters, settings, NOW);
    expect(await statusOf(reminder)).toMatchObject({ status: 'suppressed', status_reason: 'no_service_consent' });
    expect((await statusOf(code)).status).toBe('sent');
    expect(sent.at(-1)!.body).toContain('123456');
  });

  it('quiet hours defer marketing to 08:00 Shanghai but let service messages through', async () => {
    const c = await customer('钱多');
    await grantMarketing(c);
    const night = new Date('2026-11-22T14:30:00.000Z'); // 22:30 in Shanghai
    const marketing = await queue(c, 'birthday_greeting', night);
    const service = await queue(c, 'renewal_reminder', night);
    await deliverDueMessages(deps, adapters, settings, night);
    expect(await statusOf(marketing)).toMatchObject({ status: 'deferred', status_reason: 'quiet_hours', next_attempt_at: new Date('2026-11-23T00:00:00.000Z') });
    expect((await statusOf(service)).status).toBe('sent');
    // At 08:00 it goes out.
    await deliverDueMessages(deps, adapters, settings, new Date('2026-11-23T00:00:00.000Z'));
    expect((await statusOf(marketing)).status).toBe('sent');
  });

  it('the weekly cap stops the third marketing message in seven days', async () => {
    const c = await customer('赵敏');
    await grantMarketing(c);
    const ids = [];
    for (let day = 0; day < 3; day++) {
      const at = new Date(NOW.getTime() + day * 86_400_000);
      const id = await queue(c, 'birthday_greeting', at);
      await deliverDueMessages(deps, adapters, settings, at);
      ids.push(id);
    }
    expect(await Promise.all(ids.map(async (id) => (await statusOf(id)).status))).toEqual(['sent', 'sent', 'suppressed']);
    expect((await statusOf(ids[2]!)).status_reason).toBe('frequency_cap');
  });

  it('a failed send retries with back-off and keeps no address in the error', async () => {
    const c = await customer('刘洋');
    const id = await queue(c, 'renewal_reminder', NOW);
    failNext = 1;
    await deliverDueMessages(deps, adapters, settings, NOW);
    const failed = await ctx.db.selectFrom('message').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    expect(failed).toMatchObject({ status: 'queued', status_reason: 'retrying', attempts: 1, last_error: 'Error ECONNREFUSED' });
    expect(failed.next_attempt_at.toISOString()).toBe(new Date(NOW.getTime() + 60_000).toISOString());
    await deliverDueMessages(deps, adapters, settings, new Date(NOW.getTime() + 60_000));
    expect(await statusOf(id)).toMatchObject({ status: 'sent', attempts: 2 });
    expect(sent.at(-1)!.body).toContain('P-1');
  });
});

describe('job leases', () => {
  it('a worker renews the leases of the jobs it holds until they finish, so another worker takes over only a lapsed one', async () => {
    const claimedAt = new Date('2026-11-22T03:00:00.000Z');
    const lease = 10 * 60_000;
    // Jobs of a rule that does not exist: a worker that runs one records a failure and nothing else.
    const running = async (key: string, lockedBy: string) =>
      (
        await ctx.db
          .insertInto('job')
          .values({ kind: 'rule', dedupe_key: key, payload: JSON.stringify({ rule: 'no_such_rule' }), run_at: claimedAt, status: 'running', locked_by: lockedBy, locked_until: new Date(claimedAt.getTime() + lease) })
          .returning('id')
          .executeTakeFirstOrThrow()
      ).id;
    const [long, done, others] = [await running('lease:long', 'worker-a'), await running('lease:done', 'worker-a'), await running('lease:others', 'worker-b')];
    const jobRow = (id: number) => ctx.db.selectFrom('job').select(['locked_by', 'locked_until', 'status']).where('id', '=', id).executeTakeFirstOrThrow();

    // Eleven minutes on, worker-a is still running `long`; `done` it has let go of (as if it then crashed).
    const later = new Date(claimedAt.getTime() + 11 * 60_000);
    const errors: unknown[] = [];
    const leases = keepLeases(deps.db, 'worker-a', [long, done, others], () => later, 5, (e) => errors.push(e));
    leases.finished(done);
    await vi.waitFor(async () => expect((await jobRow(long)).locked_until).toEqual(new Date(later.getTime() + lease)), { timeout: 5_000, interval: 20 });
    await leases.stop();
    expect(errors).toEqual([]);
    expect((await jobRow(done)).locked_until).toEqual(new Date(claimedAt.getTime() + lease));
    expect((await jobRow(others)).locked_until).toEqual(new Date(claimedAt.getTime() + lease)); // worker-b's: not renewed by worker-a

    await runDueWork(deps, runtime, { workerId: 'worker-c', now: later });
    expect(await jobRow(long)).toMatchObject({ locked_by: 'worker-a', status: 'running' });
    expect(await jobRow(done)).toMatchObject({ locked_by: 'worker-c', status: 'pending' });
    expect(await jobRow(others)).toMatchObject({ locked_by: 'worker-c', status: 'pending' });
  });
});

describe('jobs started by requests', () => {
  it('a walk of the audit chain whose process stopped is run by the next worker pass once its lease lapsed', async () => {
    const past = new Date(Date.now() - 60 * 60_000);
    const job = await ctx.db
      .insertInto('job')
      .values({ kind: 'audit_verify', dedupe_key: 'audit_verify:stopped', payload: JSON.stringify({ requestedBy: 'hq.auditor' }), run_at: past, status: 'running', attempts: 1, locked_by: 'api-gone:1', locked_until: new Date(past.getTime() + 10 * 60_000) })
      .returning('id')
      .executeTakeFirstOrThrow();
    await runDueWork(deps, runtime, { workerId: 'worker-d' });
    const row = await ctx.db.selectFrom('job').select(['status', 'result', 'locked_by']).where('id', '=', job.id).executeTakeFirstOrThrow();
    expect(row).toMatchObject({ status: 'done', locked_by: 'worker-d', result: { ok: true, brokenAt: null } });
  });
});
