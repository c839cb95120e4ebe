import type { TPolicy, TPolicyList } from '@anxin/contracts';
import { describe, expect, it } from 'vitest';
import { cipherFor } from '../../app.ts';
import { createTestContext } from '../../test/context.ts';
import { loginAs, seedOrg, seedStaff } from '../../test/factories.ts';
import { expectProblem } from '../../test/problems.ts';
import { createCustomer } from '../customers/index.ts';
import { createProduct } from '../products/index.ts';
import { loadPoliciesSection, policyNumberLookup } from './policies-section.ts';

// Route tests: each route walks 401 → 400 → 403 → 404 → success, then its business rules.
const ctx = await createTestContext();
const deps = { db: ctx.db, cipher: cipherFor(ctx.config) };
const org = await seedOrg(ctx.db);
const { units, system } = org;

const admin = await seedStaff(ctx.db, org, units.hq.id, 'hq.admin', ['admin']);
await seedStaff(ctx.db, org, units.eastA.id, 'ea.csr', ['csr']);
await seedStaff(ctx.db, org, units.westA.id, 'wa.csr', ['csr']);
await seedStaff(ctx.db, org, units.hq.id, 'hq.analyst', ['analyst']);
const zhang = await seedStaff(ctx.db, org, units.eastA.id, 'zhang.agent', ['agent']);
const li = await seedStaff(ctx.db, org, units.eastA.id, 'li.agent', ['agent']);
const westAgent = await seedStaff(ctx.db, org, units.westA.id, 'west.agent', ['agent']);
const unlicensed = await seedStaff(ctx.db, org, units.eastA.id, 'ea.csr2', ['csr']);
const token = {
  admin: await loginAs(ctx.app, 'hq.admin'),
  csr: await loginAs(ctx.app, 'ea.csr'),
  westCsr: await loginAs(ctx.app, 'wa.csr'),
  analyst: await loginAs(ctx.app, 'hq.analyst'),
  zhang: await loginAs(ctx.app, 'zhang.agent'),
};

const person = async (name: string, unitId: string, ownerAgentId: string) => (await createCustomer(deps, system, { name, orgUnitId: unitId, ownerAgentId })).id;
const husband = await person('王建国', units.eastA.id, zhang.staff.id);
const wife = await person('李秀英', units.eastA.id, zhang.staff.id);
const child = await person('王小明', units.eastA.id, zhang.staff.id);
const liCustomer = await person('赵敏', units.eastA.id, li.staff.id);
const westCustomer = await person('陈刚', units.westA.id, westAgent.staff.id);

const product = async (code: string, line: 'critical_illness' | 'motor_compulsory' | 'medical' | 'accident' | 'life', active = true) => {
  const row = await createProduct(deps, system, { code, name: code, line, riskLevel: 'R2', coverages: [{ code: 'MAIN', name: '主责任' }] });
  if (!active) await ctx.db.updateTable('product').set({ active: false }).where('id', '=', row.id).execute();
  return row.id;
};
const ci = await product('CI-A', 'critical_illness');
const motor = await product('MOTOR-A', 'motor_compulsory');
const medical = await product('MED-A', 'medical');
const accident = await product('ACC-A', 'accident');
const life = await product('LIFE-A', 'life');
const retired = await product('OLD-A', 'life', false);

const UNKNOWN_ID = '01960000-0000-7000-8000-000000000000';

const validPolicy = (overrides: Record<string, unknown> = {}) => ({
  productId: ci,
  policyholderId: husband,
  insuredIds: [husband],
  beneficiaries: [
    { customerId: wife, sharePct: 60 },
    { customerId: child, sharePct: 40 },
  ],
  sumInsuredFen: 50_000_000,
  premiumFen: 800_000,
  paymentFrequency: 'annual',
  effectiveOn: '2026-03-01',
  expiresOn: '2046-03-01',
  agentId: zhang.staff.id,
  ...overrides,
});
const post = (t: string | undefined, payload: object, headers: Record<string, string> = {}) => ctx.request({ method: 'POST', url: '/api/v1/policies', token: t, payload, headers });
const get = (t: string | undefined, url: string) => ctx.request({ method: 'GET', url, token: t });
const created = async (t: string, payload: object) => {
  const res = await post(t, payload);
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as TPolicy;
};
/** Posts an endorsement at the policy's current version unless the payload names one (or is empty). */
const endorse = async (t: string | undefined, id: string, payload: object) => {
  const version = (await ctx.db.selectFrom('policy').select('version').where('id', '=', id).executeTakeFirst())?.version;
  const body = Object.keys(payload).length === 0 || 'version' in payload ? payload : { ...payload, version };
  return ctx.request({ method: 'POST', url: `/api/v1/policies/${id}/endorsements`, token: t, payload: body });
};
const changeStatus = (t: string | undefined, id: string, payload: object) => ctx.request({ method: 'POST', url: `/api/v1/policies/${id}/status`, token: t, payload });

let first: TPolicy;

