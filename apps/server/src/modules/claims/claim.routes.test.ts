import type { TClaim, TClaimList, TClaimProgress, TClaimStats, TCustomer360, TOutboxMessage, TOverdueBoard } from '@anxin/contracts';
import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { cipherFor } from '../../app.ts';
import { createTestContext } from '../../test/context.ts';
import { loginAs, seedOrg, seedStaff } from '../../test/factories.ts';
import { expectProblem } from '../../test/problems.ts';
import { changeConsent, createCustomer } from '../customers/index.ts';
import { createPolicy } from '../policies/index.ts';
import { createProduct } from '../products/index.ts';
import { sweepClaimClocks } from './claim-sweep.ts';

// Route tests for claims on the real database and HTTP server: 401 → 400 → 403 → 404 → success,
// then the workflow end to end, the fast track, idempotent reporting, clocks and the overdue board.
const ctx = await createTestContext();
const deps = { db: ctx.db, cipher: cipherFor(ctx.config) };
const org = await seedOrg(ctx.db);
const { units, system } = org;

await seedStaff(ctx.db, org, units.eastA.id, 'ea.csr', ['csr']);
await seedStaff(ctx.db, org, units.westA.id, 'wa.csr', ['csr']);
const adjA = await seedStaff(ctx.db, org, units.east.id, 'east.adjuster', ['claims_adjuster']);
const adjB = await seedStaff(ctx.db, org, units.east.id, 'east.adjuster2', ['claims_adjuster']);
await seedStaff(ctx.db, org, units.east.id, 'east.manager', ['branch_manager']);
await seedStaff(ctx.db, org, units.hq.id, 'hq.analyst', ['analyst']);
await seedStaff(ctx.db, org, units.hq.id, 'hq.admin', ['admin']);
const agent = await seedStaff(ctx.db, org, units.eastA.id, 'ea.agent', ['agent']);
const token = {
  csr: await loginAs(ctx.app, 'ea.csr'),
  westCsr: await loginAs(ctx.app, 'wa.csr'),
  adjuster: await loginAs(ctx.app, 'east.adjuster'),
  adjuster2: await loginAs(ctx.app, 'east.adjuster2'),
  manager: await loginAs(ctx.app, 'east.manager'),
  analyst: await loginAs(ctx.app, 'hq.analyst'),
  admin: await loginAs(ctx.app, 'hq.admin'),
};

const medicalProduct = await createProduct(deps, system, {
  code: 'MED-1',
  name: '安心医疗',
  line: 'medical',
  riskLevel: 'R2',
  waitingDays: 30,
  coverages: [{ code: 'HOSP', name: '住院医疗' }],
  claimDocuments: [
    { code: 'INVOICE', name: '医疗发票', required: true },
    { code: 'DISCHARGE', name: '出院小结', required: true },
    { code: 'ID', name: '身份证明', required: false },
  ],
});
const person = async (name: string, tier: 'platinum' | 'standard' = 'standard') => (await createCustomer(deps, system, { name, orgUnitId: units.eastA.id, ownerAgentId: agent.staff.id, tier })).id;
const wang = await person('王建国');
const vip = await person('钱芳', 'platinum');
const policyFor = async (insured: string) =>
  createPolicy(deps, system, {
    productId: medicalProduct.id,
    policyholderId: insured,
    insuredIds: [insured],
    sumInsuredFen: 20_000_000,
    premiumFen: 68_000,
    paymentFrequency: 'annual',
    effectiveOn: '2026-01-01',
    expiresOn: '2026-12-31',
    agentId: agent.staff.id,
  });
const wangPolicy = await policyFor(wang);
const vipPolicy = await policyFor(vip);

const PDF = Buffer.from('%PDF-1.4\n% test document\n').toString('base64');
const report = (t: string | undefined, overrides: Record<string, unknown> = {}, headers: Record<string, string> = {}) =>
  ctx.request({
    method: 'POST',
    url: '/api/v1/claims',
    token: t,
    headers,
    payload: {
      policyNo: wangPolicy.row.policy_no,
      channel: 'phone',
      incidentAt: '2026-06-01T02:00:00.000Z',
      amountClaimedFen: 320_000,
      incident: { kind: 'medical', hospital: '浙大一院', diagnosisCode: 'J18.9', invoiceItems: [{ invoiceNo: `INV-${Math.random().toString(36).slice(2, 10)}`, description: '住院费用', amountFen: 320_000 }] },
      ...overrides,
    },
  });
