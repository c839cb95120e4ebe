import type { TComplaint, TComplaintList, TCustomer360 } from '@anxin/contracts';
import { describe, expect, it } from 'vitest';
import { cipherFor } from '../../app.ts';
import { createTestContext } from '../../test/context.ts';
import { loginAs, seedOrg, seedStaff } from '../../test/factories.ts';
import { expectProblem } from '../../test/problems.ts';
import { changeConsent, createCustomer } from '../customers/index.ts';
import { sweepComplaintClocks } from './complaint-write.service.ts';

// Complaints on the real database and HTTP server: 401 → 400 → 403 → 404, three-tier scope, the
// procedure with its four records, extensions, dispute and review, archive and reopening, and the
// clock sweep's escalations with a fake clock.
const ctx = await createTestContext();
const deps = { db: ctx.db, cipher: cipherFor(ctx.config) };
const org = await seedOrg(ctx.db);
const { units, system } = org;
await seedStaff(ctx.db, org, units.eastA.id, 'ea.csr', ['csr']);
await seedStaff(ctx.db, org, units.eastA.id, 'ea.handler', ['complaint_handler']);
await seedStaff(ctx.db, org, units.eastB.id, 'eb.handler', ['complaint_handler']);
await seedStaff(ctx.db, org, units.east.id, 'east.handler', ['complaint_handler']);
await seedStaff(ctx.db, org, units.east.id, 'east.manager', ['branch_manager']);
await seedStaff(ctx.db, org, units.eastA.id, 'ea.manager', ['branch_manager']);
await seedStaff(ctx.db, org, units.hq.id, 'hq.handler', ['complaint_handler']);
await seedStaff(ctx.db, org, units.hq.id, 'hq.adjuster', ['claims_adjuster']);
const token = {
  csr: await loginAs(ctx.app, 'ea.csr'),
  handler: await loginAs(ctx.app, 'ea.handler'),
  otherCity: await loginAs(ctx.app, 'eb.handler'),
  province: await loginAs(ctx.app, 'east.handler'),
  provinceManager: await loginAs(ctx.app, 'east.manager'),
  cityManager: await loginAs(ctx.app, 'ea.manager'),
  hq: await loginAs(ctx.app, 'hq.handler'),
  adjuster: await loginAs(ctx.app, 'hq.adjuster'),
};
const customer = (await createCustomer(deps, system, { name: '陈静', orgUnitId: units.eastA.id })).id;

const base = { customerId: customer, channel: 'hotline', category: 'claims', subReason: 'slow', subject: '理赔进度太慢', description: '报案两周没有任何人联系我，电话打不通。', demand: '尽快处理并给出说明' };
const create = async (t: string, body: Record<string, unknown> = {}) => {
  const res = await ctx.request({ method: 'POST', url: '/api/v1/complaints', token: t, payload: { ...base, ...body } });
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as TComplaint;
};
const act = async (t: string, c: TComplaint, body: Record<string, unknown>, status = 200) => {
  const res = await ctx.request({ method: 'POST', url: `/api/v1/complaints/${c.id}/actions`, token: t, payload: { version: c.version, ...body } });
  expect(res.statusCode, res.body).toBe(status);
  return res.json() as TComplaint;
};
const desk = async (t: string) => {
  const res = await ctx.request({ method: 'GET', url: '/api/v1/complaints?limit=100', token: t });
  expect(res.statusCode, res.body).toBe(200);
  return (res.json() as TComplaintList).items;
};