describe('POST /api/v1/policies', () => {
  it('401 without credentials', async () => {
    expectProblem(await post(undefined, validPolicy()), 401, 'UNAUTHENTICATED');
  });

  it('400 names every invalid field', async () => {
    const res = await post(token.csr, validPolicy({ productId: 'x', insuredIds: [], sumInsuredFen: -1, paymentFrequency: 'weekly', effectiveOn: '2026-13-01' }));
    expectProblem(res, 400, 'VALIDATION_FAILED', ['body.productId', 'body.insuredIds', 'body.sumInsuredFen', 'body.paymentFrequency', 'body.effectiveOn']);
    expectProblem(await post(token.csr, validPolicy({ beneficiaries: [{ customerId: wife, sharePct: 0 }] })), 400, 'VALIDATION_FAILED', ['body.beneficiaries.0.sharePct']);
  });

  it('400 POLICY_INVALID_DATES when the expiry is not after the effective date', async () => {
    const problem = expectProblem(await post(token.csr, validPolicy({ expiresOn: '2026-03-01' })), 400, 'POLICY_INVALID_DATES', ['body.expiresOn']);
    expect(problem.errors![0]!.message).toBe('must be after the effective date 2026-03-01');
  });

  it('400 POLICY_BENEFICIARY_SHARES unless the shares total exactly 100', async () => {
    const problem = expectProblem(
      await post(token.csr, validPolicy({ beneficiaries: [{ customerId: wife, sharePct: 50 }, { customerId: child, sharePct: 49 }] })),
      400,
      'POLICY_BENEFICIARY_SHARES',
      ['body.beneficiaries'],
    );
    expect(problem.errors![0]!.message).toBe('shares total 99%, must be 100%');
  });

  it('403 for a role without policy:write, and a pure agent entering another agent’s sale', async () => {
    expectProblem(await post(token.analyst, validPolicy()), 403, 'FORBIDDEN');
    expectProblem(await post(token.zhang, validPolicy({ agentId: li.staff.id })), 403, 'FORBIDDEN', ['body.agentId']);
  });

  it('404 for an unknown product, or customers and agents outside the caller’s scope', async () => {
    expectProblem(await post(token.csr, validPolicy({ productId: UNKNOWN_ID })), 404, 'NOT_FOUND', ['body.productId']);
    expectProblem(await post(token.csr, validPolicy({ policyholderId: westCustomer })), 404, 'NOT_FOUND', ['body.policyholderId']);
    expectProblem(await post(token.csr, validPolicy({ insuredIds: [husband, UNKNOWN_ID] })), 404, 'NOT_FOUND', ['body.insuredIds.1']);
    expectProblem(await post(token.csr, validPolicy({ agentId: westAgent.staff.id })), 404, 'NOT_FOUND', ['body.agentId']);
    // A pure agent sees only its own customers.
    expectProblem(await post(token.zhang, validPolicy({ policyholderId: liCustomer, insuredIds: [liCustomer], beneficiaries: [] })), 404, 'NOT_FOUND', ['body.policyholderId']);
  });

  it('409 PRODUCT_INACTIVE for a product no longer sold', async () => {
    expectProblem(await post(token.csr, validPolicy({ productId: retired })), 409, 'PRODUCT_INACTIVE', ['body.productId']);
  });

  it('400 STAFF_LICENCE_REQUIRED for an agent without a licence valid on the effective date', async () => {
    const none = expectProblem(await post(token.csr, validPolicy({ agentId: unlicensed.staff.id })), 400, 'STAFF_LICENCE_REQUIRED', ['body.agentId']);
    expect(none.errors![0]!.message).toBe('holds no practising licence');
    const early = expectProblem(await post(token.csr, validPolicy({ effectiveOn: '2024-12-31' })), 400, 'STAFF_LICENCE_REQUIRED', ['body.agentId']);
    expect(early.errors![0]!.message).toBe('practising licence LIC-zhang.agent is valid 2025-01-01 – 2030-12-31, not on 2024-12-31');
  });

  it('400 on a bank account without auto-debit', async () => {
    expectProblem(await post(token.csr, validPolicy({ paymentMethod: 'cash', bankAccount: '6222021234567890123' })), 400, 'VALIDATION_FAILED', ['body.bankAccount']);
  });

  it('201: generates the number, stores the cooling-off end, the parties, masks the bank account, audits', async () => {
    first = await created(token.csr, validPolicy({ paymentMethod: 'auto_debit', bankAccount: '6222021234567890123' }));
    expect(first.policyNo).toMatch(/^P20\d{2}\d{10}$/);
    expect(first).toMatchObject({
      product: { id: ci, code: 'CI-A', line: 'critical_illness' },
      policyholder: { id: husband, name: '王建国' },
      status: 'in_force',
      sumInsuredFen: 50_000_000,
      premiumFen: 800_000,
      paymentFrequency: 'annual',
      effectiveOn: '2026-03-01',
      expiresOn: '2046-03-01',
      coolingOffEndsOn: '2026-03-16',
      agent: { id: zhang.staff.id, name: 'zhang.agent' },
      orgUnit: { id: units.eastA.id },
      renewalOfId: null,
      renewedById: null,
      paymentMethod: 'auto_debit',
      bankAccountMasked: '***************0123',
      coverages: [{ code: 'MAIN', name: '主责任' }],
      endorsements: [],
      version: 1,
    });
    expect(first.parties).toEqual([
      { customerId: husband, name: '王建国', role: 'applicant', sharePct: null },
      { customerId: husband, name: '王建国', role: 'insured', sharePct: null },
      { customerId: wife, name: '李秀英', role: 'beneficiary', sharePct: 60 },
      { customerId: child, name: '王小明', role: 'beneficiary', sharePct: 40 },
    ]);
    const row = await ctx.db.selectFrom('policy').select(['customer_id', 'bank_account_enc']).where('id', '=', first.id).executeTakeFirstOrThrow();
    expect(row.customer_id).toBe(husband);
    expect(row.bank_account_enc).not.toContain('6222021234567890123');
    expect(deps.cipher.decrypt(row.bank_account_enc!)).toBe('6222021234567890123');
    const audit = await ctx.db.selectFrom('audit_event').select(['customer_id', 'data']).where('action', '=', 'policy.created').where('entity_id', '=', first.id).executeTakeFirstOrThrow();
    expect(audit.customer_id).toBe(husband);
    expect(JSON.stringify(audit.data)).not.toContain('6222021234567890123');
  });

  it('takes a supplied policy number (imports) once; a second use is 409 DUPLICATE', async () => {
    const motorPolicy = await created(token.csr, validPolicy({ policyNo: 'jq-2026-0001', productId: motor, beneficiaries: [], sumInsuredFen: 20_000_000, premiumFen: 95_000, paymentFrequency: 'single', effectiveOn: '2026-02-01', expiresOn: '2027-02-01' }));
    expect(motorPolicy.policyNo).toBe('JQ-2026-0001');
    expect(motorPolicy.coolingOffEndsOn).toBe('2026-02-01');
    expectProblem(await post(token.csr, validPolicy({ policyNo: 'JQ-2026-0001' })), 409, 'DUPLICATE', ['body.policyNo']);
  });

  it('replays a create with the same Idempotency-Key instead of entering it twice', async () => {
    const payload = validPolicy({ productId: accident, beneficiaries: [], premiumFen: 12_000, paymentFrequency: 'single', effectiveOn: '2026-04-01', expiresOn: '2027-04-01', sumInsuredFen: 100_000_000 });
    const a = await post(token.csr, payload, { 'idempotency-key': 'acc-2026-04-01' });
    const b = await post(token.csr, payload, { 'idempotency-key': 'acc-2026-04-01' });
    expect(a.statusCode).toBe(201);
    expect(b.statusCode).toBe(201);
    expect((b.json() as TPolicy).id).toBe((a.json() as TPolicy).id);
    const count = await ctx.db.selectFrom('policy').select((eb) => eb.fn.countAll<number>().as('n')).where('product_id', '=', accident).executeTakeFirstOrThrow();
    expect(Number(count.n)).toBe(1);
  });
});