const reported = async (t: string, overrides: Record<string, unknown> = {}) => {
  const res = await report(t, overrides);
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as TClaim;
};
const act = async (t: string, claim: TClaim, path: string, payload: Record<string, unknown>, status = 200) => {
  const res = await ctx.request({ method: path === 'adjustment' ? 'PUT' : 'POST', url: `/api/v1/claims/${claim.id}/${path}`, token: t, payload: { version: claim.version, ...payload } });
  expect(res.statusCode, res.body).toBe(status);
  return res.json() as TClaim;
};
const upload = (t: string, claim: TClaim, code: string, content = PDF) => ctx.request({ method: 'POST', url: `/api/v1/claims/${claim.id}/documents`, token: t, payload: { code, fileName: `${code}.pdf`, contentBase64: content } });

describe('POST /api/v1/claims (report)', () => {
  it('401 → 400 → 403 → 404', async () => {
    expectProblem(await report(undefined), 401, 'UNAUTHENTICATED');
    expectProblem(await report(token.csr, { amountClaimedFen: -1, incident: { kind: 'medical', hospital: 'x', diagnosisCode: 'pneumonia', invoiceItems: [] } }), 400, 'VALIDATION_FAILED', [
      'body.amountClaimedFen',
      'body.incident.diagnosisCode',
      'body.incident.invoiceItems',
    ]);
    expectProblem(await report(token.analyst), 403, 'FORBIDDEN');
    expectProblem(await report(token.westCsr), 404, 'NOT_FOUND', ['body.policyNo']);
  });

  it('422 CLAIM_NOT_COVERED when the policy was not in force on the incident date; 400 for a future incident or the wrong kind', async () => {
    expectProblem(await report(token.csr, { incidentAt: '2025-12-30T02:00:00.000Z' }), 422, 'CLAIM_NOT_COVERED', ['body.incidentAt']);
    expectProblem(await report(token.csr, { incidentAt: '2099-01-01T00:00:00.000Z' }), 400, 'VALIDATION_FAILED', ['body.incidentAt']);
    expectProblem(await report(token.csr, { incident: { kind: 'property', place: '杭州', description: '水管爆裂' } }), 400, 'VALIDATION_FAILED', ['body.incident.kind']);
    expectProblem(await report(token.csr, { insuredId: vip }), 422, 'CLAIM_NOT_COVERED', ['body.insuredId']);
  });

  it('reports: claim number, routed to the least-loaded adjuster, health data encrypted, audited; a retry with the same Idempotency-Key makes no second claim', async () => {
    const key = 'claim-report-0001';
    // The retry is the same request: same key, same body.
    const body = { incident: { kind: 'medical', hospital: '浙大一院', diagnosisCode: 'J18.9', invoiceItems: [{ invoiceNo: 'INV-IDEM-0001', description: '住院费用', amountFen: 320_000 }] } };
    const first = await report(token.csr, body, { 'idempotency-key': key });
    expect(first.statusCode, first.body).toBe(201);
    const claim = first.json() as TClaim;
    expect(claim).toMatchObject({ status: 'reported', channel: 'phone', line: 'medical', insuredName: '王建国', customerId: wang, amountClaimedFen: 320_000, greenChannel: false });
    expect(claim.claimNo).toMatch(/^CLM\d{4}\d{8}$/);
    expect([adjA.staff.id, adjB.staff.id]).toContain(claim.assignee!.id);
    const again = await report(token.csr, body, { 'idempotency-key': key });
    expect(again.statusCode).toBe(201);
    expect((again.json() as TClaim).id).toBe(claim.id);
    expect(Number((await sql<{ n: string }>`SELECT count(*) AS n FROM claim WHERE customer_id = ${wang}`.execute(ctx.db)).rows[0]!.n)).toBe(1);
    const stored = await ctx.db.selectFrom('claim').select('incident_enc').where('id', '=', claim.id).executeTakeFirstOrThrow();
    expect(stored.incident_enc).not.toContain('J18');
    const audit = await ctx.db.selectFrom('audit_event').select(['data', 'customer_id']).where('action', '=', 'claim.reported').where('entity_id', '=', claim.id).executeTakeFirstOrThrow();
    expect(audit.customer_id).toBe(wang);
    expect(JSON.stringify(audit.data)).not.toContain('J18');
    // The fast track ran and says why it did not approve: the documents are not in yet.
    expect(claim.fastTrackDecision!.eligible).toBe(false);
    expect(claim.fastTrackDecision!.trace.filter((r) => !r.passed).map((r) => r.rule)).toEqual(['documents_complete']);
    // A CSR sees the claim but not the diagnosis (health data is for handlers).
    expect(claim.incident).toBeNull();
    const asAdjuster = (await ctx.request({ method: 'GET', url: `/api/v1/claims/${claim.id}`, token: token.adjuster })).json() as TClaim;
    expect(asAdjuster.incident).toMatchObject({ kind: 'medical', diagnosisCode: 'J18.9' });
  });

  it('flags a green-channel customer (platinum tier) to the top of the queue and a second claim within 12 months as multi-claim', async () => {
    const vipClaim = await reported(token.csr, { policyNo: vipPolicy.row.policy_no });
    expect(vipClaim.greenChannel).toBe(true);
    const second = await reported(token.csr, { amountClaimedFen: 900_000 });
    expect(second.multiClaim).toBe(true);
    const queue = (await ctx.request({ method: 'GET', url: '/api/v1/claims?sort=priority&open=true', token: token.adjuster })).json() as TClaimList;
    expect(queue.items[0]!.id).toBe(vipClaim.id);
  });
  it('a partner reports with an API key of scope claim:report: by policy number, in the key’s unit, on the partner channel; it cannot read claims', async () => {
    const key = async (orgUnitId: string) => {
      const res = await ctx.request({ method: 'POST', url: '/api/v1/api-keys', token: token.admin, payload: { name: 'Hospital direct billing', scopes: ['claim:report'], orgUnitId } });
      expect(res.statusCode, res.body).toBe(201);
      return (res.json() as { secret: string }).secret;
    };
    const eastKey = await key(units.east.id);
    const res = await report(undefined, { channel: 'phone' }, { 'x-api-key': eastKey });
    expect(res.statusCode, res.body).toBe(201);
    const claim = res.json() as TClaim;
    expect(claim).toMatchObject({ status: 'reported', channel: 'partner', customerId: wang });
    expect(claim.claimNo).toMatch(/^CLM/);
    const doc = await ctx.request({ method: 'POST', url: `/api/v1/claims/${claim.id}/documents`, headers: { 'x-api-key': eastKey }, payload: { code: 'INVOICE', fileName: 'invoice.pdf', contentBase64: PDF } });
    expect(doc.statusCode, doc.body).toBe(201);
    expectProblem(await ctx.request({ method: 'GET', url: `/api/v1/claims/${claim.id}`, headers: { 'x-api-key': eastKey } }), 403, 'FORBIDDEN');
    expectProblem(await ctx.request({ method: 'GET', url: '/api/v1/claims', headers: { 'x-api-key': eastKey } }), 403, 'FORBIDDEN');
    // A key issued for another branch does not reach this policy.
    expectProblem(await report(undefined, {}, { 'x-api-key': await key(units.west.id) }), 404, 'NOT_FOUND', ['body.policyNo']);
    const audit = await ctx.db.selectFrom('audit_event').select(['actor_name', 'actor_org_unit_id']).where('action', '=', 'claim.reported').where('entity_id', '=', claim.id).executeTakeFirstOrThrow();
    expect(audit).toEqual({ actor_name: 'Hospital direct billing', actor_org_unit_id: units.east.id });
  });
});

