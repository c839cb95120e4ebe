import type { TClaim, TComplaint, TOutboxMessage, TPortalClaimDetail, TPortalCodeSent, TPortalComplaint, TPortalMe } from '@anxin/contracts';
import { describe, expect, it } from 'vitest';
import { automationRuntimeFor, cipherFor } from '../../app.ts';
import { publishAndDeliver } from '../automation/index.ts';
import { createTestContext } from '../../test/context.ts';
import { loginAs, seedOrg, seedStaff } from '../../test/factories.ts';
import { expectProblem } from '../../test/problems.ts';
import { createCustomer, idNumberCheckDigit } from '../customers/index.ts';
import { createPolicy } from '../policies/index.ts';
import { createProduct } from '../products/index.ts';

// The customer portal on the real database and HTTP server: identification by policy number, ID
// number and a one-time code read from the development inbox; then the customer's policies, a claim
// reported idempotently, documents, and the progress the customer sees as staff move the claim.
const ctx = await createTestContext();
const deps = { db: ctx.db, cipher: cipherFor(ctx.config) };
const org = await seedOrg(ctx.db);
const { units, system } = org;
await seedStaff(ctx.db, org, units.hq.id, 'hq.admin', ['admin']);
await seedStaff(ctx.db, org, units.east.id, 'east.adjuster', ['claims_adjuster']);
const agent = await seedStaff(ctx.db, org, units.eastA.id, 'ea.agent', ['agent']);
const admin = await loginAs(ctx.app, 'hq.admin');
const adjuster = await loginAs(ctx.app, 'east.adjuster');

const idNumber = (first17: string) => first17 + idNumberCheckDigit(first17);
const parentId = idNumber('33010619800315201');
const childId = idNumber('33010620150601202');
const strangerId = idNumber('33010619900101301');

const product = await createProduct(deps, system, {
  code: 'MED-P',
  name: '安心家庭医疗',
  line: 'medical',
  riskLevel: 'R2',
  waitingDays: 0,
  coverages: [{ code: 'HOSP', name: '住院医疗' }],
  claimDocuments: [
    { code: 'INVOICE', name: '医疗发票', required: true },
    { code: 'DISCHARGE', name: '出院小结', required: true },
  ],
});
const customer = async (name: string, id: string, mobile?: string) =>
  (
    await createCustomer(deps, system, {
      name,
      idNumber: id,
      orgUnitId: units.eastA.id,
      ownerAgentId: agent.staff.id,
      contacts: mobile ? [{ channel: 'mobile', value: mobile, verified: true, preferred: true }] : [],
    })
  ).id;
const parent = await customer('林海', parentId, '13912345678');
const child = await customer('林小雨', childId);
const stranger = await customer('赵敏', strangerId, '13800001111');
const policy = await createPolicy(deps, system, {
  productId: product.id,
  policyholderId: parent,
  insuredIds: [parent, child],
  sumInsuredFen: 20_000_000,
  premiumFen: 98_000,
  paymentFrequency: 'annual',
  effectiveOn: '2026-01-01',
  expiresOn: '2026-12-31',
  agentId: agent.staff.id,
});
const strangerPolicy = await createPolicy(deps, system, {
  productId: product.id,
  policyholderId: stranger,
  insuredIds: [stranger],
  sumInsuredFen: 10_000_000,
  premiumFen: 50_000,
  paymentFrequency: 'annual',
  effectiveOn: '2026-01-01',
  expiresOn: '2026-12-31',
  agentId: agent.staff.id,
});
const policyNo = policy.row.policy_no;

const askCode = (body: Record<string, unknown>) => ctx.request({ method: 'POST', url: '/api/v1/portal/login/code', payload: body });
const inbox = async (token: string, customerId?: string) => {
  const res = await ctx.request({ method: 'GET', url: `/api/v1/messages/dev-inbox${customerId ? `?customerId=${customerId}` : ''}`, token });
  expect(res.statusCode, res.body).toBe(200);
  return (res.json() as { items: TOutboxMessage[] }).items;
};
const cookieOf = (res: { cookies: { name: string; value: string }[] }) => res.cookies.find((c) => c.name === 'anxin_portal')!;
const portal = (cookie: string | undefined, method: 'GET' | 'POST', url: string, payload?: unknown, headers: Record<string, string> = {}) =>
  ctx.app.inject({ method, url, ...(payload === undefined ? {} : { payload: payload as object }), headers: { ...headers, ...(cookie ? { cookie: `anxin_portal=${cookie}` } : {}) } });