describe('GET /api/v1/policies/:id and data scope', () => {
  let liSale: TPolicy;
  let liSaleForZhangsCustomer: TPolicy;

  it('401 → 400 → 403-free read → 404 unknown / other branch → 200', async () => {
    expectProblem(await get(undefined, `/api/v1/policies/${first.id}`), 401, 'UNAUTHENTICATED');
    expectProblem(await get(token.csr, '/api/v1/policies/nope'), 400, 'VALIDATION_FAILED', ['params.id']);
    expectProblem(await get(token.csr, `/api/v1/policies/${UNKNOWN_ID}`), 404, 'NOT_FOUND');
    expectProblem(await get(token.westCsr, `/api/v1/policies/${first.id}`), 404, 'NOT_FOUND');
    const res = await get(token.analyst, `/api/v1/policies/${first.id}`);
    expect(res.statusCode, res.body).toBe(200);
    expect((res.json() as TPolicy).policyNo).toBe(first.policyNo);
  });

  it('a pure agent sees the policies it sold and those of the customers it owns, nothing else', async () => {
    liSale = await created(token.csr, validPolicy({ productId: life, policyholderId: liCustomer, insuredIds: [liCustomer], beneficiaries: [], agentId: li.staff.id }));
    liSaleForZhangsCustomer = await created(token.csr, validPolicy({ productId: life, policyholderId: wife, insuredIds: [wife], beneficiaries: [], agentId: li.staff.id }));
    expectProblem(await get(token.zhang, `/api/v1/policies/${liSale.id}`), 404, 'NOT_FOUND');
    expect((await get(token.zhang, `/api/v1/policies/${liSaleForZhangsCustomer.id}`)).statusCode).toBe(200);
    expect((await get(token.zhang, `/api/v1/policies/${first.id}`)).statusCode).toBe(200);
    const list = (await get(token.zhang, '/api/v1/policies?limit=200')).json() as TPolicyList;
    expect(list.items.map((p) => p.id)).not.toContain(liSale.id);
    expect(list.items.map((p) => p.id)).toContain(liSaleForZhangsCustomer.id);
    const west = (await get(token.westCsr, '/api/v1/policies')).json() as TPolicyList;
    expect(west.items).toEqual([]);
  });
});