describe('fast track', () => {
  it('approves a small complete medical claim at once and instructs payment; the same invoice on another claim is refused by the rules', async () => {
    const invoiceNo = 'INV-FAST-0001';
    const incident = { kind: 'medical', hospital: '浙大一院', diagnosisCode: 'K35.8', invoiceItems: [{ invoiceNo, description: '阑尾炎手术', amountFen: 420_000 }] };
    const claim = await reported(token.csr, { amountClaimedFen: 420_000, incident });
    expect((await upload(token.csr, claim, 'INVOICE')).statusCode).toBe(201);
    const res = await upload(token.csr, claim, 'DISCHARGE');
    expect(res.statusCode, res.body).toBe(201);
    const approved = res.json() as TClaim;
    expect(approved).toMatchObject({ status: 'paying', fastTrack: true, amountApprovedFen: 420_000 });
    expect(approved.fastTrackDecision!.trace.every((r) => r.passed)).toBe(true);
    expect(approved.clocks.find((c) => c.kind === 'payment')).toMatchObject({ state: 'running', rule: { days: 10 } });
    // Decided at once: no decision deadline is left running (it would show on the overdue board).
    expect(approved.clocks.find((c) => c.kind === 'determination')).toMatchObject({ state: 'met', stoppedAt: expect.any(String) });
    expect(approved.events.map((e) => e.type)).toEqual(expect.arrayContaining(['reported', 'document_added', 'fast_track_approve', 'payment_instructed']));
    const outbox = await ctx.db.selectFrom('outbox').select('topic').where('aggregate_id', '=', claim.id).execute();
    expect(outbox.map((o) => o.topic)).toContain('claim.payment_instructed');

    const copy = await reported(token.csr, { amountClaimedFen: 420_000, incident });
    await upload(token.csr, copy, 'INVOICE');
    const blocked = (await upload(token.csr, copy, 'DISCHARGE')).json() as TClaim;
    expect(blocked.status).toBe('reported');
    expect(blocked.fastTrackDecision!.trace.filter((r) => !r.passed).map((r) => r.rule)).toEqual(['invoice_not_claimed']);

    const stats = (await ctx.request({ method: 'GET', url: '/api/v1/claims/stats?from=2026-01-01&to=2099-12-31', token: token.manager })).json() as TClaimStats;
    expect(stats.fastTrackApproved).toBe(1);
    expect(stats.medicalReported).toBeGreaterThanOrEqual(2);
    expect(stats.straightThroughRate).toBeCloseTo(1 / stats.medicalReported, 4);
  });

  it('pays the principal coverage’s reimbursement ratio with its own adjustment line, and leaves a coverage with a deductible to an adjuster', async () => {
    const productWith = (code: string, coverage: { code: string; name: string; deductibleFen?: number; reimbursementPct?: number }) =>
      createProduct(deps, system, { code, name: `医疗 ${code}`, line: 'medical', riskLevel: 'R1', waitingDays: 0, coverages: [coverage, { code: 'EXTRA', name: '特药' }], claimDocuments: [{ code: 'INVOICE', name: '医疗发票', required: true }] });
    const insuredOn = async (productId: string) =>
      (await createPolicy(deps, system, { productId, policyholderId: wang, insuredIds: [wang], sumInsuredFen: 200_000, premiumFen: 9_900, paymentFrequency: 'annual', effectiveOn: '2026-01-01', expiresOn: '2026-12-31', agentId: agent.staff.id })).row.policy_no;
    const ratio = await insuredOn((await productWith('MED-80', { code: 'INPATIENT', name: '住院医疗费用', reimbursementPct: 80 })).id);
    const deductible = await insuredOn((await productWith('MED-DED', { code: 'GENERAL', name: '一般医疗保险金', deductibleFen: 1_000_000 })).id);

    const claim = await reported(token.csr, { policyNo: ratio, amountClaimedFen: 150_001 });
    const paid = (await upload(token.csr, claim, 'INVOICE')).json() as TClaim;
    // 80 % of ¥1,500.01, rounded down to the fen; the rules' line is shown like an adjuster's.
    expect(paid).toMatchObject({ status: 'paying', fastTrack: true, amountApprovedFen: 120_000 });
    expect(paid.adjustment).toEqual([
      expect.objectContaining({ coverageCode: 'INPATIENT', coverageName: '住院医疗费用', claimedFen: 150_001, excludedFen: 0, deductibleFen: 0, ratioPct: 80, limitFen: 200_000, payableFen: 120_000, reason: 'fast_track' }),
    ]);
    const instructed = await ctx.db.selectFrom('outbox').select('payload').where('aggregate_id', '=', claim.id).where('topic', '=', 'claim.payment_instructed').executeTakeFirstOrThrow();
    expect(instructed.payload).toMatchObject({ amountFen: 120_000 });

    // ¥1,500 under a ¥10,000 annual deductible: not for the rules to settle.
    const small = await reported(token.csr, { policyNo: deductible, amountClaimedFen: 150_000 });
    const held = (await upload(token.csr, small, 'INVOICE')).json() as TClaim;
    expect(held).toMatchObject({ status: 'reported', fastTrack: false, amountApprovedFen: null, adjustment: [] });
    expect(held.fastTrackDecision!.trace.filter((r) => !r.passed)).toEqual([
      { rule: 'no_deductible', passed: false, detail: 'GENERAL: deductible ¥10,000.00, pays 100 %', params: { coverage: 'GENERAL', coverageName: '一般医疗保险金', deductibleFen: 1_000_000, reimbursementPct: 100 } },
    ]);
  });

  it('takes a medical claim without an ICD-10 code when it says what was diagnosed (a customer may not know the code); the fast track leaves it to the adjuster', async () => {
    const items = [{ invoiceNo: 'INV-NOCODE-1', description: '住院费用', amountFen: 100_000 }];
    expectProblem(await report(token.csr, { amountClaimedFen: 100_000, incident: { kind: 'medical', hospital: '浙大一院', invoiceItems: items } }), 400, 'VALIDATION_FAILED', ['body.incident.description']);
    const claim = await reported(token.csr, { amountClaimedFen: 100_000, incident: { kind: 'medical', hospital: '浙大一院', description: '急性阑尾炎，住院手术', invoiceItems: items } });
    expect(claim.status).toBe('reported');
    expect(claim.fastTrackDecision!.trace.find((r) => r.rule === 'diagnosis_covered')).toMatchObject({ passed: false, params: { diagnosis: null } });
  });

  it('says when the loss happened inside the product’s waiting period (30 days from the policy’s start)', async () => {
    const inside = await reported(token.csr, { incidentAt: '2026-01-20T02:00:00.000Z' });
    expect(inside.waitingPeriod).toEqual({ days: 30, endsOn: '2026-01-31', incidentWithin: true });
    const after = await reported(token.csr, { incidentAt: '2026-01-31T02:00:00.000Z' });
    expect(after.waitingPeriod).toEqual({ days: 30, endsOn: '2026-01-31', incidentWithin: false });
  });

  it('the queue search finds a claim by its number, its sequence digits, the policy number or the insured’s name', async () => {
    const claim = await reported(token.csr);
    const find = async (q: string) => ((await ctx.request({ method: 'GET', url: `/api/v1/claims?q=${encodeURIComponent(q)}&limit=200`, token: token.adjuster })).json() as TClaimList).items.map((c) => c.id);
    expect(await find(claim.claimNo)).toContain(claim.id);
    expect(await find(String(Number(claim.claimNo.slice(-8))))).toContain(claim.id);
    expect(await find(wangPolicy.row.policy_no)).toContain(claim.id);
    expect(await find('王建')).toContain(claim.id);
    expect(await find('钱芳')).not.toContain(claim.id);
  });

  it('the audit trail names the claim by its number and the customer by their masked name', async () => {
    const claim = await reported(token.csr);
    const res = await ctx.request({ method: 'GET', url: `/api/v1/audit-events?entityType=claim&entityId=${claim.id}`, token: token.admin });
    expect(res.statusCode, res.body).toBe(200);
    const events = (res.json() as { items: { entityLabel?: string | null; customerName?: string | null }[] }).items;
    expect(events.length).toBeGreaterThan(0);
    expect(events.every((e) => e.entityLabel === claim.claimNo && e.customerName === '王**')).toBe(true);
  });

  it('refuses files that are not JPEG, PNG or PDF', async () => {
    const claim = await reported(token.csr);
    expectProblem(await upload(token.csr, claim, 'INVOICE', Buffer.from('MZ not a document').toString('base64')), 400, 'CLAIM_DOCUMENT_INVALID', ['body.contentBase64']);
  });
});