/** Signs in as the holder of `id` on `no`; returns the portal session cookie value. */
async function signIn(no: string, id: string, customerId: string) {
  const sent = await askCode({ policyNo: no, idNumber: id });
  expect(sent.statusCode, sent.body).toBe(202);
  const { challengeId } = sent.json() as TPortalCodeSent;
  const message = (await inbox(admin, customerId)).find((m) => m.template === 'portal_login_code')!;
  const res = await ctx.request({ method: 'POST', url: '/api/v1/portal/login', payload: { challengeId, code: message.params.code } });
  expect(res.statusCode, res.body).toBe(200);
  return cookieOf(res).value;
}

describe('portal login', () => {
  it('400 for a malformed request; 422 PORTAL_IDENTITY_MISMATCH for an unknown policy or an ID number not on it, audited', async () => {
    expectProblem(await askCode({ policyNo: '' }), 400, 'VALIDATION_FAILED', ['body.policyNo', 'body.idNumber']);
    expectProblem(await askCode({ policyNo: 'NOPE-1', idNumber: parentId }), 422, 'PORTAL_IDENTITY_MISMATCH', ['body.idNumber']);
    expectProblem(await askCode({ policyNo, idNumber: strangerId }), 422, 'PORTAL_IDENTITY_MISMATCH', ['body.idNumber']);
    expectProblem(await askCode({ policyNo, idNumber: '330106198003152019' }), 422, 'PORTAL_IDENTITY_MISMATCH', ['body.idNumber']);
    const failures = await ctx.db.selectFrom('audit_event').select(['data']).where('action', '=', 'portal.login_failed').execute();
    expect(failures.length).toBe(3);
    expect(JSON.stringify(failures)).not.toContain(strangerId);
  });

  it('422 PORTAL_NO_MOBILE when no mobile is on file (the insured child)', async () => {
    expectProblem(await askCode({ policyNo, idNumber: childId }), 422, 'PORTAL_NO_MOBILE');
  });

  it('sends a code through the outbox (encrypted there, masked recipient), refuses a second within a minute, and logs in once with it', async () => {
    const sent = await askCode({ policyNo: policyNo.toLowerCase(), idNumber: parentId });
    expect(sent.statusCode, sent.body).toBe(202);
    const { challengeId, sentTo } = sent.json() as TPortalCodeSent;
    expect(sentTo).toBe('139****5678');
    expectProblem(await askCode({ policyNo, idNumber: parentId }), 429, 'RATE_LIMITED');

    const row = await ctx.db.selectFrom('outbox').select(['topic', 'payload', 'customer_id']).where('aggregate_id', '=', challengeId).executeTakeFirstOrThrow();
    expect(row.topic).toBe('message.portal_login_code');
    expect(row.customer_id).toBe(parent);
    expect(JSON.stringify(row.payload)).not.toContain('13912345678');
    const code = deps.cipher.decrypt((row.payload as { codeEnc: string }).codeEnc);
    expect(code).toMatch(/^\d{6}$/);
    expect(JSON.stringify(row.payload)).not.toContain(`"${code}"`);

    // The development inbox shows it to an administrator only.
    expectProblem(await ctx.request({ method: 'GET', url: '/api/v1/messages/dev-inbox', token: adjuster }), 403, 'FORBIDDEN');
    const message = (await inbox(admin, parent)).find((m) => m.template === 'portal_login_code')!;
    expect(message).toMatchObject({ channel: 'sms', to: '139****5678', params: { code } });

    const wrong = code === '000000' ? '111111' : '000000';
    const bad = expectProblem(await ctx.request({ method: 'POST', url: '/api/v1/portal/login', payload: { challengeId, code: wrong } }), 401, 'PORTAL_CODE_INVALID', ['body.code']);
    expect(bad.detail).toContain('4 tries left');
    const ok = await ctx.request({ method: 'POST', url: '/api/v1/portal/login', payload: { challengeId, code } });
    expect(ok.statusCode, ok.body).toBe(200);
    const cookie = cookieOf(ok);
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Strict', path: '/api/v1/portal' });
    expectProblem(await ctx.request({ method: 'POST', url: '/api/v1/portal/login', payload: { challengeId, code } }), 401, 'PORTAL_CODE_INVALID');
    const logins = await ctx.db.selectFrom('audit_event').select(['actor_id', 'customer_id']).where('action', '=', 'portal.login').execute();
    expect(logins).toEqual([{ actor_id: parent, customer_id: parent }]);
  });

  it('five wrong codes end the challenge', async () => {
    await ctx.db.deleteFrom('portal_login_challenge').where('customer_id', '=', stranger).execute();
    const sent = await askCode({ policyNo: strangerPolicy.row.policy_no, idNumber: strangerId });
    const { challengeId } = sent.json() as TPortalCodeSent;
    const code = (await inbox(admin, stranger)).find((m) => m.template === 'portal_login_code')!.params.code!;
    const wrong = code === '000000' ? '111111' : '000000';
    for (let i = 0; i < 5; i++) await ctx.request({ method: 'POST', url: '/api/v1/portal/login', payload: { challengeId, code: wrong } });
    expectProblem(await ctx.request({ method: 'POST', url: '/api/v1/portal/login', payload: { challengeId, code } }), 401, 'PORTAL_CODE_INVALID');
  });

  it('with a worker in this process the code is published and sent at once; without one it waits in the outbox for a pass', async () => {
    const codeTexts = async () =>
      ctx.db.selectFrom('message').select(['status', 'channel']).where('customer_id', '=', stranger).where('template', '=', 'portal_login_code').execute();
    const ask = async () => {
      await ctx.db.deleteFrom('portal_login_challenge').where('customer_id', '=', stranger).execute();
      const sent = await askCode({ policyNo: strangerPolicy.row.policy_no, idNumber: strangerId });
      expect(sent.statusCode, sent.body).toBe(202);
      await ctx.app.urgentWork.idle();
      return (await inbox(admin, stranger)).find((m) => m.template === 'portal_login_code')!;
    };
    // No worker here (as in these tests, or with ANXIN_JOBS_EVERY_SECONDS=0): the code waits for a pass.
    expect(ctx.app.urgentWork.handled).toBe(false);
    const before = (await codeTexts()).length;
    expect((await ask()).publishedAt).toBeNull();
    expect(await codeTexts()).toHaveLength(before);
    // The composition root gives it the worker's urgent part when it starts one.
    ctx.app.urgentWork.handleWith(async () => {
      await publishAndDeliver(deps, automationRuntimeFor(ctx.config));
    });
    try {
      expect((await ask()).publishedAt).not.toBeNull();
      // The code asked for just now and those left waiting before (above, and the test before): each
      // published and sent by SMS.
      const codes = await inbox(admin, stranger);
      expect(codes.length).toBeGreaterThanOrEqual(2);
      expect(codes.every((m) => m.publishedAt !== null)).toBe(true);
      const texts = await codeTexts();
      expect(texts).toHaveLength(codes.length);
      expect(texts.every((t) => t.status === 'sent' && t.channel === 'sms')).toBe(true);
    } finally {
      ctx.app.urgentWork.handleWith(null);
    }
  });
});