describe('GET /api/v1/policies (filters and keyset pages)', () => {
  it('401, 400 on a bad filter or cursor, 403 for roles without policy:read', async () => {
    expectProblem(await get(undefined, '/api/v1/policies'), 401, 'UNAUTHENTICATED');
    expectProblem(await get(token.csr, '/api/v1/policies?status=alive&limit=0'), 400, 'VALIDATION_FAILED', ['querystring.status', 'querystring.limit']);
    expectProblem(await get(token.csr, '/api/v1/policies?cursor=abc'), 400, 'VALIDATION_FAILED', ['querystring.cursor']);
  });

  it('filters by status, line, product, customer in any role, agent, unit and expiry', async () => {
    const ids = async (query: string) => ((await get(token.admin, `/api/v1/policies?limit=200&${query}`)).json() as TPolicyList).items.map((p) => p.policyNo);
    expect(await ids(`line=motor_compulsory`)).toEqual(['JQ-2026-0001']);
    expect(await ids(`productId=${motor}`)).toEqual(['JQ-2026-0001']);
    // The child is a beneficiary of the first policy only.
    expect(await ids(`customerId=${child}`)).toEqual([first.policyNo]);
    expect((await ids(`agentId=${li.staff.id}`)).length).toBe(2);
    expect((await ids(`orgUnitId=${units.westA.id}`)).length).toBe(0);
    expect(await ids(`expiringBefore=2027-02-01&sort=expiresOn`)).toEqual(['JQ-2026-0001']);
    expect(await ids('q=jq-2026')).toEqual(['JQ-2026-0001']);
    expect((await ids('status=lapsed')).length).toBe(0);
  });

  it('walks keyset pages without gaps or repeats, in every sort order', async () => {
    for (let i = 0; i < 5; i++) {
      await created(token.csr, validPolicy({ productId: medical, beneficiaries: [], premiumFen: 10_000 + i, paymentFrequency: 'monthly', effectiveOn: `2026-0${i + 1}-15`, expiresOn: `2027-0${i + 1}-14` }));
    }
    for (const sort of ['-createdAt', 'createdAt', '-effectiveOn', 'effectiveOn', 'expiresOn']) {
      const all = ((await get(token.admin, `/api/v1/policies?limit=200&sort=${sort}`)).json() as TPolicyList).items.map((p) => p.id);
      expect(all.length).toBe(10);
      const walked: string[] = [];
      let cursor: string | null = null;
      do {
        const page = (await get(token.admin, `/api/v1/policies?limit=3&sort=${sort}${cursor ? `&cursor=${cursor}` : ''}`)).json() as TPolicyList;
        walked.push(...page.items.map((p) => p.id));
        cursor = page.nextCursor;
      } while (cursor);
      expect(walked).toEqual(all);
    }
    const byEffective = ((await get(token.admin, '/api/v1/policies?limit=200&sort=effectiveOn')).json() as TPolicyList).items.map((p) => p.effectiveOn);
    expect(byEffective).toEqual([...byEffective].sort());
  });
});

describe('PATCH /api/v1/policies/:id', () => {
  it('401 → 400 → 403 → 404 → 200 → 409 version conflict', async () => {
    const url = `/api/v1/policies/${first.id}`;
    expectProblem(await ctx.request({ method: 'PATCH', url, payload: { version: 1 } }), 401, 'UNAUTHENTICATED');
    expectProblem(await ctx.request({ method: 'PATCH', url, token: token.csr, payload: { premiumFen: 1 } }), 400, 'VALIDATION_FAILED', ['body.version']);
    expectProblem(await ctx.request({ method: 'PATCH', url, token: token.analyst, payload: { version: 1, premiumFen: 1 } }), 403, 'FORBIDDEN');
    expectProblem(await ctx.request({ method: 'PATCH', url, token: token.westCsr, payload: { version: 1, premiumFen: 1 } }), 404, 'NOT_FOUND');
    expectProblem(await ctx.request({ method: 'PATCH', url, token: token.csr, payload: { version: 1, expiresOn: '2026-02-01' } }), 400, 'POLICY_INVALID_DATES', ['body.expiresOn']);
    const res = await ctx.request({ method: 'PATCH', url, token: token.csr, payload: { version: 1, premiumFen: 820_000, sumInsuredFen: 60_000_000 } });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ premiumFen: 820_000, sumInsuredFen: 60_000_000, version: 2 });
    expectProblem(await ctx.request({ method: 'PATCH', url, token: token.csr, payload: { version: 1, premiumFen: 1 } }), 409, 'VERSION_CONFLICT');
  });
});

