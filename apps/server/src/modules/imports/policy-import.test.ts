import type { TCreatedImport, TImportRunResult } from '@anxin/contracts';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { createTestContext } from '../../test/context.ts';
import { loginAs, seedOrg, seedStaff } from '../../test/factories.ts';
import { expectProblem } from '../../test/problems.ts';
import { automationRuntimeFor, cipherFor } from '../../app.ts';
import { shanghaiDateOf } from '../../platform/business-calendar.ts';
import { dispatchOutbox } from '../automation/index.ts';
import { createOrgUnit } from '../org/index.ts';

// Policy import and export over HTTP with the documentation's sample files (customers.csv,
// relationships.csv, policies.csv), on the demo's org codes and agent username.
const SAMPLES = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../../../docs/samples');
const ctx = await createTestContext();
const deps = { db: ctx.db, cipher: cipherFor(ctx.config) };
const org = await seedOrg(ctx.db);
const zj = await createOrgUnit(ctx.db, org.system, { parentId: org.units.hq.id, level: 'province', code: 'ZJ', name: '浙江分公司' });
const hz = await createOrgUnit(ctx.db, org.system, { parentId: zj.id, level: 'city', code: 'ZJ-HZ', name: '杭州中心支公司' });
await createOrgUnit(ctx.db, org.system, { parentId: zj.id, level: 'city', code: 'ZJ-NB', name: '宁波中心支公司' });
await seedStaff(ctx.db, org, org.units.hq.id, 'hq.admin', ['admin']);
await seedStaff(ctx.db, org, hz.id, 'hz.agent', ['agent']);
await seedStaff(ctx.db, org, zj.id, 'zj.manager', ['branch_manager']);
await seedStaff(ctx.db, org, org.units.east.id, 'east.analyst', ['analyst']);
const token = { admin: await loginAs(ctx.app, 'hq.admin'), manager: await loginAs(ctx.app, 'zj.manager'), eastAnalyst: await loginAs(ctx.app, 'east.analyst') };

const coverage = [{ code: 'MAIN', name: '主险责任' }];
for (const [code, name, line] of [
  ['AX-CI', '安心重疾 2026', 'critical_illness'],
  ['AX-MED', '安心医疗 2026', 'medical'],
] as const) {
  const res = await ctx.request({ method: 'POST', url: '/api/v1/products', token: token.admin, payload: { code, name, line, riskLevel: 'R2', coverages: coverage } });
  if (res.statusCode !== 201) throw new Error(res.body);
}

const importSample = async (t: string, kind: string, file: string, mode: 'all' | 'valid') => {
  const up = await ctx.request({ method: 'POST', url: '/api/v1/imports', token: t, payload: { kind, fileName: file, contentBase64: readFileSync(path.join(SAMPLES, file)).toString('base64') } });
  expect(up.statusCode, up.body).toBe(201);
  const { job } = up.json() as TCreatedImport;
  return ctx.request({ method: 'POST', url: `/api/v1/imports/${job.id}/commit`, token: t, payload: { mode } });
};
const policyCount = async () => Number((await sql<{ n: string }>`SELECT count(*) AS n FROM policy`.execute(ctx.db)).rows[0]!.n);

