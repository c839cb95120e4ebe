import ExcelJS from 'exceljs';
import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { createTestContext } from '../../test/context.ts';
import { loginAs, seedOrg, seedStaff } from '../../test/factories.ts';
import { expectProblem } from '../../test/problems.ts';
import { createCustomer } from '../customers/index.ts';

// Export routes: 401 → 400 → 403 → success; masked, scoped, audited.
const ctx = await createTestContext();
const org = await seedOrg(ctx.db);
const { units } = org;
await seedStaff(ctx.db, org, units.hq.id, 'hq.analyst', ['analyst']);
await seedStaff(ctx.db, org, units.east.id, 'east.analyst', ['analyst']);
await seedStaff(ctx.db, org, units.east.id, 'east.csr', ['csr']);
const deps = { db: ctx.db, cipher: (await import('../../app.ts')).cipherFor(ctx.config) };

await createCustomer(deps, org.system, {
  name: '王建国',
  idNumber: '330106198503121231',
  externalId: 'E-1',
  tier: 'gold',
  orgUnitId: units.eastA.id,
  contacts: [
    { channel: 'mobile', value: '13812345678' },
    { channel: 'email', value: 'wangjg@example.com' },
  ],
});
await createCustomer(deps, org.system, { name: '李秀英', externalId: 'E-2', orgUnitId: units.eastB.id, contacts: [{ channel: 'mobile', value: '13912345678' }] });
await createCustomer(deps, org.system, { name: '西区客户', externalId: 'W-1', orgUnitId: units.westA.id });

const token = {
  hqAnalyst: await loginAs(ctx.app, 'hq.analyst'),
  eastAnalyst: await loginAs(ctx.app, 'east.analyst'),
  csr: await loginAs(ctx.app, 'east.csr'),
};
const get = (t: string | undefined, url: string) => ctx.request({ method: 'GET', url, token: t });
const exportEvents = async () =>
  (await sql<{ data: Record<string, unknown>; actor_name: string }>`SELECT data, actor_name FROM audit_event WHERE action = 'export.created' ORDER BY seq`.execute(ctx.db)).rows;

describe('GET /api/v1/exports/customers.csv|.xlsx', () => {
  it('401 → 400 → 403', async () => {
    expectProblem(await get(undefined, '/api/v1/exports/customers.csv'), 401, 'UNAUTHENTICATED');
    expectProblem(await get(token.hqAnalyst, '/api/v1/exports/customers.csv?tier=diamond'), 400, 'VALIDATION_FAILED', ['querystring.tier']);
    expectProblem(await get(token.csr, '/api/v1/exports/customers.csv'), 403, 'FORBIDDEN');
    expect(await exportEvents()).toHaveLength(0);
  });

  it('200: CSV with masked personal data, in the caller’s scope, audited with filters and row count', async () => {
    const res = await get(token.eastAnalyst, '/api/v1/exports/customers.csv');
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(res.headers['content-disposition']).toMatch(/^attachment; filename="customers-\d{4}-\d{2}-\d{2}\.csv"$/);
    const lines = res.body.split(/\r?\n/).filter(Boolean);
    expect(lines[0]!.startsWith('\uFEFF外部编号 externalId,姓名 name,')).toBe(true);
    expect(lines).toHaveLength(3); // header + the two east customers, not the west one
    expect(res.body).toContain('王建国');
    expect(res.body).toContain('330106********1231');
    expect(res.body).toContain('138****5678');
    expect(res.body).toContain('w***@example.com');
    expect(res.body).not.toContain('330106198503121231');
    expect(res.body).not.toContain('13812345678');
    expect(res.body).not.toContain('wangjg@');
    expect(res.body).not.toContain('西区客户');
    const events = await exportEvents();
    expect(events.at(-1)).toMatchObject({ actor_name: 'east.analyst', data: { kind: 'customers', format: 'csv', rowCount: 2, filters: { sort: '-createdAt' } } });
  });

  it('filters like the list; a free-text search is audited without its text', async () => {
    const res = await get(token.hqAnalyst, `/api/v1/exports/customers.csv?q=${encodeURIComponent('王建国')}&tier=gold`);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.body.split(/\r?\n/).filter(Boolean)).toHaveLength(2);
    const event = (await exportEvents()).at(-1)!;
    expect(event.data).toMatchObject({ rowCount: 1, filters: { q: '[search]', tier: 'gold' } });
    expect(JSON.stringify(event.data)).not.toContain('王建国');
  });

  it('200: XLSX with the same masked content', async () => {
    const res = await ctx.app.inject({ method: 'GET', url: '/api/v1/exports/customers.xlsx', headers: { authorization: `Bearer ${token.hqAnalyst}` } });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-type']).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(res.rawPayload.buffer.slice(res.rawPayload.byteOffset, res.rawPayload.byteOffset + res.rawPayload.byteLength) as ArrayBuffer);
    const sheet = workbook.worksheets[0]!;
    expect(sheet.rowCount).toBe(4);
    const cells = [2, 3, 4].flatMap((r) => (sheet.getRow(r).values as unknown[]).map(String));
    expect(cells).toContain('330106********1231');
    expect(cells).not.toContain('330106198503121231');
    expect((await exportEvents()).at(-1)!.data).toMatchObject({ format: 'xlsx', rowCount: 3 });
  });
});