describe('POST /api/v1/policies/:id/status', () => {
  let policy: TPolicy;
  it('401 → 400 → 403 → 404, then lapse, reinstate, refuse invalid moves', async () => {
    policy = await created(token.csr, validPolicy({ productId: life, beneficiaries: [], effectiveOn: '2025-06-01', expiresOn: '2045-06-01' }));
    const url = (id: string) => `/api/v1/policies/${id}/status`;
    expectProblem(await ctx.request({ method: 'POST', url: url(policy.id), payload: {} }), 401, 'UNAUTHENTICATED');
    expectProblem(await changeStatus(token.csr, policy.id, { version: 1, status: 'gone' }), 400, 'VALIDATION_FAILED', ['body.status', 'body.reason']);
    expectProblem(await changeStatus(token.analyst, policy.id, { version: 1, status: 'lapsed', reason: '未缴费' }), 403, 'FORBIDDEN');
    expectProblem(await changeStatus(token.westCsr, policy.id, { version: 1, status: 'lapsed', reason: '未缴费' }), 404, 'NOT_FOUND');
    const lapsed = await changeStatus(token.csr, policy.id, { version: 1, status: 'lapsed', reason: '宽限期满未缴费', effectiveOn: '2026-08-01' });
    expect(lapsed.statusCode, lapsed.body).toBe(200);
    expect(lapsed.json()).toMatchObject({ status: 'lapsed', statusReason: '宽限期满未缴费', version: 2 });
    expectProblem(await changeStatus(token.csr, policy.id, { version: 2, status: 'cancelled', reason: '撤销' }), 409, 'POLICY_INVALID_STATUS_CHANGE', ['body.status']);
    expectProblem(await changeStatus(token.csr, policy.id, { version: 2, status: 'surrendered', reason: '退保' }), 409, 'POLICY_INVALID_STATUS_CHANGE', ['body.status']);
    const back = await changeStatus(token.csr, policy.id, { version: 2, status: 'in_force', reason: '补缴保费复效', effectiveOn: '2026-09-01' });
    expect(back.json()).toMatchObject({ status: 'in_force', version: 3 });
    expectProblem(await changeStatus(token.csr, policy.id, { version: 2, status: 'lapsed', reason: 'x1' }), 409, 'VERSION_CONFLICT');
    // Cooling-off ended on 2025-06-16: cancelling now is a surrender, not a cancellation.
    const late = expectProblem(await changeStatus(token.csr, policy.id, { version: 3, status: 'cancelled', reason: '撤单', effectiveOn: '2026-09-02' }), 409, 'POLICY_INVALID_STATUS_CHANGE');
    expect(late.errors![0]).toMatchObject({ message: 'the cooling-off period ended on 2025-06-16; record a surrender instead', rule: 'cooling_off_ended', params: { date: '2025-06-16' } });
    const audit = await ctx.db.selectFrom('audit_event').select('data').where('action', '=', 'policy.updated').where('entity_id', '=', policy.id).orderBy('seq').execute();
    expect(audit.map((a) => (a.data as { status?: unknown }).status)).toEqual([{ from: 'in_force', to: 'lapsed' }, { from: 'lapsed', to: 'in_force' }]);
  });

  it('cancels within the cooling-off period; a cancelled policy is final', async () => {
    const fresh = await created(token.csr, validPolicy({ productId: life, beneficiaries: [], effectiveOn: '2026-05-01', expiresOn: '2046-05-01' }));
    const res = await changeStatus(token.csr, fresh.id, { version: 1, status: 'cancelled', reason: '犹豫期内撤单', effectiveOn: '2026-05-16' });
    expect(res.json()).toMatchObject({ status: 'cancelled' });
    const final = expectProblem(await changeStatus(token.csr, fresh.id, { version: 2, status: 'in_force', reason: '恢复' }), 409, 'POLICY_INVALID_STATUS_CHANGE');
    expect(final.errors![0]).toMatchObject({ field: 'body.status', rule: 'status_final', params: { policyStatus: 'cancelled' } });
    expectProblem(await ctx.request({ method: 'PATCH', url: `/api/v1/policies/${fresh.id}`, token: token.csr, payload: { version: 2, premiumFen: 1 } }), 409, 'POLICY_INVALID_STATUS_CHANGE');
  });
});

