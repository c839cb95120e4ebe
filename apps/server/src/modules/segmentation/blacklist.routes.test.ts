import type { TBlacklistEntry, TBlacklistList, TClaim } from '@anxin/contracts';
import { describe, expect, it } from 'vitest';
import { automationRuntimeFor, cipherFor } from '../../app.ts';
import { shanghaiDateOf } from '../../platform/business-calendar.ts';
import { createTestContext } from '../../test/context.ts';
import { loginAs, seedOrg, seedStaff } from '../../test/factories.ts';
import { expectProblem } from '../../test/problems.ts';
import { dispatchOutbox, runScheduledRule } from '../automation/index.ts';
import { changeConsent, createCustomer } from '../customers/index.ts';
import { deliverDueMessages, developmentAdapter, queueMessage, type MessageAdapters } from '../messages/index.ts';
import { createPolicy } from '../policies/index.ts';
import { createProduct } from '../products/index.ts';
import { decideBlacklistEntry, requestBlacklistEntry } from './blacklist.service.ts';
import { blacklistInEffect } from './index.ts';

// The blacklist (S6) on the real database and HTTP server: requests, four eyes, expiry, audited
// look-ups, and its effects wherever the party appears — claims, new policies, marketing.
const ctx = await createTestContext();
const deps = { db: ctx.db, cipher: cipherFor(ctx.config) };
const org = await seedOrg(ctx.db);
const { units, system } = org;
const agent = await seedStaff(ctx.db, org, units.eastA.id, 'ea.agent', ['agent']);
await seedStaff(ctx.db, org, units.eastA.id, 'ea.csr', ['csr']);
const adjuster = await seedStaff(ctx.db, org, units.eastA.id, 'ea.adjuster', ['claims_adjuster']);
const manager = await seedStaff(ctx.db, org, units.east.id, 'east.manager', ['branch_manager']);
const manager2 = await seedStaff(ctx.db, org, units.east.id, 'east.manager2', ['branch_manager']);
await seedStaff(ctx.db, org, units.westA.id, 'west.manager', ['branch_manager']);
await seedStaff(ctx.db, org, units.hq.id, 'hq.analyst', ['analyst']);
const token = {
  agent: await loginAs(ctx.app, 'ea.agent'),
  csr: await loginAs(ctx.app, 'ea.csr'),
  adjuster: await loginAs(ctx.app, 'ea.adjuster'),
  manager: await loginAs(ctx.app, 'east.manager'),
  manager2: await loginAs(ctx.app, 'east.manager2'),
  westManager: await loginAs(ctx.app, 'west.manager'),
  analyst: await loginAs(ctx.app, 'hq.analyst'),
};

const today = shanghaiDateOf(new Date());
const product = await createProduct(deps, system, { code: 'ACC-1', name: '安心意外', line: 'accident', riskLevel: 'R1', waitingDays: 0, coverages: [{ code: 'ACC', name: '意外' }], claimDocuments: [] });
const motor = await createProduct(deps, system, { code: 'MTPL-1', name: '交强险', line: 'motor_compulsory', riskLevel: 'R1', waitingDays: 0, coverages: [{ code: 'MTPL', name: '交强险' }], claimDocuments: [] });
let mobileSeq = 0;
const consent = (c: string, purpose: 'service' | 'marketing') => changeConsent(deps, system, c, 'granted', { purpose, channel: 'any', evidence: { kind: 'signed_form', reference: 'F-1' } });
/** A person of EAST-A with a mobile, service and marketing consent. */
const customer = async (name: string, birthDate?: string) => {
  const id = (await createCustomer(deps, system, { name, kind: 'person', orgUnitId: units.eastA.id, ownerAgentId: agent.staff.id, contacts: [{ channel: 'mobile', value: `1390000${String(++mobileSeq).padStart(4, '0')}`, preferred: true }], ...(birthDate ? { birthDate } : {}) })).id;
  await consent(id, 'service');
  await consent(id, 'marketing');
  return id;
};
const policyFor = async (holder: string) =>
  (await createPolicy(deps, system, { productId: product.id, policyholderId: holder, insuredIds: [holder], sumInsuredFen: 1_000_000, premiumFen: 10_000, paymentFrequency: 'annual', effectiveOn: '2026-01-01', expiresOn: '2026-12-31', agentId: agent.staff.id })).row;