describe('POST /api/v1/complaints', () => {
  it('401 → 400 → 403 → 404', async () => {
    expectProblem(await ctx.request({ method: 'POST', url: '/api/v1/complaints', payload: base }), 401, 'UNAUTHENTICATED');
    expectProblem(await ctx.request({ method: 'POST', url: '/api/v1/complaints', token: token.csr, payload: { ...base, subReason: 'rude', channel: 'regulator', representatives: 3 } }), 400, 'VALIDATION_FAILED', [
      'body.subReason',
      'body.regulatorRef',
      'body.representatives',
    ]);
    expectProblem(await ctx.request({ method: 'POST', url: '/api/v1/complaints', token: token.adjuster, payload: base }), 403, 'FORBIDDEN');
    expectProblem(await ctx.request({ method: 'POST', url: '/api/v1/complaints', token: token.otherCity, payload: base }), 404, 'NOT_FOUND');
  });

  it('registers at the customer’s city with a 15-day clock; the description is encrypted; the city next door never sees it', async () => {
    const c = await create(token.csr);
    expect(c).toMatchObject({ status: 'received', tier: 'city', orgUnit: { id: units.eastA.id }, homeUnit: { id: units.eastA.id }, description: base.description });
    expect(c.complaintNo).toMatch(/^CMP\d{12}$/);
    expect(Date.parse(c.clock!.dueAt) - Date.parse(c.receivedAt)).toBe(15 * 86_400_000);
    const stored = await ctx.db.selectFrom('complaint').select(['description_enc']).where('id', '=', c.id).executeTakeFirstOrThrow();
    expect(stored.description_enc).not.toContain('报案');
    expect((await desk(token.otherCity)).map((x) => x.id)).not.toContain(c.id);
    expectProblem(await ctx.request({ method: 'GET', url: `/api/v1/complaints/${c.id}`, token: token.otherCity }), 404, 'NOT_FOUND');
    expect((await desk(token.province)).map((x) => x.id)).toContain(c.id);
    expect((await desk(token.hq)).map((x) => x.id)).toContain(c.id);
  });

  it('a critical, collective or regulator-transferred complaint starts at the province branch with a transfer record', async () => {
    const c = await create(token.csr, { channel: 'regulator', regulatorRef: '浙银保监投〔2026〕118号' });
    expect(c).toMatchObject({ tier: 'province', orgUnit: { id: units.east.id }, homeUnit: { id: units.eastA.id } });
    expect(c.records.map((r) => [r.kind, r.data.reason, r.toUnit?.id])).toEqual([['transfer', 'regulator_transfer', units.east.id]]);
    // The home city still sees its customer's complaint, but the province handles it.
    expect((await desk(token.handler)).map((x) => x.id)).toContain(c.id);
    const cityView = (await ctx.request({ method: 'GET', url: `/api/v1/complaints/${c.id}`, token: token.handler })).json() as TComplaint;
    expect(cityView.nextActions).toEqual([]);
    expectProblem(await ctx.request({ method: 'POST', url: `/api/v1/complaints/${c.id}/actions`, token: token.handler, payload: { action: 'verify', facts: '属实', customerContacted: true, version: c.version } }), 403, 'FORBIDDEN');
  });
});