describe('POST /api/v1/policies/:id/endorsements', () => {
  it('401 → 400 → 403 → 404', async () => {
    expectProblem(await endorse(undefined, first.id, {}), 401, 'UNAUTHENTICATED');
    expectProblem(await endorse(token.csr, first.id, { type: 'teleport', effectiveOn: '2026-05-01', reason: '测试' }), 400, 'VALIDATION_FAILED');
    expectProblem(await endorse(token.csr, first.id, { type: 'surrender', effectiveOn: '2026-05-01', reason: '退保' }), 400, 'VALIDATION_FAILED', ['body.surrenderValueFen']);
    expectProblem(await endorse(token.analyst, first.id, { type: 'other', effectiveOn: '2026-05-01', reason: '测试', description: '补充告知' }), 403, 'FORBIDDEN');
    expectProblem(await endorse(token.westCsr, first.id, { type: 'other', effectiveOn: '2026-05-01', reason: '测试', description: '补充告知' }), 404, 'NOT_FOUND');
  });

  it('needs the version the caller read: missing → 400, stale → 409, and nothing is recorded', async () => {
    const before = (await ctx.db.selectFrom('policy').select('version').where('id', '=', first.id).executeTakeFirstOrThrow()).version;
    const base = { type: 'other', effectiveOn: '2026-05-01', reason: '测试', description: '补充告知' };
    const { version: _v, ...withoutVersion } = { ...base, version: 0 };
    expectProblem(await ctx.request({ method: 'POST', url: `/api/v1/policies/${first.id}/endorsements`, token: token.csr, payload: withoutVersion }), 400, 'VALIDATION_FAILED', ['body.version']);
    expectProblem(await endorse(token.csr, first.id, { ...base, version: before + 5 }), 409, 'VERSION_CONFLICT');
    expect(await ctx.db.selectFrom('endorsement').select('id').where('policy_id', '=', first.id).execute()).toEqual([]);
  });

  it('records an address change: the policyholder gets the address as a contact; the endorsement keeps it encrypted, shown masked, never audited', async () => {
    const res = await endorse(token.csr, first.id, { type: 'address_change', effectiveOn: '2026-05-01', reason: '客户搬家', newAddress: '浙江省杭州市西湖区文三路100号2幢301室' });
    expect(res.statusCode, res.body).toBe(201);
    const policy = res.json() as TPolicy;
    expect(policy.endorsements).toEqual([
      expect.objectContaining({ type: 'address_change', effectiveOn: '2026-05-01', reason: '客户搬家', summary: 'Correspondence address changed to 浙江省杭州市西湖区****', change: { type: 'address_change', addressMasked: '浙江省杭州市西湖区****' }, surrenderValueFen: null, createdBy: { id: expect.any(String), name: 'ea.csr' } }),
    ]);
    const audit = await ctx.db.selectFrom('audit_event').select(['data', 'customer_id']).where('action', '=', 'policy.endorsed').where('entity_id', '=', first.id).executeTakeFirstOrThrow();
    expect(audit.customer_id).toBe(husband);
    expect(JSON.stringify(audit.data)).not.toContain('文三路');
    const stored = await ctx.db.selectFrom('endorsement').select('details').where('policy_id', '=', first.id).executeTakeFirstOrThrow();
    expect(JSON.stringify(stored.details)).not.toContain('文三路');
    const contacts = await ctx.db.selectFrom('contact_point').select(['channel', 'value', 'label']).where('customer_id', '=', husband).where('channel', '=', 'address').execute();
    expect(contacts).toContainEqual({ channel: 'address', value: '浙江省杭州市西湖区文三路100号2幢301室', label: first.policyNo });
  });

  it('a beneficiary change re-validates the shares and replaces the beneficiaries', async () => {
    expectProblem(
      await endorse(token.csr, first.id, { type: 'beneficiary_change', effectiveOn: '2026-05-02', reason: '变更受益人', beneficiaries: [{ customerId: wife, sharePct: 70 }, { customerId: child, sharePct: 20 }] }),
      400,
      'POLICY_BENEFICIARY_SHARES',
      ['body.beneficiaries'],
    );
    expectProblem(
      await endorse(token.csr, first.id, { type: 'beneficiary_change', effectiveOn: '2026-05-02', reason: '变更受益人', beneficiaries: [{ customerId: westCustomer, sharePct: 100 }] }),
      404,
      'NOT_FOUND',
      ['body.beneficiaries.0.customerId'],
    );
    const res = await endorse(token.csr, first.id, { type: 'beneficiary_change', effectiveOn: '2026-05-02', reason: '变更受益人', beneficiaries: [{ customerId: child, sharePct: 100 }] });
    const policy = res.json() as TPolicy;
    expect(policy.parties.filter((p) => p.role === 'beneficiary')).toEqual([{ customerId: child, name: '王小明', role: 'beneficiary', sharePct: 100 }]);
    expect(policy.endorsements.at(-1)!.summary).toBe('Beneficiaries: 李秀英 60%, 王小明 40% → 王小明 100%');
    expect(policy.endorsements.at(-1)!.change).toEqual({ type: 'beneficiary_change', before: [{ name: '李秀英', sharePct: 60 }, { name: '王小明', sharePct: 40 }], after: [{ name: '王小明', sharePct: 100 }] });
  });

  it('a payment-method change stores the account encrypted and shows it masked', async () => {
    const res = await endorse(token.csr, first.id, { type: 'payment_method_change', effectiveOn: '2026-05-03', reason: '改为银行代扣', paymentMethod: 'auto_debit', bankAccount: '6228480012345678' });
    const policy = res.json() as TPolicy;
    expect(policy).toMatchObject({ paymentMethod: 'auto_debit', bankAccountMasked: '************5678' });
    expect(policy.endorsements.at(-1)!.summary).toBe('Payment method: auto_debit → auto_debit (account ************5678)');
    expect(policy.endorsements.at(-1)!.change).toEqual({ type: 'payment_method_change', from: 'auto_debit', to: 'auto_debit', bankAccountMasked: '************5678' });
    expect(res.body).not.toContain('6228480012345678');
  });

  it('a surrender ends the policy with its surrender value; a surrendered policy takes no more endorsements', async () => {
    const res = await endorse(token.csr, first.id, { type: 'surrender', effectiveOn: '2026-06-01', reason: '客户资金需求', surrenderValueFen: 123_456 });
    expect(res.statusCode, res.body).toBe(201);
    const policy = res.json() as TPolicy;
    expect(policy).toMatchObject({ status: 'surrendered', surrenderValueFen: 123_456, statusReason: '客户资金需求' });
    expect(policy.endorsements.map((e) => e.type)).toEqual(['address_change', 'beneficiary_change', 'payment_method_change', 'surrender']);
    expect(policy.endorsements.at(-1)).toMatchObject({ surrenderValueFen: 123_456, summary: 'Surrendered on 2026-06-01; surrender value ¥1,234.56', change: { type: 'surrender', surrenderValueFen: 123_456 } });
    expectProblem(await endorse(token.csr, first.id, { type: 'other', effectiveOn: '2026-06-02', reason: '补充', description: '补充告知' }), 409, 'POLICY_INVALID_STATUS_CHANGE');
  });
});