/** Requested by the adjuster and approved by a manager: in effect from 2026-01-01 unless dates are given. */
const blacklist = async (customerId: string, dates: { startsOn?: string; expiresOn?: string } = {}) => {
  const entry = await requestBlacklistEntry(deps, adjuster.actor, { customerId, reason: 'fraud', detail: '伪造单据', evidence: '调查报告 F-1', startsOn: dates.startsOn ?? '2026-01-01', ...(dates.expiresOn ? { expiresOn: dates.expiresOn } : {}) });
  return decideBlacklistEntry(deps, manager.actor, entry.id, 'approve', { note: '证据充分', version: entry.version });
};

const zhao = await customer('赵骗');
const qian = await customer('钱诚');

const post = (t: string | undefined, payload: Record<string, unknown>, headers: Record<string, string> = {}) => ctx.request({ method: 'POST', url: '/api/v1/blacklist', token: t, payload, headers });
const decide = (t: string, id: string, action: 'approve' | 'reject' | 'lift', payload: Record<string, unknown>) => ctx.request({ method: 'POST', url: `/api/v1/blacklist/${id}/${action}`, token: t, payload });
const viewedCount = async () => (await ctx.db.selectFrom('audit_event').select('seq').where('action', '=', 'blacklist.viewed').execute()).length;