describe('portal: policies, claims and progress', () => {
  it('keeps portal and staff credentials apart', async () => {
    expectProblem(await portal(undefined, 'GET', '/api/v1/portal/me'), 401, 'UNAUTHENTICATED');
    expectProblem(await ctx.request({ method: 'GET', url: '/api/v1/portal/me', token: admin }), 401, 'PORTAL_SESSION_EXPIRED');
    expectProblem(await portal('not-a-session', 'GET', '/api/v1/portal/me'), 401, 'PORTAL_SESSION_EXPIRED');
    await ctx.db.deleteFrom('portal_login_challenge').where('customer_id', '=', parent).execute();
    const cookie = await signIn(policyNo, parentId, parent);
    const staffRoute = await ctx.app.inject({ method: 'GET', url: `/api/v1/customers/${parent}`, headers: { cookie: `anxin_portal=${cookie}` } });
    expectProblem(staffRoute, 401, 'UNAUTHENTICATED');
  });

  it('reports a claim for the insured child (idempotent), shows it with its progress as staff move it, and takes documents', async () => {
    await ctx.db.deleteFrom('portal_login_challenge').where('customer_id', '=', parent).execute();
    const cookie = await signIn(policyNo, parentId, parent);
    const me = (await portal(cookie, 'GET', '/api/v1/portal/me')).json() as TPortalMe;
    expect(me).toMatchObject({ name: '林海', mobile: '139****5678' });
    expect(me.policies).toHaveLength(1);
    expect(me.policies[0]).toMatchObject({ policyNo, holder: true, line: 'medical' });
    expect(me.policies[0]!.insured.map((i) => i.name).sort()).toEqual(['林小雨', '林海'].sort());

    const body = {
      policyId: policy.row.id,
      insuredId: child,
      incidentAt: '2026-06-02T01:00:00.000Z',
      amountClaimedFen: 860_000,
      incident: { kind: 'medical', hospital: '浙江大学医学院附属儿童医院', diagnosisCode: 'J18.9', invoiceItems: [{ invoiceNo: 'P-INV-001', description: '住院费用', amountFen: 860_000 }] },
    };
    expectProblem(await portal(cookie, 'POST', '/api/v1/portal/claims', { ...body, policyId: strangerPolicy.row.id }), 404, 'NOT_FOUND', ['body.policyId']);
    expectProblem(await portal(cookie, 'POST', '/api/v1/portal/claims', { ...body, insuredId: stranger }), 422, 'CLAIM_NOT_COVERED', ['body.insuredId']);
    const first = await portal(cookie, 'POST', '/api/v1/portal/claims', body, { 'idempotency-key': 'portal-claim-1' });
    expect(first.statusCode, first.body).toBe(201);
    const again = await portal(cookie, 'POST', '/api/v1/portal/claims', body, { 'idempotency-key': 'portal-claim-1' });
    expect(again.statusCode).toBe(201);
    expect(again.headers['idempotent-replayed']).toBe('true');
    const claim = (first.json() as TPortalClaimDetail).claim;
    expect((again.json() as TPortalClaimDetail).claim.id).toBe(claim.id);
    expect(await ctx.db.selectFrom('claim').select('id').where('customer_id', '=', child).execute()).toHaveLength(1);
    const staffView = (await ctx.request({ method: 'GET', url: `/api/v1/claims/${claim.id}`, token: adjuster })).json() as TClaim;
    expect(staffView.channel).toBe('portal');

    // Staff register it; the customer sees the step and what comes next.
    const registered = await ctx.request({ method: 'POST', url: `/api/v1/claims/${claim.id}/transitions`, token: adjuster, payload: { action: 'register', reason: '报案信息完整', version: staffView.version } });
    expect(registered.statusCode, registered.body).toBe(200);
    const detail = (await portal(cookie, 'GET', `/api/v1/portal/claims/${claim.id}`)).json() as TPortalClaimDetail;
    expect(detail.progress.steps.map((s) => s.key)).toEqual(['reported', 'registered']);
    expect(detail.progress.next?.key).toBe('assessment');
    expect(detail.progress.next?.dueAt).not.toBeNull();
    expect(detail.checklist.filter((c) => c.received)).toEqual([]);

    const pdf = Buffer.from('%PDF-1.4\n% discharge summary\n').toString('base64');
    const uploaded = await portal(cookie, 'POST', `/api/v1/portal/claims/${claim.id}/documents`, { code: 'DISCHARGE', fileName: '出院小结.pdf', contentBase64: pdf });
    expect(uploaded.statusCode, uploaded.body).toBe(201);
    expect((uploaded.json() as TPortalClaimDetail).checklist.find((c) => c.code === 'DISCHARGE')?.received).toBe(true);
    expectProblem(await portal(cookie, 'POST', `/api/v1/portal/claims/${claim.id}/documents`, { code: 'INVOICE', fileName: 'x.exe', contentBase64: Buffer.from('MZ not a pdf').toString('base64') }), 400, 'CLAIM_DOCUMENT_INVALID');

    // Another customer cannot see it.
    await ctx.db.deleteFrom('portal_login_challenge').where('customer_id', '=', stranger).execute();
    const other = await signIn(strangerPolicy.row.policy_no, strangerId, stranger);
    expectProblem(await portal(other, 'GET', `/api/v1/portal/claims/${claim.id}`), 404, 'NOT_FOUND');
    expect(((await portal(other, 'GET', '/api/v1/portal/me')).json() as TPortalMe).claims).toEqual([]);

    // Logging out ends the session.
    expect((await portal(cookie, 'POST', '/api/v1/portal/logout')).statusCode).toBe(204);
    expectProblem(await portal(cookie, 'GET', '/api/v1/portal/me'), 401, 'PORTAL_SESSION_EXPIRED');
  });
});