describe('renewals', () => {
  it('links the renewal, expires the renewed policy, and renews a policy only once', async () => {
    const year1 = await created(token.csr, validPolicy({ productId: motor, beneficiaries: [], premiumFen: 95_000, paymentFrequency: 'single', effectiveOn: '2025-03-01', expiresOn: '2026-03-01' }));
    expectProblem(await post(token.csr, validPolicy({ productId: motor, policyholderId: wife, insuredIds: [wife], beneficiaries: [], effectiveOn: '2026-03-01', expiresOn: '2027-03-01', renewalOfId: year1.id })), 400, 'VALIDATION_FAILED', ['body.renewalOfId']);
    expectProblem(await post(token.csr, validPolicy({ renewalOfId: UNKNOWN_ID })), 404, 'NOT_FOUND', ['body.renewalOfId']);
    const year2 = await created(token.csr, validPolicy({ productId: motor, beneficiaries: [], premiumFen: 98_000, paymentFrequency: 'single', effectiveOn: '2026-03-01', expiresOn: '2027-03-01', renewalOfId: year1.id }));
    expect(year2.renewalOfId).toBe(year1.id);
    const renewed = (await get(token.csr, `/api/v1/policies/${year1.id}`)).json() as TPolicy;
    expect(renewed).toMatchObject({ status: 'expired', statusReason: 'renewed', renewedById: year2.id, version: 2 });
    expectProblem(await post(token.csr, validPolicy({ productId: motor, beneficiaries: [], effectiveOn: '2026-03-01', expiresOn: '2027-03-01', renewalOfId: year1.id })), 409, 'DUPLICATE', ['body.renewalOfId']);
    // A surrendered policy cannot be renewed.
    expectProblem(await post(token.csr, validPolicy({ renewalOfId: first.id })), 409, 'POLICY_INVALID_STATUS_CHANGE', ['body.renewalOfId']);
  });
});