describe('blacklist requests and four eyes', () => {
  let entry: TBlacklistEntry;
  const body = { customerId: zhao, reason: 'fraud', detail: '同一发票重复报销', evidence: '理赔调查报告 INV-7', startsOn: '2026-01-01' };

  it('POST: 401 → 400 → 403 → 404 → 201, idempotent with Idempotency-Key, no second open entry', async () => {
    expectProblem(await post(undefined, body), 401, 'UNAUTHENTICATED');
    expectProblem(await post(token.adjuster, { ...body, reason: 'dislike', evidence: '' }), 400, 'VALIDATION_FAILED', ['body.reason', 'body.evidence']);
    expectProblem(await post(token.adjuster, { ...body, expiresOn: '2026-01-01' }), 400, 'VALIDATION_FAILED', ['body.expiresOn']);
    expectProblem(await post(token.analyst, body), 403, 'FORBIDDEN');
    expectProblem(await post(token.westManager, body), 404, 'NOT_FOUND', ['body.customerId']);
    const res = await post(token.adjuster, body, { 'idempotency-key': 'bl-zhao-1' });
    expect(res.statusCode, res.body).toBe(201);
    entry = res.json() as TBlacklistEntry;
    expect(entry).toMatchObject({ customer: { id: zhao, name: '赵骗' }, status: 'pending', inEffect: false, reason: 'fraud', requestedBy: 'ea.adjuster', decidedBy: null, expiresOn: null, version: 1 });
    const replay = await post(token.adjuster, body, { 'idempotency-key': 'bl-zhao-1' });
    expect(replay.headers['idempotent-replayed']).toBe('true');
    expect((replay.json() as TBlacklistEntry).id).toBe(entry.id);
    expectProblem(await post(token.manager, body), 409, 'DUPLICATE', ['body.customerId']);
    expect(await ctx.db.selectFrom('blacklist_entry').select('id').where('customer_id', '=', zhao).execute()).toHaveLength(1);
  });

  it('approve: 403 without the permission, 403 on one’s own request, 409 on a stale version, then in effect; decided once', async () => {
    expectProblem(await decide(token.adjuster, entry.id, 'approve', { note: 'ok', version: 1 }), 403, 'FORBIDDEN');
    expectProblem(await decide(token.westManager, entry.id, 'approve', { note: 'ok', version: 1 }), 404, 'NOT_FOUND');
    expectProblem(await decide(token.manager, entry.id, 'approve', { note: '', version: 1 }), 400, 'VALIDATION_FAILED', ['body.note']);
    expectProblem(await decide(token.manager, entry.id, 'approve', { note: 'ok', version: 7 }), 409, 'VERSION_CONFLICT');
    const res = await decide(token.manager, entry.id, 'approve', { note: '证据充分', version: 1 });
    expect(res.statusCode, res.body).toBe(200);
    entry = res.json() as TBlacklistEntry;
    expect(entry).toMatchObject({ status: 'active', inEffect: true, decidedBy: 'east.manager', decisionNote: '证据充分', version: 2 });
    expectProblem(await decide(token.manager2, entry.id, 'reject', { note: 'no', version: 2 }), 409, 'BLACKLIST_INVALID_TRANSITION');
    expect(await blacklistInEffect(ctx.db, zhao, today)).toEqual({ id: entry.id, reason: 'fraud' });

    // A manager's own request needs another approver.
    const own = (await post(token.manager, { ...body, customerId: qian, reason: 'abusive_conduct' })).json() as TBlacklistEntry;
    expectProblem(await decide(token.manager, own.id, 'approve', { note: 'mine', version: 1 }), 403, 'BLACKLIST_SELF_APPROVAL');
    const rejected = await decide(token.manager2, own.id, 'reject', { note: '证据不足', version: 1 });
    expect(rejected.json()).toMatchObject({ status: 'rejected', inEffect: false, decidedBy: 'east.manager2' });
    expect(await blacklistInEffect(ctx.db, qian, today)).toBeNull();
    const changes = await ctx.db.selectFrom('audit_event').select(['action', 'data']).where('entity_id', '=', entry.id).orderBy('seq').execute();
    expect(changes.map((c) => [c.action, (c.data as { change: string }).change])).toEqual([['blacklist.changed', 'requested'], ['blacklist.changed', 'approve']]);
  });

  it('every look-up is audited; lists and entries are scoped to the customer’s unit', async () => {
    expectProblem(await ctx.request({ method: 'GET', url: '/api/v1/blacklist' }), 401, 'UNAUTHENTICATED');
    expectProblem(await ctx.request({ method: 'GET', url: '/api/v1/blacklist?status=black', token: token.manager }), 400, 'VALIDATION_FAILED', ['querystring.status']);
    expectProblem(await ctx.request({ method: 'GET', url: '/api/v1/blacklist', token: token.analyst }), 403, 'FORBIDDEN');
    const before = await viewedCount();
    const list = (await ctx.request({ method: 'GET', url: '/api/v1/blacklist?status=in_effect', token: token.adjuster })).json() as TBlacklistList;
    expect(list.items.map((e) => e.id)).toEqual([entry.id]);
    const one = await ctx.request({ method: 'GET', url: `/api/v1/blacklist/${entry.id}`, token: token.adjuster });
    expect(one.json()).toMatchObject({ id: entry.id, inEffect: true });
    expect(await viewedCount()).toBe(before + 2);
    const west = (await ctx.request({ method: 'GET', url: '/api/v1/blacklist', token: token.westManager })).json() as TBlacklistList;
    expect(west.items).toEqual([]);
    expectProblem(await ctx.request({ method: 'GET', url: `/api/v1/blacklist/${entry.id}`, token: token.westManager }), 404, 'NOT_FOUND');
    const all = (await ctx.request({ method: 'GET', url: '/api/v1/blacklist?limit=1', token: token.manager })).json() as TBlacklistList;
    const next = (await ctx.request({ method: 'GET', url: `/api/v1/blacklist?limit=1&cursor=${all.nextCursor}`, token: token.manager })).json() as TBlacklistList;
    expect(new Set([...all.items, ...next.items].map((e) => e.customer.id))).toEqual(new Set([zhao, qian]));
  });

  it('expiry: an approved entry is in effect from its start date until the day before it expires; then a new request is allowed', async () => {
    const sun = await customer('孙期');
    const expired = await blacklist(sun, { startsOn: '2026-01-01', expiresOn: '2026-06-01' });
    expect(expired).toMatchObject({ status: 'active', inEffect: false, expiresOn: '2026-06-01' });
    expect(await blacklistInEffect(ctx.db, sun, today)).toBeNull();
    expect(await blacklistInEffect(ctx.db, sun, '2026-05-31')).toEqual({ id: expired.id, reason: 'fraud' });
    expect(await blacklistInEffect(ctx.db, sun, '2026-06-01')).toBeNull();
    expect(await blacklistInEffect(ctx.db, sun, '2025-12-31')).toBeNull();
    const again = await post(token.adjuster, { customerId: sun, reason: 'unpaid_debt', detail: '欠费', evidence: '催收记录', startsOn: today });
    expect(again.statusCode, again.body).toBe(201);
    // Approved to start later: not in effect yet, but listed with the ones in effect (not lost until it starts).
    const later = await blacklist(await customer('钱待'), { startsOn: '2099-01-01' });
    const ids = async (status: string) => ((await ctx.request({ method: 'GET', url: `/api/v1/blacklist?status=${status}&limit=200`, token: token.manager })).json() as TBlacklistList).items.map((e) => e.id);
    expect(await ids('in_effect')).not.toContain(later.id);
    expect(await ids('in_effect_or_upcoming')).toContain(later.id);
    expect(await ids('in_effect_or_upcoming')).not.toContain(expired.id);
  });

  it('lift: an active entry is lifted (no longer in effect); only once', async () => {
    const li = await customer('李解');
    const active = await blacklist(li);
    expectProblem(await decide(token.manager2, active.id, 'lift', { note: '误判', version: 1 }), 409, 'VERSION_CONFLICT');
    // People by their display names; the lift keeps its own who and note beside the approval's.
    await ctx.db.updateTable('staff').set({ display_name: '孙主任' }).where('username', '=', 'east.manager2').execute();
    const lifted = await decide(token.manager2, active.id, 'lift', { note: '误判，已核实', version: active.version });
    expect(lifted.json()).toMatchObject({
      status: 'lifted',
      inEffect: false,
      requestedById: adjuster.staff.id,
      decidedBy: 'east.manager',
      decisionNote: '证据充分',
      liftedBy: '孙主任',
      liftNote: '误判，已核实',
    });
    expect((lifted.json() as TBlacklistEntry).liftedAt).toBeTruthy();
    expect(await blacklistInEffect(ctx.db, li, today)).toBeNull();
    expectProblem(await decide(token.manager2, active.id, 'lift', { note: 'again', version: 3 }), 409, 'BLACKLIST_INVALID_TRANSITION');
  });
});