describe('the procedure', () => {
  it('verify → register → escalate → decide → customer disputes → review at the higher level → closed and archived → reopened', async () => {
    let c = await create(token.csr);
    expectProblem(await ctx.request({ method: 'POST', url: `/api/v1/complaints/${c.id}/actions`, token: token.csr, payload: { action: 'verify', facts: 'x', customerContacted: true, version: c.version } }), 403, 'FORBIDDEN');
    expectProblem(
      await ctx.request({ method: 'POST', url: `/api/v1/complaints/${c.id}/actions`, token: token.handler, payload: { action: 'decide', findings: 'x', responsibility: 'company', resolution: 'x', rootCause: 'x', version: c.version } }),
      409,
      'COMPLAINT_INVALID_TRANSITION',
    );
    c = await act(token.handler, c, { action: 'verify', facts: '核实：客户两周内三次致电未获回复，理赔员休假未交接。', customerContacted: true });
    c = await act(token.handler, c, { action: 'register', summary: '理赔时效投诉，涉及杭州理赔岗交接问题' });
    expect(c).toMatchObject({ status: 'registered', assignee: { name: 'ea.handler' } });
    const playbook = await ctx.request({ method: 'POST', url: `/api/v1/complaints/${c.id}/playbook`, token: token.handler, payload: { step: 'apologise', note: '已致歉' } });
    expect((playbook.json() as TComplaint).playbook).toMatchObject([{ step: 'apologise', note: '已致歉' }]);
    c = (playbook.json() as TComplaint);
    c = await act(token.handler, c, { action: 'escalate', reason: '需省分公司协调理赔部' });
    expect(c).toMatchObject({ tier: 'province', orgUnit: { id: units.east.id }, assignee: null });
    c = await act(token.province, c, { action: 'coordinate', note: '已联系省分公司理赔部指定专人处理' });
    // Whoever works it at the new tier has it now.
    expect(c.assignee?.name).toBe('east.handler');
    c = await act(token.province, c, { action: 'decide', findings: '理赔员交接缺失导致延误', responsibility: 'company', resolution: '三日内完成理赔并致歉', compensationFen: 20_000, rootCause: '岗位交接制度未执行' });
    expect(c).toMatchObject({ status: 'decided', clock: { state: 'met' } });
    c = await act(token.province, c, { action: 'record_response', response: 'disputes', note: '客户认为补偿过低' });
    expect(c).toMatchObject({ status: 'reviewing', tier: 'hq', orgUnit: { id: units.hq.id }, clock: { kind: 'review', days: 30 }, assignee: null });
    c = await act(token.hq, c, { action: 'decide_review', findings: '补偿标准符合规定', outcome: 'upheld', resolution: '维持原处理意见并再次说明' });
    expect(c).toMatchObject({ status: 'closed', archived: true, nextActions: ['reopen'] });
    expect(c.records.map((r) => r.kind)).toEqual(['verification', 'registration', 'transfer', 'coordination', 'handling', 'response', 'transfer', 'review']);
    expectProblem(await ctx.request({ method: 'POST', url: `/api/v1/complaints/${c.id}/actions`, token: token.hq, payload: { action: 'coordinate', note: 'x', version: c.version } }), 409, 'COMPLAINT_ARCHIVED');
    expectProblem(await ctx.request({ method: 'POST', url: `/api/v1/complaints/${c.id}/playbook`, token: token.hq, payload: { step: 'follow_up' } }), 409, 'COMPLAINT_ARCHIVED');
    c = await act(token.hq, c, { action: 'reopen', reason: '客户提交新的证据' });
    expect(c).toMatchObject({ status: 'handling', reopenCount: 1, archived: false, clock: { state: 'running', days: 15 } });
    const audit = await ctx.db.selectFrom('audit_event').select('data').where('action', '=', 'complaint.updated').where('entity_id', '=', c.id).orderBy('seq').execute();
    expect(audit.map((a) => (a.data as { action: string }).action)).toEqual(['verify', 'register', 'playbook', 'escalate', 'coordinate', 'decide', 'record_response', 'decide_review', 'reopen']);
  });

  it('extends to 30 days with the customer told, to 60 only with the higher level’s approval, never beyond', async () => {
    await changeConsent(deps, system, customer, 'granted', { purpose: 'service', channel: 'any', evidence: { kind: 'signed_form', reference: 'F-CMP-1' } });
    let c = await create(token.csr);
    c = await act(token.handler, c, { action: 'extend', reason: '案情复杂，需调取录音', customerToldVia: 'sms' });
    expect(c.clock).toMatchObject({ days: 30 });
    // The SMS says until when (the Shanghai day of the new deadline).
    const told = await ctx.db.selectFrom('outbox').select('payload').where('aggregate_id', '=', c.id).where('topic', '=', 'message.complaint_progress').execute();
    expect(told.map((m) => m.payload)).toContainEqual(expect.objectContaining({ step: 'extend', dueOn: new Date(Date.parse(c.clock!.dueAt) + 8 * 3_600_000).toISOString().slice(0, 10) }));
    expect(c.nextActions).not.toContain('extend');
    // The city's manager may approve complaints but not this extension (the customer's home unit is theirs): no button, and a refusal.
    const asCityManager = (await ctx.request({ method: 'GET', url: `/api/v1/complaints/${c.id}`, token: token.cityManager })).json() as TComplaint;
    expect(asCityManager.nextActions).not.toContain('extend');
    expectProblem(await ctx.request({ method: 'POST', url: `/api/v1/complaints/${c.id}/actions`, token: token.cityManager, payload: { action: 'extend', reason: '需要更多时间', customerToldVia: 'sms', version: c.version } }), 403, 'FORBIDDEN');
    const asProvinceManager = (await ctx.request({ method: 'GET', url: `/api/v1/complaints/${c.id}`, token: token.provinceManager })).json() as TComplaint;
    expect(asProvinceManager.nextActions).toContain('extend');
    c = await act(token.provinceManager, c, { action: 'extend', reason: '涉及第三方鉴定', customerToldVia: 'letter' });
    expect(c.clock).toMatchObject({ days: 60 });
    expect(Date.parse(c.clock!.dueAt) - Date.parse(c.receivedAt)).toBe(60 * 86_400_000);
    expectProblem(await ctx.request({ method: 'POST', url: `/api/v1/complaints/${c.id}/actions`, token: token.provinceManager, payload: { action: 'extend', reason: '再次延期', customerToldVia: 'letter', version: c.version } }), 409, 'COMPLAINT_INVALID_TRANSITION');
  });

  it('a stale version is 409 VERSION_CONFLICT; the customer accepting closes it', async () => {
    let c = await create(token.csr);
    c = await act(token.handler, c, { action: 'verify', facts: '核实属实', customerContacted: true });
    expectProblem(await ctx.request({ method: 'POST', url: `/api/v1/complaints/${c.id}/actions`, token: token.handler, payload: { action: 'register', summary: 'x', version: c.version - 1 } }), 409, 'VERSION_CONFLICT');
    c = await act(token.handler, c, { action: 'register', summary: '登记' });
    c = await act(token.handler, c, { action: 'decide', findings: '属实', responsibility: 'staff', resolution: '道歉并培训', rootCause: '服务态度' });
    c = await act(token.handler, c, { action: 'record_response', response: 'accepts' });
    expect(c).toMatchObject({ status: 'closed', customerResponse: 'accepts', tier: 'city' });
  });
});