describe('customer 360 policies section and policy-number lookup', () => {
  const today = '2026-06-15';
  let m: string;
  let spouse: string;
  let kid: string;
  let ciPolicy: TPolicy;

  it('computes holdings by role, cover by line and exact figures', async () => {
    m = await person('孙立', units.eastA.id, zhang.staff.id);
    spouse = await person('周敏', units.eastA.id, zhang.staff.id);
    kid = await person('孙悦', units.eastA.id, zhang.staff.id);
    ciPolicy = await created(token.csr, validPolicy({ policyholderId: m, insuredIds: [m], beneficiaries: [{ customerId: spouse, sharePct: 100 }], premiumFen: 500_000, sumInsuredFen: 50_000_000, effectiveOn: '2025-03-01', expiresOn: '2045-03-01' }));
    const car = await created(token.csr, validPolicy({ productId: motor, policyholderId: m, insuredIds: [m], beneficiaries: [], premiumFen: 450_000, sumInsuredFen: 20_000_000, paymentFrequency: 'single', effectiveOn: '2025-01-10', expiresOn: '2026-01-10' }));
    await changeStatus(token.csr, car.id, { version: 1, status: 'expired', reason: '期满', effectiveOn: '2026-01-10' });
    await created(token.csr, validPolicy({ productId: medical, policyholderId: m, insuredIds: [m], beneficiaries: [], premiumFen: 20_000, sumInsuredFen: 200_000_000, paymentFrequency: 'monthly', effectiveOn: '2026-01-31', expiresOn: '2027-01-31' }));
    // The spouse's own life policy names m as beneficiary; m pays the child's accident cover.
    await created(token.csr, validPolicy({ productId: life, policyholderId: spouse, insuredIds: [spouse], beneficiaries: [{ customerId: m, sharePct: 100 }], premiumFen: 600_000, effectiveOn: '2025-06-01', expiresOn: '2055-06-01' }));
    await created(token.csr, validPolicy({ productId: accident, policyholderId: m, insuredIds: [kid], beneficiaries: [], premiumFen: 10_000, sumInsuredFen: 10_000_000, paymentFrequency: 'single', effectiveOn: '2025-09-01', expiresOn: '2026-09-01' }));

    const { data, figures } = await loadPoliciesSection(deps, admin.actor, m, today);
    expect(figures).toEqual({
      policiesInForce: 3,
      // ¥5,000 annual + ¥200 × 12 monthly + ¥100 single over one year.
      annualPremiumFen: 750_000,
      // 2 × ¥5,000 + ¥4,500 + 5 × ¥200 + ¥100.
      lifetimePremiumFen: 1_560_000,
      // 20 × ¥5,000 × 471/7305 + ¥4,500 + 12 × ¥200 × 135/365 + ¥100 × 287/365.
      earnedPremiumFen: 644_764 + 450_000 + 88_767 + 7_863,
      firstPolicyOn: '2025-01-10',
    });
    expect(data.figures).toEqual(figures);
    expect(data.items.map((i) => [i.product.code, i.roles, i.sharePct, i.policyholder.name, i.insured.map((x) => x.name)])).toEqual([
      ['MED-A', ['applicant', 'insured'], null, '孙立', ['孙立']],
      ['ACC-A', ['applicant'], null, '孙立', ['孙悦']],
      ['LIFE-A', ['beneficiary'], 100, '周敏', ['周敏']],
      ['CI-A', ['applicant', 'insured'], null, '孙立', ['孙立']],
      ['MOTOR-A', ['applicant', 'insured'], null, '孙立', ['孙立']],
    ]);
    expect(data.coverageByLine).toEqual([
      { line: 'critical_illness', policiesInForce: 1, sumInsuredFen: 50_000_000 },
      { line: 'medical', policiesInForce: 1, sumInsuredFen: 200_000_000 },
    ]);
    expect(data.uncoveredLines).toEqual(['life', 'accident', 'annuity', 'motor_compulsory', 'motor_commercial', 'property', 'liability']);
    // The other branch sees none of it.
    const west = await loadPoliciesSection(deps, { ...admin.actor, orgPath: '/nowhere/' }, m, today);
    expect(west.data.items).toEqual([]);
  });

  it('is part of GET /api/v1/customers/:id/360', async () => {
    const res = await get(token.csr, `/api/v1/customers/${m}/360`);
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json() as { sections: { policies: { items: unknown[]; figures: { policiesInForce: number } } }; value: { policiesInForce: number | null; annualPremiumFen: number | null } };
    expect(body.sections.policies.items).toHaveLength(5);
    expect(body.sections.policies.figures.policiesInForce).toBe(3);
    expect(body.value).toMatchObject({ policiesInForce: 3, annualPremiumFen: 750_000 });
  });

  it('finds the policyholder and insured by policy number', async () => {
    expect(await policyNumberLookup.findCustomerIds(deps, ciPolicy.policyNo.toLowerCase())).toEqual([m]);
    const accidentNo = ((await get(token.admin, `/api/v1/policies?productId=${accident}&customerId=${kid}`)).json() as TPolicyList).items[0]!.policyNo;
    expect(await policyNumberLookup.findCustomerIds(deps, accidentNo)).toEqual([m, kid]);
    expect(await policyNumberLookup.findCustomerIds(deps, 'P00000000')).toEqual([]);
    // Wired into customer search (app.ts): searching the policy number finds policyholder and insured.
    const found = (await get(token.csr, `/api/v1/customers?q=${accidentNo}`)).json() as { items: { id: string }[] };
    expect(found.items.map((c) => c.id).sort()).toEqual([m, kid].sort());
  });
});

describe('OpenAPI', () => {
  it('documents every products and policies route with its tag', async () => {
    const doc = (await ctx.request({ method: 'GET', url: '/api/openapi.json' })).json() as { paths: Record<string, Record<string, { tags?: string[]; summary?: string }>> };
    const expected: [string, string, string][] = [
      ['/api/v1/products', 'get', 'products'],
      ['/api/v1/products', 'post', 'products'],
      ['/api/v1/products/{id}', 'get', 'products'],
      ['/api/v1/products/{id}', 'patch', 'products'],
      ['/api/v1/policies', 'get', 'policies'],
      ['/api/v1/policies', 'post', 'policies'],
      ['/api/v1/policies/{id}', 'get', 'policies'],
      ['/api/v1/policies/{id}', 'patch', 'policies'],
      ['/api/v1/policies/{id}/status', 'post', 'policies'],
      ['/api/v1/policies/{id}/endorsements', 'post', 'policies'],
    ];
    for (const [path, method, tag] of expected) {
      expect(doc.paths[path]?.[method]?.tags, `${method} ${path}`).toEqual([tag]);
      expect(doc.paths[path]![method]!.summary).toBeTruthy();
    }
  });
});