describe('portal: complaints', () => {
  it('the customer complains, follows the steps, reads the decision and accepts it; nobody else sees it', async () => {
    await seedStaff(ctx.db, org, units.eastA.id, 'ea.handler', ['complaint_handler']);
    const handler = await loginAs(ctx.app, 'ea.handler');
    await ctx.db.deleteFrom('portal_login_challenge').where('customer_id', '=', parent).execute();
    const cookie = await signIn(policyNo, parentId, parent);
    const body = { category: 'claims', subReason: 'slow', policyId: policy.row.id, subject: '孩子住院理赔太慢', description: '报案一周还没有人联系我。', demand: '尽快处理' };
    expectProblem(await portal(cookie, 'POST', '/api/v1/portal/complaints', { ...body, policyId: strangerPolicy.row.id }), 404, 'NOT_FOUND', ['body.policyId']);
    expectProblem(await portal(cookie, 'POST', '/api/v1/portal/complaints', { ...body, subReason: 'rude' }), 400, 'VALIDATION_FAILED', ['body.subReason']);
    const created = await portal(cookie, 'POST', '/api/v1/portal/complaints', body, { 'idempotency-key': 'portal-complaint-1' });
    expect(created.statusCode, created.body).toBe(201);
    let mine = created.json() as TPortalComplaint;
    expect(mine).toMatchObject({ status: 'received', next: { key: 'decision' }, awaitingResponse: false, decision: null });
    expect(mine.steps.map((x) => x.key)).toEqual(['received']);

    const staff = (await ctx.request({ method: 'GET', url: `/api/v1/complaints/${mine.id}`, token: handler })).json() as TComplaint;
    expect(staff).toMatchObject({ channel: 'portal', customerId: parent, orgUnit: { id: units.eastA.id } });
    let version = staff.version;
    for (const action of [
      { action: 'verify', facts: '属实', customerContacted: true },
      { action: 'register', summary: '理赔时效投诉' },
      { action: 'decide', findings: '理赔员交接遗漏（内部）', responsibility: 'company', resolution: '已安排专人三日内完成理赔，并向您致歉。', compensationFen: 0, rootCause: '交接制度未执行' },
    ]) {
      const res = await ctx.request({ method: 'POST', url: `/api/v1/complaints/${mine.id}/actions`, token: handler, payload: { ...action, version } });
      expect(res.statusCode, res.body).toBe(200);
      version = (res.json() as TComplaint).version;
    }
    mine = (await portal(cookie, 'GET', `/api/v1/portal/complaints/${mine.id}`)).json() as TPortalComplaint;
    expect(mine).toMatchObject({ status: 'decided', awaitingResponse: true, decision: '已安排专人三日内完成理赔，并向您致歉。', next: { key: 'your_response' } });
    expect(JSON.stringify(mine)).not.toContain('内部');
    expect(JSON.stringify(mine)).not.toContain('ea.handler');

    await ctx.db.deleteFrom('portal_login_challenge').where('customer_id', '=', stranger).execute();
    const other = await signIn(strangerPolicy.row.policy_no, strangerId, stranger);
    expectProblem(await portal(other, 'GET', `/api/v1/portal/complaints/${mine.id}`), 404, 'NOT_FOUND');
    expectProblem(await portal(other, 'POST', `/api/v1/portal/complaints/${mine.id}/response`, { response: 'accepts' }), 404, 'NOT_FOUND');

    const accepted = await portal(cookie, 'POST', `/api/v1/portal/complaints/${mine.id}/response`, { response: 'accepts' });
    expect(accepted.statusCode, accepted.body).toBe(200);
    mine = accepted.json() as TPortalComplaint;
    expect(mine).toMatchObject({ status: 'closed', awaitingResponse: false, next: null });
    expect(mine.steps.map((x) => x.key)).toEqual(['received', 'verified', 'registered', 'decided', 'accepted', 'closed']);
    expect(((await portal(cookie, 'GET', '/api/v1/portal/me')).json() as TPortalMe).complaints.map((c) => c.status)).toEqual(['closed']);
  });
});

describe('the development inbox', () => {
  it('is not there when ANXIN_DEV_INBOX=false (production default)', async () => {
    const prod = await createTestContext({ ANXIN_DEV_INBOX: 'false' });
    const prodOrg = await seedOrg(prod.db);
    await seedStaff(prod.db, prodOrg, prodOrg.units.hq.id, 'hq.admin', ['admin']);
    const res = await prod.request({ method: 'GET', url: '/api/v1/messages/dev-inbox', token: await loginAs(prod.app, 'hq.admin') });
    expectProblem(res, 404, 'ROUTE_NOT_FOUND');
  });
});