describe('workflow', () => {
  it('register → one complete notice of missing documents (clock paused) → documents → adjust → approve (four eyes, authority) → pay → closed; the customer sees each step', async () => {
    let claim = await reported(token.csr, { amountClaimedFen: 1_500_000 });
    expectProblem(await ctx.request({ method: 'POST', url: `/api/v1/claims/${claim.id}/transitions`, token: token.csr, payload: { action: 'register', reason: '立案', version: claim.version } }), 403, 'FORBIDDEN');
    expectProblem(await ctx.request({ method: 'POST', url: `/api/v1/claims/${claim.id}/transitions`, token: token.adjuster, payload: { action: 'submit_for_approval', reason: '提交', version: claim.version } }), 409, 'CLAIM_INVALID_TRANSITION');
    await ctx.db.updateTable('staff').set({ display_name: '周经理' }).where('username', '=', 'east.manager').execute();
    claim = await act(token.adjuster, claim, 'transitions', { action: 'register', reason: '保单有效，立案' });
    expect(claim.status).toBe('registered');
    expect(claim.clocks.find((c) => c.kind === 'determination')).toMatchObject({ state: 'running', rule: { days: 30, source: expect.stringMatching(/^《保险法》第二十三条/) } });

    // The first notice must list everything missing (Art. 22).
    expectProblem(await ctx.request({ method: 'POST', url: `/api/v1/claims/${claim.id}/document-notices`, token: token.adjuster, payload: { codes: ['INVOICE'], version: claim.version } }), 400, 'CLAIM_NOTICE_INCOMPLETE', ['body.codes']);
    await changeConsent(deps, system, wang, 'granted', { purpose: 'service', channel: 'any', evidence: { kind: 'signed_form', reference: 'F-CLM-1' } });
    claim = await act(token.adjuster, claim, 'document-notices', { codes: ['INVOICE', 'DISCHARGE'] }, 201);
    expect(claim.status).toBe('documents_pending');
    // Not offered while it would be refused; refused with the documents by name.
    expect(claim.nextActions).not.toContain('complete_documents');
    const early = expectProblem(await ctx.request({ method: 'POST', url: `/api/v1/claims/${claim.id}/transitions`, token: token.adjuster, payload: { action: 'complete_documents', reason: '材料齐全', version: claim.version } }), 409, 'CLAIM_INVALID_TRANSITION', ['body.action']);
    expect(early.errors?.[0]).toMatchObject({ rule: 'documents_missing', params: { codes: 'INVOICE, DISCHARGE', names: '医疗发票、出院小结' } });
    // The customer is told which documents, by name, in one message (not a second, vaguer progress message).
    const told = await ctx.db.selectFrom('outbox').select(['topic', 'payload']).where('aggregate_id', '=', claim.id).where('topic', 'like', 'message.%').execute();
    expect(told.filter((m) => m.topic === 'message.claim_documents_requested').map((m) => (m.payload as { documents: string }).documents)).toEqual(['医疗发票、出院小结']);
    expect(told.filter((m) => (m.payload as { step?: string }).step === 'request_documents')).toEqual([]);
    // The development inbox shows that message with its documents (what the customer reads).
    const inbox = (await ctx.request({ method: 'GET', url: `/api/v1/messages/dev-inbox?customerId=${wang}`, token: token.admin })).json() as { items: TOutboxMessage[] };
    const requested = inbox.items.find((m) => m.template === 'claim_documents_requested')!;
    expect(requested.params).toMatchObject({ claimNo: claim.claimNo, documents: '医疗发票、出院小结' });
    expect(requested.texts!['zh-CN']).toBe(`您的理赔案件 ${claim.claimNo} 需要您补充以下材料：医疗发票、出院小结。请在客户门户上传，或交给您的业务员。`);
    expect(claim.clocks.find((c) => c.kind === 'determination')!.state).toBe('paused');
    // A later notice must say why.
    expectProblem(await ctx.request({ method: 'POST', url: `/api/v1/claims/${claim.id}/document-notices`, token: token.adjuster, payload: { codes: ['ID'], version: claim.version } }), 400, 'CLAIM_NOTICE_INCOMPLETE', ['body.lateReason']);

    await upload(token.csr, claim, 'INVOICE');
    const halfway = (await ctx.request({ method: 'GET', url: `/api/v1/claims/${claim.id}/progress`, token: token.csr })).json() as TClaimProgress;
    expect(halfway.next).toEqual({ key: 'customer_documents', dueAt: null });
    const pausedDue = (await ctx.request({ method: 'GET', url: `/api/v1/claims/${claim.id}`, token: token.adjuster })).json() as TClaim;
    expect(pausedDue.clocks.find((c) => c.kind === 'determination')!.state).toBe('paused');
    claim = (await upload(token.csr, claim, 'DISCHARGE')).json() as TClaim;
    // Everything asked for is in: the decision clock runs again from their arrival (the company's
    // review time counts), the history says so, and the customer is told we are reviewing them and by when.
    const determination = claim.clocks.find((c) => c.kind === 'determination')!;
    expect(determination.state).toBe('running');
    expect(((await ctx.request({ method: 'GET', url: `/api/v1/claims/${claim.id}`, token: token.adjuster })).json() as TClaim).nextActions).toContain('complete_documents');
    expect(claim.status).toBe('documents_pending');
    expect(claim.events.filter((e) => e.type === 'documents_received').map((e) => e.facts)).toEqual([{ documentCodes: ['INVOICE', 'DISCHARGE'] }]);
    const allIn = (await ctx.request({ method: 'GET', url: `/api/v1/claims/${claim.id}/progress`, token: token.csr })).json() as TClaimProgress;
    expect(allIn.next).toEqual({ key: 'documents_review', dueAt: determination.dueAt });
    claim = await act(token.adjuster, claim, 'transitions', { action: 'complete_documents', reason: '材料齐全' });
    expect(claim.status).toBe('adjusting');
    expect(claim.clocks.find((c) => c.kind === 'determination')!.state).toBe('running');

    expectProblem(await ctx.request({ method: 'PUT', url: `/api/v1/claims/${claim.id}/adjustment`, token: token.adjuster, payload: { version: claim.version, lines: [{ coverageCode: 'NOPE', description: 'x', claimedFen: 1, reason: '理算' }] } }), 400, 'VALIDATION_FAILED', ['body.lines.0.coverageCode']);
    claim = await act(token.adjuster, claim, 'adjustment', {
      lines: [
        { coverageCode: 'HOSP', description: '住院费用', claimedFen: 1_200_000, excludedFen: 100_000, deductibleFen: 100_000, ratioPct: 90, reason: '扣除自费药品与免赔额，按 90% 赔付' },
        { coverageCode: 'HOSP', description: '门诊费用', claimedFen: 300_000, ratioPct: 100, limitFen: 200_000, reason: '门诊限额 2,000 元' },
      ],
    });
    expect(claim.adjustment.map((l) => [l.coverageName, l.payableFen])).toEqual([
      ['住院医疗', 900_000],
      ['住院医疗', 200_000],
    ]);
    claim = await act(token.adjuster, claim, 'transitions', { action: 'submit_for_approval', reason: '理算完成' });
    // The adjuster is not offered the approval of their own adjustment (they may still send it back).
    expect(claim.nextActions).not.toContain('approve');
    expect(claim.nextActions).toContain('send_back');

    // The adjuster cannot approve their own adjustment; the other adjuster's authority (10,000 CNY) is too small; the manager's is enough.
    expectProblem(await ctx.request({ method: 'POST', url: `/api/v1/claims/${claim.id}/approve`, token: token.adjuster, payload: { reason: '同意', version: claim.version } }), 403, 'CLAIM_SELF_APPROVAL');
    expectProblem(await ctx.request({ method: 'POST', url: `/api/v1/claims/${claim.id}/approve`, token: token.adjuster2, payload: { reason: '同意', version: claim.version } }), 403, 'CLAIM_APPROVAL_AUTHORITY');
    claim = await act(token.manager, claim, 'approve', { reason: '同意赔付' });
    expect(claim).toMatchObject({ status: 'paying', amountApprovedFen: 1_100_000 });
    expect(claim.clocks.find((c) => c.kind === 'determination')!.state).toBe('met');
    expect(claim.clocks.find((c) => c.kind === 'payment')!.state).toBe('running');

    const payment = { payeeName: '王建国', bankAccount: '6222021234567890123' };
    expectProblem(await ctx.request({ method: 'POST', url: `/api/v1/claims/${claim.id}/payments`, token: token.adjuster, payload: { ...payment, kind: 'final', amountFen: 1_000_000, version: claim.version } }), 409, 'CLAIM_PAYMENT_EXCEEDS', ['body.amountFen']);
    claim = await act(token.adjuster, claim, 'payments', { ...payment, kind: 'partial', amountFen: 600_000 }, 201);
    claim = await act(token.adjuster, claim, 'payments', { ...payment, kind: 'final', amountFen: 500_000 }, 201);
    expect(claim).toMatchObject({ status: 'closed', amountPaidFen: 1_100_000 });
    expect(claim.payments.map((p) => [p.kind, p.amountFen])).toEqual([
      ['partial', 600_000],
      ['final', 500_000],
    ]);
    for (const p of claim.payments) expect(p.bankAccountMasked).toMatch(/^\*+0123$/);
    expect(JSON.stringify(claim)).not.toContain('6222021234567890123');
    expect(claim.clocks.find((c) => c.kind === 'payment')!.state).toBe('met');
    // The timeline names people by their display names and says what each step was about.
    const step = (type: string) => claim.events.filter((e) => e.type === type).map((e) => ({ actorName: e.actorName, facts: e.facts }));
    expect(step('reported')).toEqual([{ actorName: 'ea.csr', facts: { channel: 'phone', assigneeName: expect.stringMatching(/^east\.adjuster2?$/) } }]);
    expect(step('document_notice')).toEqual([{ actorName: 'east.adjuster', facts: { documentCodes: ['INVOICE', 'DISCHARGE'] } }]);
    expect(step('document_added').map((e) => e.facts.documentCodes)).toEqual([['INVOICE'], ['DISCHARGE']]);
    expect(step('adjusted')).toEqual([{ actorName: 'east.adjuster', facts: { amountFen: 1_100_000 } }]);
    expect(step('approve')).toEqual([{ actorName: '周经理', facts: { amountFen: 1_100_000 } }]);
    expect([...step('payment'), ...step('final_payment')].map((e) => e.facts)).toEqual([
      { amountFen: 600_000, paymentKind: 'partial' },
      { amountFen: 500_000, paymentKind: 'final' },
    ]);
    expect(JSON.stringify(claim.events)).not.toContain('6222021234567890123');
    const closed = await ctx.db.selectFrom('outbox').select(['topic', 'payload']).where('aggregate_id', '=', claim.id).where('topic', '=', 'claim.closed').executeTakeFirstOrThrow();
    expect(closed.payload).toMatchObject({ requests: ['satisfaction_survey', 'case_closure_visit'] });

    const progress = (await ctx.request({ method: 'GET', url: `/api/v1/claims/${claim.id}/progress`, token: token.csr })).json() as TClaimProgress;
    expect(progress.steps.map((s) => s.key)).toEqual(['reported', 'registered', 'documents_requested', 'documents_received', 'approving', 'approved', 'paid', 'paid', 'closed']);
    expect(progress.steps.filter((s) => s.key === 'paid').map((s) => s.params.amountFen)).toEqual(['600000', '500000']);
    expect(progress.next).toBeNull();
    expect(JSON.stringify(progress)).not.toContain('east.adjuster');

    // 360: the claims section.
    const view = (await ctx.request({ method: 'GET', url: `/api/v1/customers/${wang}/360`, token: token.csr })).json() as TCustomer360;
    const section = view.sections.claims as { items: { id: string }[]; paidFen: number };
    expect(section.items.map((i) => i.id)).toContain(claim.id);
    expect(section.paidFen).toBeGreaterThanOrEqual(1_100_000);
  });

  it('denial: reason and clause; the 3-day notice clock; stale versions are refused', async () => {
    let claim = await reported(token.csr);
    claim = await act(token.adjuster, claim, 'transitions', { action: 'register', reason: '立案' });
    expectProblem(await ctx.request({ method: 'POST', url: `/api/v1/claims/${claim.id}/deny`, token: token.adjuster, payload: { reason: '等待期内出险', clause: '条款第五条', version: claim.version - 1 } }), 409, 'VERSION_CONFLICT');
    claim = await act(token.adjuster, claim, 'deny', { reason: '等待期内出险，不属于保险责任', clause: '条款第五条 等待期' });
    expect(claim).toMatchObject({ status: 'denied', denialClause: '条款第五条 等待期' });
    expect(claim.clocks.find((c) => c.kind === 'denial_notice')).toMatchObject({ state: 'running', rule: { days: 3 } });
    const progressOf = async () => (await ctx.request({ method: 'GET', url: `/api/v1/claims/${claim.id}/progress`, token: token.csr })).json() as TClaimProgress;
    // Until the notice is recorded the customer is told it is coming, not that it was sent.
    expect(claim.nextActions).toContain('denial_notice');
    expect((await progressOf()).next).toMatchObject({ key: 'denial_notice', dueAt: expect.any(String) });
    claim = await act(token.adjuster, claim, 'denial-notice', { sentVia: 'letter' });
    expect(claim.nextActions).not.toContain('denial_notice');
    expectProblem(await ctx.request({ method: 'POST', url: `/api/v1/claims/${claim.id}/denial-notice`, token: token.adjuster, payload: { sentVia: 'sms', version: claim.version } }), 409, 'CLAIM_INVALID_TRANSITION', ['body']);
    const afterNotice = await progressOf();
    expect(afterNotice.steps.slice(-2)).toEqual([
      { key: 'denied', at: expect.any(String), params: {} },
      { key: 'denial_notice_sent', at: expect.any(String), params: { via: 'letter' } },
    ]);
    expect(afterNotice.next).toBeNull();
    expect(claim.events.filter((e) => e.type === 'deny' || e.type === 'denial_notice').map((e) => [e.type, e.facts])).toEqual([
      ['deny', { clause: '条款第五条 等待期' }],
      ['denial_notice', { sentVia: 'letter' }],
    ]);
    expect(claim.clocks.find((c) => c.kind === 'denial_notice')!.state).toBe('met');
    claim = await act(token.adjuster, claim, 'transitions', { action: 'reopen', reason: '客户补充新证据' });
    expect(claim.status).toBe('reopened');
  });
});

