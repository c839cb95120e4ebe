import type { TProduct, TProductList } from '@anxin/contracts';
import { describe, expect, it } from 'vitest';
import { createTestContext } from '../../test/context.ts';
import { loginAs, seedOrg, seedStaff } from '../../test/factories.ts';
import { expectProblem } from '../../test/problems.ts';

// Route tests: each route walks 401 → 400 → 403 → 404 → success, then its business rules.
const ctx = await createTestContext();
const org = await seedOrg(ctx.db);
await seedStaff(ctx.db, org, org.units.hq.id, 'hq.admin', ['admin']);
await seedStaff(ctx.db, org, org.units.eastA.id, 'east.csr', ['csr']);
const token = { admin: await loginAs(ctx.app, 'hq.admin'), csr: await loginAs(ctx.app, 'east.csr') };
const UNKNOWN_ID = '01960000-0000-7000-8000-000000000000';

const valid = () => ({
  code: 'CI-2026',
  name: '安心重疾险2026',
  line: 'critical_illness',
  riskLevel: 'R2',
  coverages: [
    { code: 'CI', name: '重大疾病保险金', sumInsuredLimitFen: 100_000_000 },
    { code: 'MILD', name: '轻症疾病保险金', sumInsuredLimitFen: 30_000_000, reimbursementPct: 30 },
  ],
  waitingDays: 90,
  claimDocuments: [{ code: 'DIAG', name: '诊断证明' }, { code: 'ID', name: '身份证明', required: true }, { code: 'INV', name: '医疗发票', required: false }],
});
const post = (t: string | undefined, payload: object) => ctx.request({ method: 'POST', url: '/api/v1/products', token: t, payload });
const patch = (t: string | undefined, id: string, payload: object) => ctx.request({ method: 'PATCH', url: `/api/v1/products/${id}`, token: t, payload });
let created: TProduct;

describe('POST /api/v1/products', () => {
  it('401 without credentials', async () => {
    expectProblem(await post(undefined, valid()), 401, 'UNAUTHENTICATED');
  });

  it('400 names the invalid fields', async () => {
    expectProblem(await post(token.admin, { ...valid(), code: 'lower case', line: 'pets', coverages: [] }), 400, 'VALIDATION_FAILED', ['body.code', 'body.line', 'body.coverages']);
    expectProblem(await post(token.admin, { ...valid(), coverages: [{ code: 'A', name: 'x' }, { code: 'A', name: 'y' }] }), 400, 'VALIDATION_FAILED', ['body.coverages.1.code']);
  });

  it('403 for roles without product:manage', async () => {
    expectProblem(await post(token.csr, valid()), 403, 'FORBIDDEN');
  });

  it('201 with defaults: cooling-off by line, coverage defaults, required documents', async () => {
    const res = await post(token.admin, valid());
    expect(res.statusCode, res.body).toBe(201);
    created = res.json() as TProduct;
    expect(created).toMatchObject({
      code: 'CI-2026',
      line: 'critical_illness',
      riskLevel: 'R2',
      waitingDays: 90,
      coolingOffDays: 15,
      termMonths: null,
      active: true,
      version: 1,
      description: null,
      coverages: [
        { code: 'CI', name: '重大疾病保险金', sumInsuredLimitFen: 100_000_000, deductibleFen: 0, reimbursementPct: 100 },
        { code: 'MILD', name: '轻症疾病保险金', sumInsuredLimitFen: 30_000_000, deductibleFen: 0, reimbursementPct: 30 },
      ],
      claimDocuments: [
        { code: 'DIAG', name: '诊断证明', required: true },
        { code: 'ID', name: '身份证明', required: true },
        { code: 'INV', name: '医疗发票', required: false },
      ],
    });
    const motor = await post(token.admin, { ...valid(), code: 'MOTOR-C', line: 'motor_compulsory', name: '交强险', termMonths: 12 });
    expect(motor.json()).toMatchObject({ coolingOffDays: 0, termMonths: 12 });
    expectProblem(await post(token.admin, { ...valid(), code: 'TERM-0', termMonths: 0 }), 400, 'VALIDATION_FAILED', ['body.termMonths']);
    const audit = await ctx.db.selectFrom('audit_event').select(['action', 'entity_id']).where('action', '=', 'product.changed').execute();
    expect(audit.map((a) => a.entity_id)).toContain(created.id);
  });

  it('409 DUPLICATE on a code already used', async () => {
    expectProblem(await post(token.admin, valid()), 409, 'DUPLICATE', ['body.code']);
  });
});

describe('GET /api/v1/products', () => {
  it('401 / 200 for any role with product:read, filtered by line, active and text', async () => {
    expectProblem(await ctx.request({ method: 'GET', url: '/api/v1/products' }), 401, 'UNAUTHENTICATED');
    const all = (await ctx.request({ method: 'GET', url: '/api/v1/products', token: token.csr })).json() as TProductList;
    expect(all.items.map((p) => p.code)).toEqual(['CI-2026', 'MOTOR-C']);
    const motor = (await ctx.request({ method: 'GET', url: '/api/v1/products?line=motor_compulsory', token: token.csr })).json() as TProductList;
    expect(motor.items.map((p) => p.code)).toEqual(['MOTOR-C']);
    const text = (await ctx.request({ method: 'GET', url: `/api/v1/products?q=${encodeURIComponent('重疾')}`, token: token.csr })).json() as TProductList;
    expect(text.items.map((p) => p.code)).toEqual(['CI-2026']);
    expectProblem(await ctx.request({ method: 'GET', url: '/api/v1/products?line=pets', token: token.csr }), 400, 'VALIDATION_FAILED', ['querystring.line']);
  });

  it('GET one: 400 bad id, 404 unknown, 200', async () => {
    expectProblem(await ctx.request({ method: 'GET', url: '/api/v1/products/nope', token: token.csr }), 400, 'VALIDATION_FAILED', ['params.id']);
    expectProblem(await ctx.request({ method: 'GET', url: `/api/v1/products/${UNKNOWN_ID}`, token: token.csr }), 404, 'NOT_FOUND');
    const one = await ctx.request({ method: 'GET', url: `/api/v1/products/${created.id}`, token: token.csr });
    expect((one.json() as TProduct).name).toBe('安心重疾险2026');
  });
});

describe('PATCH /api/v1/products/:id', () => {
  it('walks 401 → 400 → 403 → 404 → 200 → 409', async () => {
    expectProblem(await patch(undefined, created.id, { version: 1, active: false }), 401, 'UNAUTHENTICATED');
    expectProblem(await patch(token.admin, created.id, { active: false }), 400, 'VALIDATION_FAILED', ['body.version']);
    expectProblem(await patch(token.csr, created.id, { version: 1, active: false }), 403, 'FORBIDDEN');
    expectProblem(await patch(token.admin, UNKNOWN_ID, { version: 1, active: false }), 404, 'NOT_FOUND');
    const res = await patch(token.admin, created.id, { version: 1, active: false, coolingOffDays: 20, termMonths: 360, description: '停售' });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ active: false, coolingOffDays: 20, termMonths: 360, description: '停售', version: 2 });
    expectProblem(await patch(token.admin, created.id, { version: 1, active: true }), 409, 'VERSION_CONFLICT');
    const inactive = (await ctx.request({ method: 'GET', url: '/api/v1/products?active=false', token: token.csr })).json() as TProductList;
    expect(inactive.items.map((p) => p.code)).toEqual(['CI-2026']);
  });
});