describe('policy import', () => {
  it('imports the sample: good policies written, bad ones reported (unknown product, shares ≠ 100 %); re-import skips', async () => {
    expect((await importSample(token.manager, 'customers', 'customers.csv', 'all')).statusCode).toBe(200);
    expect((await importSample(token.manager, 'relationships', 'relationships.csv', 'valid')).statusCode).toBe(200);

    const res = await importSample(token.manager, 'policies', 'policies.csv', 'valid');
    expect(res.statusCode, res.body).toBe(200);
    const { job, errors } = res.json() as TImportRunResult;
    expect(job).toMatchObject({ rowsTotal: 5, rowsCreated: 3, rowsSkipped: 0, rowsInvalid: 2 });
    expect(errors.map((e) => [e.rowNumber, e.column, e.code])).toEqual([
      [5, '受益人', 'POLICY_BENEFICIARY_SHARES'],
      [6, '产品代码', 'VALIDATION_FAILED'],
    ]);
    expect(await policyCount()).toBe(3);
    const p3 = await ctx.db.selectFrom('policy').select(['sum_insured_fen', 'premium_fen', 'payment_frequency', 'effective_on', 'status']).where('policy_no', '=', 'P-0003').executeTakeFirstOrThrow();
    expect(p3).toEqual({ sum_insured_fen: 30_000_000, premium_fen: 520_000, payment_frequency: 'annual', effective_on: '2026-02-15', status: 'in_force' });

    const again = await importSample(token.manager, 'policies', 'policies.csv', 'valid');
    expect((again.json() as TImportRunResult).job).toMatchObject({ rowsTotal: 5, rowsCreated: 0, rowsSkipped: 3, rowsInvalid: 2 });
    expect(await policyCount()).toBe(3);
  });

  it('all-or-nothing: nothing written when a row is bad', async () => {
    const before = await policyCount();
    const content = '\uFEFF保单号,产品代码,投保人外部编号,保额,保费,缴费方式,生效日期,满期日期,业务员\r\nP-1001,AX-MED,C-0004,100000,300,年缴,2026-05-01,2027-04-30,hz.agent\r\nP-1002,AX-MED,C-0004,100000,300,年缴,2026-05-01,2025-04-30,hz.agent\r\n';
    const up = await ctx.request({ method: 'POST', url: '/api/v1/imports', token: token.manager, payload: { kind: 'policies', fileName: 'p.csv', contentBase64: Buffer.from(content).toString('base64') } });
    const { job } = up.json() as TCreatedImport;
    const problem = expectProblem(await ctx.request({ method: 'POST', url: `/api/v1/imports/${job.id}/commit`, token: token.manager, payload: { mode: 'all' } }), 422, 'IMPORT_HAS_INVALID_ROWS');
    expect(problem.errors![0]!.field).toMatch(/^rows\[3\]/);
    expect(await policyCount()).toBe(before);
  });

  it('a beneficiary reference by ID number is masked in the report and never echoed in the message', async () => {
    const content = '\uFEFF保单号,产品代码,投保人外部编号,受益人,保额,保费,缴费方式,生效日期,满期日期,业务员\r\nP-2001,AX-MED,C-0004,110101199003074514:100,100000,300,年缴,2026-05-01,2027-04-30,hz.agent\r\n';
    const up = await ctx.request({ method: 'POST', url: '/api/v1/imports', token: token.manager, payload: { kind: 'policies', fileName: 'p.csv', contentBase64: Buffer.from(content).toString('base64') } });
    const { job } = up.json() as TCreatedImport;
    const res = await ctx.request({ method: 'POST', url: `/api/v1/imports/${job.id}/dry-run`, token: token.manager, payload: {} });
    expect(res.statusCode, res.body).toBe(200);
    const { errors } = res.json() as TImportRunResult;
    expect(errors).toEqual([expect.objectContaining({ rowNumber: 2, field: 'beneficiaries', code: 'NOT_FOUND', value: `110${'*'.repeat(13)}14:100` })]);
    const stored = await ctx.db.selectFrom('import_row_error').select(['value', 'message']).where('job_id', '=', job.id).execute();
    expect(JSON.stringify(stored)).not.toContain('110101199003074514');
  });

  it('a chunk of rows: a number repeated in the file is written once, unknown parties and dates are reported per row, the rest is written with its parties and events', async () => {
    const before = await policyCount();
    const events = async () => Number((await sql<{ n: string }>`SELECT count(*) AS n FROM audit_event WHERE action = 'policy.created'`.execute(ctx.db)).rows[0]!.n);
    const eventsBefore = await events();
    const header = '保单号,产品代码,投保人外部编号,被保险人外部编号,受益人,保额,保费,缴费方式,生效日期,满期日期,业务员';
    const rows = [
      ...Array.from({ length: 20 }, (_, i) => `P-3${String(i).padStart(3, '0')},AX-MED,C-0004,C-0005,C-0005:100,100000,300,年缴,2026-05-01,2027-04-30,hz.agent`),
      'P-3000,AX-CI,C-0004,,,200000,900,年缴,2026-06-01,2027-05-31,hz.agent', // repeats the first number: the first one stays
      'P-3100,AX-MED,C-9999,,,100000,300,年缴,2026-05-01,2027-04-30,hz.agent', // unknown policyholder
      'P-3101,AX-MED,C-0004,,,100000,300,年缴,2026-05-01,2025-04-30,hz.agent', // expires before it starts
    ];
    const content = `\uFEFF${header}\r\n${rows.join('\r\n')}\r\n`;
    const up = await ctx.request({ method: 'POST', url: '/api/v1/imports', token: token.manager, payload: { kind: 'policies', fileName: 'chunk.csv', contentBase64: Buffer.from(content).toString('base64') } });
    const { job } = up.json() as TCreatedImport;
    const res = await ctx.request({ method: 'POST', url: `/api/v1/imports/${job.id}/commit`, token: token.manager, payload: { mode: 'valid' } });
    expect(res.statusCode, res.body).toBe(200);
    const run = res.json() as TImportRunResult;
    expect(run.job).toMatchObject({ rowsTotal: 23, rowsCreated: 20, rowsSkipped: 1, rowsInvalid: 2 });
    expect(run.errors.map((e) => [e.rowNumber, e.field, e.code])).toEqual([
      [23, 'policyholderExternalId', 'NOT_FOUND'],
      [24, 'expiresOn', 'POLICY_INVALID_DATES'],
    ]);
    expect(await policyCount()).toBe(before + 20);
    expect(await events()).toBe(eventsBefore + 20);
    const first = await ctx.db.selectFrom('policy').select(['id', 'product_id', 'cooling_off_ends_on']).where('policy_no', '=', 'P-3000').executeTakeFirstOrThrow();
    const parties = await ctx.db.selectFrom('policy_party as pp').innerJoin('customer as c', 'c.id', 'pp.customer_id').select(['pp.role', 'c.external_id', 'pp.share_pct']).where('pp.policy_id', '=', first.id).orderBy('pp.role').execute();
    expect(parties).toEqual([
      { role: 'applicant', external_id: 'C-0004', share_pct: null },
      { role: 'beneficiary', external_id: 'C-0005', share_pct: 100 },
      { role: 'insured', external_id: 'C-0005', share_pct: null },
    ]);
    const product = await ctx.db.selectFrom('product').select(['code', 'cooling_off_days']).where('id', '=', first.product_id).executeTakeFirstOrThrow();
    expect(product.code).toBe('AX-MED');
    expect(first.cooling_off_ends_on).toBe(new Date(Date.UTC(2026, 4, 1 + product.cooling_off_days)).toISOString().slice(0, 10));
  });

  it('a policy with a blacklisted party is held for underwriting and referred; a new one queues its visit; one past its cooling-off queues nothing', async () => {
    const customerId = async (externalId: string) => (await ctx.db.selectFrom('customer').select('id').where('external_id', '=', externalId).executeTakeFirstOrThrow()).id;
    const blocked = await customerId('C-0004');
    const request = await ctx.request({ method: 'POST', url: '/api/v1/blacklist', token: token.admin, payload: { customerId: blocked, reason: 'fraud', detail: '伪造单据', evidence: '调查报告 F-9', startsOn: '2026-01-01' } });
    expect(request.statusCode, request.body).toBe(201);
    const entry = request.json() as { id: string; version: number };
    const approved = await ctx.request({ method: 'POST', url: `/api/v1/blacklist/${entry.id}/approve`, token: token.manager, payload: { note: '证据充分', version: entry.version } });
    expect(approved.statusCode, approved.body).toBe(200);

    const today = shanghaiDateOf(new Date());
    const nextYear = `${Number(today.slice(0, 4)) + 1}${today.slice(4, 10) === '-02-29' ? '-02-28' : today.slice(4)}`;
    const header = '保单号,产品代码,投保人外部编号,被保险人外部编号,保额,保费,缴费方式,生效日期,满期日期,业务员';
    const rows = [
      `P-4001,AX-MED,C-0001,C-0004,100000,300,年缴,${today},${nextYear},hz.agent`, // insured blacklisted
      `P-4002,AX-MED,C-0001,C-0001,100000,300,年缴,${today},${nextYear},hz.agent`, // new, in cooling-off
      'P-4003,AX-MED,C-0001,C-0001,100000,300,年缴,2025-03-01,2026-02-28,hz.agent', // a book entry of past years
    ];
    const up = await ctx.request({ method: 'POST', url: '/api/v1/imports', token: token.manager, payload: { kind: 'policies', fileName: 'held.csv', contentBase64: Buffer.from(`\uFEFF${header}\r\n${rows.join('\r\n')}\r\n`).toString('base64') } });
    const { job } = up.json() as TCreatedImport;
    const res = await ctx.request({ method: 'POST', url: `/api/v1/imports/${job.id}/commit`, token: token.manager, payload: { mode: 'all' } });
    expect(res.statusCode, res.body).toBe(200);
    expect((res.json() as TImportRunResult).job).toMatchObject({ rowsCreated: 3, rowsInvalid: 0 });

    const stored = await ctx.db.selectFrom('policy').select(['id', 'policy_no', 'status', 'status_reason']).where('policy_no', 'in', ['P-4001', 'P-4002', 'P-4003']).orderBy('policy_no').execute();
    expect(stored.map((p) => [p.policy_no, p.status, p.status_reason])).toEqual([
      ['P-4001', 'pending', 'underwriting_referral: blacklist'],
      ['P-4002', 'in_force', null],
      ['P-4003', 'in_force', null],
    ]);
    const [held, fresh, old] = stored as [(typeof stored)[0], (typeof stored)[0], (typeof stored)[0]];
    const created = await ctx.db.selectFrom('audit_event').select('data').where('action', '=', 'policy.created').where('entity_id', '=', held.id).executeTakeFirstOrThrow();
    expect(created.data).toMatchObject({ status: 'pending', underwritingReferral: 'blacklist', requestedStatus: 'in_force', blacklistedPartyIds: [blocked] });
    const topics = await ctx.db.selectFrom('outbox').select(['aggregate_id', 'topic']).where('aggregate_id', 'in', stored.map((p) => p.id)).orderBy('id').execute();
    expect(topics).toEqual([
      { aggregate_id: held.id, topic: 'policy.underwriting_referral' },
      { aggregate_id: fresh.id, topic: 'policy.issued' },
    ]);
    expect(topics.some((t) => t.aggregate_id === old.id)).toBe(false);

    // Dispatched: the referral becomes the underwriters' task, the new policy its visit (回访).
    while ((await dispatchOutbox(deps, automationRuntimeFor(ctx.config))) > 0);
    const holder = await customerId('C-0001');
    const tasks = await ctx.db.selectFrom('task').select(['kind', 'source_id']).where('customer_id', '=', holder).where('kind', '=', 'underwriting_referral').execute();
    expect(tasks).toHaveLength(1);
    const visits = await ctx.db.selectFrom('follow_up_visit').select(['policy_id', 'visit_type']).where('customer_id', '=', holder).where('visit_type', '=', 'new_policy').execute();
    expect(visits).toEqual([{ policy_id: fresh.id, visit_type: 'new_policy' }]);
  });
});