describe('the desk', () => {
  it('lists the nearest deadline it shows first: the review clock of a complaint under review, the decision clock of the others', async () => {
    const day = 86_400_000;
    const receivedAt = (daysAgo: number) => new Date(Date.now() - daysAgo * day).toISOString();
    const older = await create(token.csr, { receivedAt: receivedAt(10) }); // decision due in ≈ 5 days
    const newer = await create(token.csr, { receivedAt: receivedAt(2) }); // decision due in ≈ 13 days
    const reviewed = await create(token.csr, { receivedAt: receivedAt(1) }); // decision due in ≈ 14 days, but under review: due in 1 day
    await ctx.db
      .updateTable('complaint')
      .set({ status: 'reviewing', review_due_at: new Date(Date.now() + day) })
      .where('id', '=', reviewed.id)
      .execute();
    const mine = [older.id, newer.id, reviewed.id];
    const order = (items: { id: string }[]) => items.map((c) => c.id).filter((id) => mine.includes(id));
    expect(order(await desk(token.handler))).toEqual([reviewed.id, older.id, newer.id]);
    // Keyset pages walk the same order.
    const paged: string[] = [];
    let cursor: string | null = null;
    do {
      const res = await ctx.request({ method: 'GET', url: `/api/v1/complaints?limit=1${cursor ? `&cursor=${cursor}` : ''}`, token: token.handler });
      const page = res.json() as TComplaintList;
      paged.push(...page.items.map((c) => c.id));
      cursor = page.nextCursor;
    } while (cursor);
    expect(paged.filter((id) => mine.includes(id))).toEqual([reviewed.id, older.id, newer.id]);
    await ctx.db.deleteFrom('complaint').where('id', 'in', mine).execute();
  });

  it('shows closed and withdrawn complaints after every open one, the most recent deadline first, on every page', async () => {
    const day = 86_400_000;
    const receivedAt = (daysAgo: number) => new Date(Date.now() - daysAgo * day).toISOString();
    const longClosed = await create(token.csr, { receivedAt: receivedAt(400) });
    const recentlyClosed = await create(token.csr, { receivedAt: receivedAt(20) });
    const withdrawn = await create(token.csr, { receivedAt: receivedAt(60) });
    const open = await create(token.csr, { receivedAt: receivedAt(3) });
    await ctx.db.updateTable('complaint').set({ status: 'closed', closed_at: new Date() }).where('id', 'in', [longClosed.id, recentlyClosed.id]).execute();
    await ctx.db.updateTable('complaint').set({ status: 'withdrawn', closed_at: new Date() }).where('id', '=', withdrawn.id).execute();
    const mine = [longClosed.id, recentlyClosed.id, withdrawn.id, open.id];
    const list = async (query: string, limit: number) => {
      const ids: string[] = [];
      let cursor: string | null = null;
      do {
        const res = await ctx.request({ method: 'GET', url: `/api/v1/complaints?limit=${limit}${query}${cursor ? `&cursor=${cursor}` : ''}`, token: token.handler });
        expect(res.statusCode, res.body).toBe(200);
        const page = res.json() as TComplaintList;
        ids.push(...page.items.map((c) => c.id).filter((id) => mine.includes(id)));
        cursor = page.nextCursor;
      } while (cursor);
      return ids;
    };
    const settledLast = [open.id, recentlyClosed.id, withdrawn.id, longClosed.id];
    expect(await list('', 100)).toEqual(settledLast);
    expect(await list('', 1)).toEqual(settledLast);
    expect(await list('', 2)).toEqual(settledLast);
    expect(await list('&open=true', 1)).toEqual([open.id]);
    expect(await list('&open=false', 1)).toEqual([recentlyClosed.id, withdrawn.id, longClosed.id]);
    await ctx.db.deleteFrom('complaint_record').where('complaint_id', 'in', mine).execute();
    await ctx.db.deleteFrom('complaint').where('id', 'in', mine).execute();
  });
});

