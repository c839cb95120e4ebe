import type { TComplaintAnalysis } from '@anxin/contracts';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { cipherFor } from '../../app.ts';
import { createTestContext } from '../../test/context.ts';
import { loginAs, seedOrg, seedStaff } from '../../test/factories.ts';
import { expectProblem } from '../../test/problems.ts';
import { createCustomer } from '../customers/index.ts';
import { createPolicy } from '../policies/index.ts';
import { createProduct } from '../products/index.ts';
import { actOnComplaint, createComplaint } from './complaint-write.service.ts';

// The monthly analysis against a hand-counted fixture (October 2026, Shanghai time, EAST province).
const ctx = await createTestContext();
const deps = { db: ctx.db, cipher: cipherFor(ctx.config) };
const org = await seedOrg(ctx.db);
const { units, system } = org;
const agent = await seedStaff(ctx.db, org, units.eastA.id, 'ea.agent', ['agent']);
await seedStaff(ctx.db, org, units.east.id, 'east.handler', ['complaint_handler']);
await seedStaff(ctx.db, org, units.westA.id, 'wa.handler', ['complaint_handler']);
const east = await loginAs(ctx.app, 'east.handler');
const west = await loginAs(ctx.app, 'wa.handler');

const a = (await createCustomer(deps, system, { name: '周建国', orgUnitId: units.eastA.id })).id;
const b = (await createCustomer(deps, system, { name: '吴芳', orgUnitId: units.eastB.id })).id;
const c = (await createCustomer(deps, system, { name: '郑强', orgUnitId: units.westA.id })).id;
const product = await createProduct(deps, system, { code: 'ACC-1', name: '安心意外', line: 'accident', riskLevel: 'R1', waitingDays: 0, coverages: [{ code: 'ACC', name: '意外' }], claimDocuments: [] });
const policy = (holder: string, effectiveOn: string, expiresOn: string) =>
  createPolicy(deps, system, { productId: product.id, policyholderId: holder, insuredIds: [holder], sumInsuredFen: 1_000_000, premiumFen: 10_000, paymentFrequency: 'annual', effectiveOn, expiresOn, agentId: agent.staff.id });
const pa = await policy(a, '2026-01-01', '2026-12-31');
await policy(b, '2026-03-01', '2027-02-28');
await policy(b, '2025-10-01', '2026-10-01'); // expired before the month's end

const complaint = async (customerId: string, body: Record<string, unknown>, receivedAt: string) =>
  createComplaint(deps, system, { customerId, subject: '投诉', description: '客户反映问题', channel: 'hotline', category: 'claims', subReason: 'slow', ...body, receivedAt } as never, new Date('2026-11-20T00:00:00Z'));
const decide = async (id: string, at: string, rootCause: string) => {
  const row = await ctx.db.selectFrom('complaint').select('version').where('id', '=', id).executeTakeFirstOrThrow();
  await actOnComplaint(deps, system, id, { action: 'verify', facts: '属实', customerContacted: true, version: row.version }, new Date(at));
  await actOnComplaint(deps, system, id, { action: 'register', summary: '登记', version: row.version + 1 }, new Date(at));
  await actOnComplaint(deps, system, id, { action: 'decide', findings: '属实', responsibility: 'company', resolution: '致歉', compensationFen: 0, rootCause, version: row.version + 2 }, new Date(at));
};

const c1 = await complaint(a, { policyId: pa.row.id }, '2026-10-02T02:00:00.000Z');
await decide(c1, '2026-10-05T02:00:00.000Z', '理赔交接缺失');
const c2 = await complaint(a, { category: 'sales', subReason: 'misleading_sales', channel: 'regulator', regulatorRef: 'REG-1' }, '2026-10-10T02:00:00.000Z');
await decide(c2, '2026-10-30T02:00:00.000Z', '销售告知不充分');
// 31 October 23:30 in Shanghai is still October; 1 November 00:30 is not.
await complaint(b, { category: 'claims', subReason: 'denied', channel: 'counter' }, '2026-10-31T16:30:00.000Z');
const c4 = await complaint(b, { category: 'service_attitude', subReason: 'rude' }, '2026-10-31T15:30:00.000Z');
await actOnComplaint(deps, system, c4, { action: 'withdraw', reason: '客户撤诉', version: 1 }, new Date('2026-11-02T00:00:00Z'));
await complaint(c, {}, '2026-10-12T02:00:00.000Z'); // another province
await complaint(a, {}, '2026-09-15T02:00:00.000Z'); // the previous month