describe('GET /api/v1/exports/policies.csv', () => {
  it('403 for a role without customer:export; 200 in scope, amounts in yuan, audited', async () => {
    const agent = await loginAs(ctx.app, 'hz.agent');
    expectProblem(await ctx.request({ method: 'GET', url: '/api/v1/exports/policies.csv', token: agent }), 403, 'FORBIDDEN');
    expectProblem(await ctx.request({ method: 'GET', url: '/api/v1/exports/policies.csv?status=bogus', token: token.manager }), 400, 'VALIDATION_FAILED', ['querystring.status']);
    const res = await ctx.request({ method: 'GET', url: '/api/v1/exports/policies.csv', token: token.manager });
    expect(res.statusCode, res.body).toBe(200);
    const lines = res.body.split(/\r?\n/).filter(Boolean);
    expect(lines).toHaveLength(1 + (await policyCount()));
    expect(lines[0]).toContain('保单号 policyNo');
    expect(res.body).toContain('P-0003,AX-CI,安心重疾 2026,critical_illness,李秀英,in_force,300000.00,5200.00,annual');
    // Outside the scope: an east analyst sees no ZJ policies.
    const east = await ctx.request({ method: 'GET', url: '/api/v1/exports/policies.xlsx', token: token.eastAnalyst });
    expect(east.statusCode).toBe(200);
    const events = (await sql<{ data: Record<string, unknown> }>`SELECT data FROM audit_event WHERE action = 'export.created' ORDER BY seq`.execute(ctx.db)).rows;
    expect(events.map((e) => [e.data.kind, e.data.format, e.data.rowCount])).toEqual([
      ['policies', 'csv', lines.length - 1],
      ['policies', 'xlsx', 0],
    ]);
  });
});