describe('clocks and the overdue board', () => {
  it('a determination clock past its deadline is recorded as breached once, and shows on the managers’ board', async () => {
    let claim = await reported(token.csr);
    claim = await act(token.adjuster, claim, 'transitions', { action: 'register', reason: '立案' });
    // 27 days later the clock warns; 31 days later it is breached.
    const board = async () => (await ctx.request({ method: 'GET', url: '/api/v1/claims/overdue', token: token.manager })).json() as TOverdueBoard;
    await ctx.db.updateTable('claim_clock').set({ due_at: new Date(Date.now() + 2 * 86_400_000) }).where('claim_id', '=', claim.id).execute();
    expect((await board()).items.find((i) => i.id === claim.id)).toMatchObject({ warning: true, breached: false });
    await ctx.db.updateTable('claim_clock').set({ due_at: new Date(Date.now() - 86_400_000) }).where('claim_id', '=', claim.id).execute();
    const after = await board();
    expect(after.items.find((i) => i.id === claim.id)).toMatchObject({ breached: true });
    expect(after.counts.breached).toBeGreaterThanOrEqual(1);
    expect(await sweepClaimClocks(deps)).toBe(0); // the board's sweep already marked it, once
    const events = await ctx.db.selectFrom('claim_event').select('type').where('claim_id', '=', claim.id).where('type', '=', 'clock_breached').execute();
    expect(events).toHaveLength(1);
    // Outside the scope: the west CSR's board does not show it.
    expectProblem(await ctx.request({ method: 'GET', url: `/api/v1/claims/${claim.id}`, token: token.westCsr }), 404, 'NOT_FOUND');
  });
});