describe('assigning a handler', () => {
  it('gives the complaint to a handler of its unit or above, with an assignment record; refuses anyone else', async () => {
    const staffId = async (username: string) => (await ctx.db.selectFrom('staff').select('id').where('username', '=', username).executeTakeFirstOrThrow()).id;
    const concerned = await staffId('ea.csr');
    let c = await create(token.csr, { category: 'service_attitude', subReason: 'rude', staffConcernedId: concerned });
    expect(c.nextActions).not.toContain('assign'); // the csr registers complaints but does not handle them
    const asManager = (await ctx.request({ method: 'GET', url: `/api/v1/complaints/${c.id}`, token: token.cityManager })).json() as TComplaint;
    expect(asManager.nextActions).toContain('assign');
    const assign = (t: string, assigneeId: string) => ctx.request({ method: 'POST', url: `/api/v1/complaints/${c.id}/actions`, token: t, payload: { action: 'assign', assigneeId, note: '请今日联系客户', version: c.version } });
    const refused = (res: Awaited<ReturnType<typeof assign>>, status: number, rule: string) => {
      const body = expectProblem(res, status, status === 404 ? 'NOT_FOUND' : 'VALIDATION_FAILED', ['body.assigneeId']);
      expect(body.errors![0]!.rule).toBe(rule);
    };
    refused(await assign(token.cityManager, await staffId('eb.handler')), 404, 'not_a_complaint_handler'); // another city
    refused(await assign(token.cityManager, await staffId('hq.adjuster')), 404, 'not_a_complaint_handler'); // does not handle complaints
    refused(await assign(token.cityManager, await staffId('east.handler')), 404, 'not_a_complaint_handler'); // above the assigner: that is escalation
    await ctx.db.updateTable('complaint').set({ staff_concerned_id: await staffId('ea.handler') }).where('id', '=', c.id).execute();
    refused(await assign(token.cityManager, await staffId('ea.handler')), 400, 'complaint_concerns_them');
    await ctx.db.updateTable('complaint').set({ staff_concerned_id: concerned }).where('id', '=', c.id).execute();

    c = await act(token.cityManager, c, { action: 'assign', assigneeId: await staffId('ea.handler'), note: '请今日联系客户' });
    expect(c).toMatchObject({ status: 'received', assignee: { id: await staffId('ea.handler') } });
    expect(c.records.at(-1)).toMatchObject({ kind: 'assignment', data: { assigneeName: 'ea.handler', previousAssigneeName: null, note: '请今日联系客户' } });
    refused(await assign(token.cityManager, await staffId('ea.handler')), 400, 'already_assigned');
    // The province may give it to its own handler, above the complaint's unit.
    c = await act(token.provinceManager, c, { action: 'assign', assigneeId: await staffId('east.handler') });
    expect(c.records.at(-1)).toMatchObject({ kind: 'assignment', data: { assigneeName: 'east.handler', previousAssigneeName: 'ea.handler' } });
    expect(c.assignee).toMatchObject({ id: await staffId('east.handler') });
  });
});