describe('effects wherever the party appears', () => {
  it('claims: a claim reported for a blacklisted claimant is fraud-suspected from the start, with a claim event; others are not', async () => {
    const bad = await customer('周黑');
    const good = await customer('吴白');
    const badPolicy = await policyFor(bad);
    const goodPolicy = await policyFor(good);
    await blacklist(bad);
    const report = (policyNo: string) =>
      ctx.request({ method: 'POST', url: '/api/v1/claims', token: token.csr, payload: { policyNo, channel: 'phone', incidentAt: '2026-06-01T02:00:00.000Z', amountClaimedFen: 50_000, incident: { kind: 'illness', event: '骨折住院' } } });
    const flagged = await report(badPolicy.policy_no);
    expect(flagged.statusCode, flagged.body).toBe(201);
    const claim = flagged.json() as TClaim;
    expect(claim.fraudSuspected).toBe(true);
    const events = await ctx.db.selectFrom('claim_event').select(['type', 'reason', 'data']).where('claim_id', '=', claim.id).orderBy('id').execute();
    expect(events.map((e) => e.type)).toEqual(['reported', 'flagged']);
    expect(events[1]!.data).toMatchObject({ fraudSuspected: true, blacklistEntryId: expect.any(String) });
    // The timeline says why in facts, not in an English reason.
    expect(claim.events.find((e) => e.type === 'flagged')).toMatchObject({ reason: null, facts: { fraudSuspected: true, blacklisted: true } });
    const clean = (await report(goodPolicy.policy_no)).json() as TClaim;
    expect(clean.fraudSuspected).toBe(false);
  });

  it('policies: a new policy of a blacklisted party is held as pending for underwriting; only a blacklist approver issues it; compulsory motor still issues', async () => {
    const bad = await customer('郑黑');
    const good = await customer('王白');
    await blacklist(bad);
    const enter = (productId: string, holder: string, insured = holder) =>
      ctx.request({ method: 'POST', url: '/api/v1/policies', token: token.agent, payload: { productId, policyholderId: holder, insuredIds: [insured], sumInsuredFen: 1_000_000, premiumFen: 10_000, paymentFrequency: 'annual', effectiveOn: today, expiresOn: '2027-12-31', agentId: agent.staff.id } });
    const held = await enter(product.id, good, bad);
    expect(held.statusCode, held.body).toBe(201);
    const policy = held.json() as { id: string; policyNo: string; status: string; statusReason: string; version: number };
    expect(policy).toMatchObject({ status: 'pending', statusReason: 'underwriting_referral: blacklist' });
    const topics = await ctx.db.selectFrom('outbox').select('topic').where('aggregate_id', '=', policy.id).execute();
    expect(topics.map((t) => t.topic)).toEqual(['policy.underwriting_referral']);
    // The referral reaches the unit's work queue as a high-priority task.
    while ((await dispatchOutbox(deps, automationRuntimeFor(ctx.config))) > 0);
    const referral = await ctx.db.selectFrom('task').select(['kind', 'priority', 'assignee_id', 'title', 'text_key', 'text_params']).where('customer_id', '=', good).execute();
    expect(referral).toEqual([
      { kind: 'underwriting_referral', priority: 'high', assignee_id: null, title: expect.stringContaining('Underwriting referral'), text_key: 'underwriting_referral', text_params: { policyNo: policy.policyNo } },
    ]);
    const issue = (t: string) => ctx.request({ method: 'POST', url: `/api/v1/policies/${policy.id}/status`, token: t, payload: { status: 'in_force', reason: '核保通过', version: policy.version } });
    expectProblem(await issue(token.agent), 403, 'FORBIDDEN');
    const issued = await issue(token.manager);
    expect(issued.statusCode, issued.body).toBe(200);
    expect(issued.json()).toMatchObject({ status: 'in_force' });

    const compulsory = (await enter(motor.id, bad)).json() as { status: string; statusReason: string };
    expect(compulsory).toMatchObject({ status: 'in_force', statusReason: 'blacklisted party: compulsory motor cover issued (U4)' });
    const normal = (await enter(product.id, good)).json() as { status: string; statusReason: string | null };
    expect(normal).toMatchObject({ status: 'in_force', statusReason: null });
  });

  it('marketing: a marketing message to a blacklisted customer is suppressed with the reason; service messages still go', async () => {
    const bad = await customer('冯黑');
    const good = await customer('陈白');
    await blacklist(bad);
    const sent: string[] = [];
    const recording: MessageAdapters['sms'] = { name: 'recording', send: async (m) => (sent.push(m.to), { providerRef: `ref-${sent.length}` }) };
    const adapters: MessageAdapters = { sms: recording, email: developmentAdapter, wechat: developmentAdapter, push: developmentAdapter };
    const settings = { quietHours: { start: '21:00', end: '08:00' }, marketingCapPerWeek: 5, publicUrl: 'https://service.example.cn' };
    // 10:00 in Shanghai.
    const at = new Date('2026-12-01T02:00:00.000Z');
    const queue = (customerId: string, template: 'birthday_greeting' | 'renewal_reminder') =>
      ctx.db.transaction().execute((tx) => queueMessage({ ...deps, db: tx }, { customerId, channel: 'sms', template, params: { policyNo: 'P-1', expiresOn: '2026-12-31' }, source: 'test' }, at));
    const badMarketing = await queue(bad, 'birthday_greeting');
    const badService = await queue(bad, 'renewal_reminder');
    const goodMarketing = await queue(good, 'birthday_greeting');
    await deliverDueMessages(deps, adapters, settings, at);
    const status = async (id: string) => ctx.db.selectFrom('message').select(['status', 'status_reason']).where('id', '=', id).executeTakeFirstOrThrow();
    expect(await status(badMarketing)).toEqual({ status: 'suppressed', status_reason: 'blacklisted' });
    expect(await status(badService)).toMatchObject({ status: 'sent' });
    expect(await status(goodMarketing)).toMatchObject({ status: 'sent' });
    // Only the service message to the blacklisted customer and the marketing one to the other went out to them
    // (messages queued by earlier tests' events may go out in the same delivery run).
    const mobiles = (await ctx.db.selectFrom('contact_point').select('value').where('customer_id', 'in', [bad, good]).execute()).map((c) => c.value);
    expect(sent.filter((to) => mobiles.includes(to))).toHaveLength(2);
  });

  it('automation: a marketing-only rule (birthday review) leaves blacklisted customers out, and can reach them after the entry is lifted', async () => {
    // 2026-12-01 10:00 in Shanghai: birthdays on 2026-12-08 are due.
    const at = new Date('2026-12-01T02:00:00.000Z');
    const bad = await customer('褚黑', '1988-12-08');
    const good = await customer('卫白', '1990-12-08');
    await policyFor(bad);
    await policyFor(good);
    const entry = await blacklist(bad);
    await runScheduledRule(deps, 'birthday_review', at);
    const runs = async (c: string) => (await ctx.db.selectFrom('automation_run').select('rule_code').where('customer_id', '=', c).execute()).length;
    const tasks = async (c: string) => (await ctx.db.selectFrom('task').select('id').where('customer_id', '=', c).execute()).length;
    expect([await runs(good), await tasks(good)]).toEqual([1, 1]);
    expect([await runs(bad), await tasks(bad)]).toEqual([0, 0]);
    await decideBlacklistEntry(deps, manager2.actor, entry.id, 'lift', { note: '已解除', version: entry.version });
    await runScheduledRule(deps, 'birthday_review', at);
    expect(await runs(bad)).toBe(1);
  });
});