describe('GET /api/v1/claims/:id/assignees', () => {
  it('lists the active adjusters of the claim’s unit or above with their open claims; assigning moves the workload', async () => {
    const claim = await reported(token.csr);
    expectProblem(await ctx.request({ method: 'GET', url: `/api/v1/claims/${claim.id}/assignees`, token: token.csr }), 403, 'FORBIDDEN');
    const list = async () => {
      const res = await ctx.request({ method: 'GET', url: `/api/v1/claims/${claim.id}/assignees`, token: token.adjuster });
      expect(res.statusCode, res.body).toBe(200);
      return (res.json() as { items: { id: string; unitName: string; openClaims: number }[] }).items;
    };
    const before = await list();
    expect(before.map((a) => a.id).sort()).toEqual([adjA.staff.id, adjB.staff.id].sort());
    for (const a of before) {
      const open = await ctx.db.selectFrom('claim').select('id').where('assignee_id', '=', a.id).where('status', 'not in', ['closed', 'denied', 'withdrawn']).execute();
      expect(a.openClaims).toBe(open.length);
    }
    const other = before.find((a) => a.id !== claim.assignee!.id)!;
    await act(token.adjuster, claim, 'assign', { assigneeId: other.id });
    const after = await list();
    expect(after.find((a) => a.id === other.id)!.openClaims).toBe(other.openClaims + 1);
  });
});