describe('recusal', () => {
  it('the staff member complained about may not handle the complaint', async () => {
    const concerned = await ctx.db.selectFrom('staff').select('id').where('username', '=', 'ea.handler').executeTakeFirstOrThrow();
    const c = await create(token.csr, { category: 'service_attitude', subReason: 'rude', staffConcernedId: concerned.id });
    expect(c.staffConcerned).toMatchObject({ id: concerned.id });
    // They are offered nothing to do on it (the console says why); another handler is.
    const theirs = (await ctx.request({ method: 'GET', url: `/api/v1/complaints/${c.id}`, token: token.handler })).json() as TComplaint;
    expect(theirs.nextActions).toEqual([]);
    const others = (await ctx.request({ method: 'GET', url: `/api/v1/complaints/${c.id}`, token: token.province })).json() as TComplaint;
    expect(others.nextActions).toContain('verify');
    expectProblem(await ctx.request({ method: 'POST', url: `/api/v1/complaints/${c.id}/actions`, token: token.handler, payload: { action: 'verify', facts: '属实', customerContacted: true, version: c.version } }), 403, 'FORBIDDEN');
    await act(token.province, c, { action: 'verify', facts: '属实', customerContacted: true });
  });
});

describe('customer 360', () => {
  it('has a complaints section in the reader’s scope', async () => {
    const view = (await ctx.request({ method: 'GET', url: `/api/v1/customers/${customer}/360`, token: token.handler })).json() as TCustomer360;
    const section = view.sections.complaints!;
    const all = await ctx.db.selectFrom('complaint').select(['id', 'status']).where('customer_id', '=', customer).execute();
    expect(section.items.map((i) => i.id).sort()).toEqual(all.map((c) => c.id).sort());
    expect(section.openCount).toBe(all.filter((c) => !['closed', 'withdrawn'].includes(c.status)).length);
    const adjusterView = (await ctx.request({ method: 'GET', url: `/api/v1/customers/${customer}/360`, token: token.adjuster })).json() as TCustomer360;
    expect(adjusterView.sections.complaints).toBeUndefined();
  });
});

describe('the clock sweep (fake clock)', () => {
  it('warns three days before and moves a city complaint up to the province; a breach is recorded and moves it to head office', async () => {
    const c = await create(token.csr, { receivedAt: '2026-11-01T01:00:00.000Z' });
    const due = Date.parse(c.clock!.dueAt);
    expect(await sweepComplaintClocks(deps, new Date(due - 4 * 86_400_000))).toBe(0);
    expect(await sweepComplaintClocks(deps, new Date(due - 2 * 86_400_000))).toBeGreaterThanOrEqual(1);
    let row = await ctx.db.selectFrom('complaint').select(['tier', 'org_unit_id', 'warned_at', 'breached_at']).where('id', '=', c.id).executeTakeFirstOrThrow();
    expect(row).toMatchObject({ tier: 'province', org_unit_id: units.east.id, breached_at: null });
    expect(row.warned_at).not.toBeNull();
    const reminders = await ctx.db.selectFrom('outbox').select('topic').where('aggregate_id', '=', c.id).where('topic', '=', 'complaint.clock_warning').execute();
    expect(reminders).toHaveLength(1);
    // Running it again changes nothing.
    await sweepComplaintClocks(deps, new Date(due - 2 * 86_400_000));
    expect(await ctx.db.selectFrom('complaint_record').select('kind').where('complaint_id', '=', c.id).execute()).toHaveLength(2);
    await sweepComplaintClocks(deps, new Date(due + 60_000));
    row = await ctx.db.selectFrom('complaint').select(['tier', 'org_unit_id', 'warned_at', 'breached_at']).where('id', '=', c.id).executeTakeFirstOrThrow();
    expect(row).toMatchObject({ tier: 'hq', org_unit_id: units.hq.id });
    expect(row.breached_at?.getTime()).toBe(due);
    const records = await ctx.db.selectFrom('complaint_record').select(['kind']).where('complaint_id', '=', c.id).orderBy('at').execute();
    expect(records.map((r) => r.kind)).toEqual(['warning', 'transfer', 'breach', 'transfer']);
    const detail = (await ctx.request({ method: 'GET', url: `/api/v1/complaints/${c.id}`, token: token.hq })).json() as TComplaint;
    expect(detail.breached).toBe(true);
  });
});