const analysis = async (token: string, query: string) => {
  const res = await ctx.request({ method: 'GET', url: `/api/v1/complaints/analysis?${query}`, token });
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as TComplaintAnalysis;
};

describe('monthly complaint analysis', () => {
  it('matches the hand count for EAST, October 2026', async () => {
    const r = await analysis(east, 'month=2026-10');
    expect(r).toMatchObject({ month: '2026-10', unit: { id: units.east.id }, total: 3, previousTotal: 1, policiesInForce: 2, ratePer10k: 15000, regulatorTransferred: 1, collective: 0 });
    expect(r.byCategory.map((x) => [x.key, x.count, x.previous])).toEqual([
      ['claims', 1, 1],
      ['sales', 1, 0],
      ['service_attitude', 1, 0],
    ]);
    expect(r.byChannel.map((x) => [x.key, x.count, x.previous])).toEqual([
      ['hotline', 2, 1],
      ['regulator', 1, 0],
    ]);
    expect(r.byBranch.map((x) => [x.key, x.count, x.previous])).toEqual([
      [units.eastA.id, 2, 1],
      [units.eastB.id, 1, 0],
    ]);
    expect(r.byProduct.map((x) => [x.key, x.count])).toEqual([
      ['none', 2],
      ['ACC-1', 1],
    ]);
    // c1 decided in 3 days (in time), c2 in 20 days (late); the withdrawn one counts in neither.
    expect(r.clock).toEqual({ met: 1, breached: 1, running: 0, complianceRate: 50 });
    // A complaint decided in time whose review then ran late is late too (the desk marks it so).
    await ctx.db.updateTable('complaint').set({ review_breached_at: new Date('2026-11-20T02:00:00.000Z') }).where('id', '=', c1).execute();
    expect((await analysis(east, 'month=2026-10')).clock).toEqual({ met: 0, breached: 2, running: 0, complianceRate: 0 });
    await ctx.db.updateTable('complaint').set({ review_breached_at: null }).where('id', '=', c1).execute();
    expect(r.handlingDays.filter((h) => h.count > 0)).toEqual([
      { bucket: '0-5', count: 1 },
      { bucket: '16-30', count: 1 },
    ]);
    expect(r.repeatComplainants).toEqual([{ customerId: a, name: '周**', count: 3 }]);
    expect(r.rootCauses).toEqual([
      { cause: '理赔交接缺失', count: 1 },
      { cause: '销售告知不充分', count: 1 },
    ]);
  });

  it('keeps to the caller’s scope and exports the same figures as XLSX (audited)', async () => {
    expectProblem(await ctx.request({ method: 'GET', url: `/api/v1/complaints/analysis?month=2026-10&unitId=${units.east.id}`, token: west }), 404, 'NOT_FOUND', ['querystring.unitId']);
    expect((await analysis(west, 'month=2026-10')).total).toBe(1);
    expectProblem(await ctx.request({ method: 'GET', url: '/api/v1/complaints/analysis?month=2026-13', token: east }), 400, 'VALIDATION_FAILED', ['querystring.month']);
    const res = await ctx.request({ method: 'GET', url: '/api/v1/complaints/analysis.xlsx?month=2026-10', token: east });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const summary = wb.getWorksheet('概览 Summary')!;
    const values = new Map<string, unknown>();
    summary.eachRow((row) => values.set(String(row.getCell(1).value), row.getCell(2).value));
    expect(values.get('投诉总数 Complaints')).toBe(3);
    expect(values.get('时效达标率 % Clock compliance')).toBe(50);
    const exported = await ctx.db.selectFrom('audit_event').select('data').where('action', '=', 'export.created').execute();
    expect(exported.map((e) => e.data)).toEqual([{ kind: 'complaint_analysis', month: '2026-10', unitId: units.east.id }]);
  });
});
