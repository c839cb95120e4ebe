import { ROLES, type TRole } from '@anxin/contracts';
import type { TCreatedImport, TImportJob, TImportJobList, TImportRowErrorList, TImportRunResult, TSavedImportMappingList } from '@anxin/contracts';
import ExcelJS from 'exceljs';
import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { idNumberCheckDigit } from '../customers/index.ts';
import { holdRun, releaseRun } from './import.repository.ts';
import { createTestContext } from '../../test/context.ts';
import { loginAs, seedOrg, seedStaff } from '../../test/factories.ts';
import { expectProblem } from '../../test/problems.ts';

// Route tests for imports: 401 → 400 → 403 → 404 → success, then the business rules (dry run,
// all-or-nothing, valid-only, re-import, error report, idempotent commit, scope).
const ctx = await createTestContext();
const org = await seedOrg(ctx.db);
const { units } = org;
await seedStaff(ctx.db, org, units.hq.id, 'hq.admin', ['admin']);
await seedStaff(ctx.db, org, units.east.id, 'east.csr', ['csr']);
await seedStaff(ctx.db, org, units.west.id, 'west.csr', ['csr']);
await seedStaff(ctx.db, org, units.eastA.id, 'easta.agent', ['agent']);
await seedStaff(ctx.db, org, units.east.id, 'east.analyst', ['analyst']);

const token = {
  admin: await loginAs(ctx.app, 'hq.admin'),
  eastCsr: await loginAs(ctx.app, 'east.csr'),
  westCsr: await loginAs(ctx.app, 'west.csr'),
  agent: await loginAs(ctx.app, 'easta.agent'),
};
const UNKNOWN_ID = '01960000-0000-7000-8000-000000000000';

const HEADER = '外部编号,姓名,性别,出生日期,证件号码,手机号,邮箱,所属机构,业务员';
/** Three good rows (one without external id) … */
const GOOD = [
  'T-1,王建国,男,1985-03-12,330106198503121231,13812345678,wangjg@example.com,EAST-A,easta.agent',
  'T-2,李秀英,女,1987/7/21,330106198707212426,13912345678,,EAST-A,',
  'T-3,"陈 志强",男,1978-09-30,330203197809304518,,,EAST-B,',
];
/** … and four bad ones: bad check digit, bad date, missing name, unit outside the east subtree. */
const BAD = [
  'T-4,钱芳,女,1980-11-11,330203198011115625,13512345678,,EAST-A,',
  'T-5,孙伟,男,1985-13-01,,13312345678,,EAST-A,',
  'T-6,,男,,,,,EAST-A,',
  'T-7,吴刚,男,,,,,WEST-A,',
];
const csv = (...rows: string[]) => `\uFEFF${HEADER}\r\n${rows.join('\r\n')}\r\n`;
const b64 = (content: string | Uint8Array) => Buffer.from(content).toString('base64');

const upload = (t: string | undefined, payload: object) => ctx.request({ method: 'POST', url: '/api/v1/imports', token: t, payload });
const uploadCsv = async (t: string, content: string, extra: object = {}) => {
  const res = await upload(t, { kind: 'customers', fileName: 'customers.csv', contentBase64: b64(content), ...extra });
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as TCreatedImport;
};
const dryRun = (t: string | undefined, id: string, payload: object = {}) => ctx.request({ method: 'POST', url: `/api/v1/imports/${id}/dry-run`, token: t, payload });
const commit = (t: string | undefined, id: string, mode: 'all' | 'valid', headers: Record<string, string> = {}) =>
  ctx.request({ method: 'POST', url: `/api/v1/imports/${id}/commit`, token: t, payload: { mode }, headers });
const customerCount = async () => Number((await sql<{ n: string }>`SELECT count(*) AS n FROM customer`.execute(ctx.db)).rows[0]!.n);
const auditCount = async (action: string) => Number((await sql<{ n: string }>`SELECT count(*) AS n FROM audit_event WHERE action = ${action}`.execute(ctx.db)).rows[0]!.n);

describe('POST /api/v1/imports (upload)', () => {
  it('401: refuses a caller without credentials', async () => {
    expectProblem(await upload(undefined, {}), 401, 'UNAUTHENTICATED');
  });

  it('400: names invalid fields; refuses files that are not CSV/XLSX', async () => {
    expectProblem(await upload(token.admin, { kind: 'claims', fileName: '', contentBase64: '' }), 400, 'VALIDATION_FAILED', ['body.kind', 'body.fileName', 'body.contentBase64']);
    expectProblem(await upload(token.admin, { kind: 'customers', fileName: 'x.csv', contentBase64: '***' }), 400, 'IMPORT_FILE_INVALID', ['body.contentBase64']);
    expectProblem(await upload(token.admin, { kind: 'customers', fileName: 'x.png', contentBase64: b64(new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0, 0, 1])) }), 400, 'IMPORT_FILE_INVALID');
    expectProblem(await upload(token.admin, { kind: 'customers', fileName: 'x.csv', contentBase64: b64(`${HEADER}\r\n`) }), 400, 'IMPORT_FILE_INVALID');
    const problem = expectProblem(await upload(token.admin, { kind: 'customers', fileName: 'x.csv', contentBase64: b64(csv(...GOOD)), mapping: { 姓名: 'nope' } }), 400, 'VALIDATION_FAILED');
    expect(problem.errors).toEqual([
      { field: 'body.mapping.姓名', message: '"nope" is not a customers field', rule: 'not_an_import_field', params: { field: 'nope' } },
      { field: 'body.mapping', message: 'no column is mapped to the required field "name"', rule: 'required_field_unmapped', params: { field: 'name' } },
    ]);
  });

  it('403: a role without customer:import may not upload', async () => {
    expectProblem(await upload(token.agent, { kind: 'customers', fileName: 'x.csv', contentBase64: b64(csv(...GOOD)) }), 403, 'FORBIDDEN');
  });

  it('201: returns the job with headers, the default mapping from Chinese headers, and nothing written', async () => {
    const before = await customerCount();
    const created = await uploadCsv(token.eastCsr, csv(...GOOD, '') + 'T-9,多余,男,,,,,EAST-A,,extra-cell\r\n', { source: 'test-crm' });
    expect(created.job).toMatchObject({ kind: 'customers', fileName: 'customers.csv', source: 'test-crm', status: 'uploaded', mode: null, rowsTotal: 4, rowsProcessed: 0, createdByName: 'east.csr' });
    expect(created.job.headers).toEqual(HEADER.split(','));
    expect(created.job.mapping).toEqual({
      外部编号: 'externalId',
      姓名: 'name',
      性别: 'gender',
      出生日期: 'birthDate',
      证件号码: 'idNumber',
      手机号: 'mobile',
      邮箱: 'email',
      所属机构: 'orgUnitCode',
      业务员: 'ownerAgentUsername',
    });
    expect(created.unmappedHeaders).toEqual([]);
    expect(created.missingRequiredFields).toEqual([]);
    expect(await customerCount()).toBe(before);
    // A row with more cells than the header is reported, not truncated silently (row 6: the blank line 5 counts).
    const dry = (await dryRun(token.eastCsr, created.job.id)).json() as TImportRunResult;
    expect(dry.errors).toEqual([{ rowNumber: 6, column: null, field: null, value: null, code: 'VALIDATION_FAILED', message: 'the row has more cells than the header row', rule: 'row_too_long' }]);
    expect(dry.job).toMatchObject({ rowsTotal: 4, rowsValid: 3, rowsInvalid: 1 });
    // The file is stored encrypted, never in clear.
    const row = await ctx.db.selectFrom('import_job').select('file_enc').where('id', '=', created.job.id).executeTakeFirstOrThrow();
    expect(row.file_enc).not.toContain('330106');
    expect(Buffer.from(row.file_enc!, 'utf8').toString()).not.toContain(b64(csv(...GOOD)).slice(0, 40));
  });
});

describe('GET /api/v1/imports and /imports/{id}', () => {
  it('401 → 403 → 404 → 200, scoped to the caller’s subtree', async () => {
    const { job } = await uploadCsv(token.westCsr, csv(GOOD[0]!));
    expectProblem(await ctx.request({ method: 'GET', url: `/api/v1/imports/${job.id}` }), 401, 'UNAUTHENTICATED');
    expectProblem(await ctx.request({ method: 'GET', url: `/api/v1/imports/${job.id}`, token: token.agent }), 403, 'FORBIDDEN');
    expectProblem(await ctx.request({ method: 'GET', url: `/api/v1/imports/${UNKNOWN_ID}`, token: token.admin }), 404, 'NOT_FOUND');
    expectProblem(await ctx.request({ method: 'GET', url: `/api/v1/imports/${job.id}`, token: token.eastCsr }), 404, 'NOT_FOUND');
    const res = await ctx.request({ method: 'GET', url: `/api/v1/imports/${job.id}`, token: token.admin });
    expect(res.statusCode, res.body).toBe(200);
    expect((res.json() as TImportJob).id).toBe(job.id);

    const eastList = (await ctx.request({ method: 'GET', url: '/api/v1/imports?limit=100', token: token.eastCsr })).json() as TImportJobList;
    expect(eastList.items.every((j) => j.createdByName === 'east.csr')).toBe(true);
    const page1 = (await ctx.request({ method: 'GET', url: '/api/v1/imports?limit=1', token: token.admin })).json() as TImportJobList;
    expect(page1.items).toHaveLength(1);
    expect(page1.nextCursor).not.toBeNull();
    const page2 = (await ctx.request({ method: 'GET', url: `/api/v1/imports?limit=1&cursor=${page1.nextCursor}`, token: token.admin })).json() as TImportJobList;
    expect(page2.items[0]!.id).not.toBe(page1.items[0]!.id);
    expectProblem(await ctx.request({ method: 'GET', url: '/api/v1/imports?cursor=garbage', token: token.admin }), 400, 'VALIDATION_FAILED', ['querystring.cursor']);
  });
});

describe('dry run and commit', () => {
  it('a dry run reports every bad row (row, column, masked value, reason) and writes nothing', async () => {
    const { job } = await uploadCsv(token.eastCsr, csv(...GOOD, ...BAD));
    const before = { customers: await customerCount(), audit: await auditCount('customer.created') };
    expectProblem(await dryRun(undefined, job.id), 401, 'UNAUTHENTICATED');
    expectProblem(await dryRun(token.agent, job.id), 403, 'FORBIDDEN');
    expectProblem(await dryRun(token.westCsr, job.id), 404, 'NOT_FOUND');
    const res = await dryRun(token.eastCsr, job.id);
    expect(res.statusCode, res.body).toBe(200);
    const result = res.json() as TImportRunResult;
    expect(result.job).toMatchObject({ status: 'validated', rowsTotal: 7, rowsProcessed: 7, rowsValid: 3, rowsInvalid: 4, rowsCreated: 3, rowsUpdated: 0 });
    expect(await customerCount()).toBe(before.customers);
    expect(await auditCount('customer.created')).toBe(before.audit);
    const audited = await ctx.db.selectFrom('audit_event').select(['data', 'actor_name']).where('action', '=', 'import.run').where('entity_id', '=', job.id).executeTakeFirstOrThrow();
    expect(audited).toEqual({ actor_name: 'east.csr', data: { kind: 'customers', outcome: 'dry_run', mode: null, source: null, rowsTotal: 7, rowsCreated: 3, rowsUpdated: 0, rowsSkipped: 0, rowsInvalid: 4 } });

    const byRow = new Map<number, (typeof result.errors)[number][]>();
    for (const e of result.errors) byRow.set(e.rowNumber, [...(byRow.get(e.rowNumber) ?? []), e]);
    expect([...byRow.keys()]).toEqual([5, 6, 7, 8]);
    expect(byRow.get(5)![0]).toMatchObject({ column: '证件号码', field: 'idNumber', value: '330203********5625', code: 'CUSTOMER_INVALID_ID_NUMBER', rule: 'id_number_check_digit' });
    expect(byRow.get(6)![0]).toMatchObject({ column: '出生日期', field: 'birthDate', value: '1985-**-**', code: 'VALIDATION_FAILED', message: 'not a date (use YYYY-MM-DD)', rule: 'invalid_date' });
    expect(byRow.get(7)![0]).toMatchObject({ column: '姓名', field: 'name', value: null, message: 'name is required', rule: 'required' });
    expect(byRow.get(8)![0]).toMatchObject({ column: '所属机构', field: 'orgUnitCode', value: 'WEST-A', code: 'FORBIDDEN', message: 'org unit "WEST-A" is outside your data scope', rule: 'out_of_scope' });

    // Invalid mapping on dry run: exact field.
    expectProblem(await dryRun(token.eastCsr, job.id, { mapping: { 姓名: 'name', 没有: 'mobile' } }), 400, 'VALIDATION_FAILED', ['body.mapping.没有']);
  });

  it('all-or-nothing with bad rows writes nothing and answers IMPORT_HAS_INVALID_ROWS with the rows', async () => {
    const { job } = await uploadCsv(token.eastCsr, csv(...GOOD, ...BAD));
    const before = await customerCount();
    const problem = expectProblem(await commit(token.eastCsr, job.id, 'all'), 422, 'IMPORT_HAS_INVALID_ROWS');
    expect(problem.detail).toBe('4 of 7 rows are invalid; nothing was written. Fix them or commit the valid rows only.');
    expect(problem.errors!.map((e) => e.field)).toEqual(expect.arrayContaining(['rows[5].证件号码', 'rows[6].出生日期', 'rows[7].姓名', 'rows[8].所属机构']));
    expect(await customerCount()).toBe(before);
    const refused = await ctx.db.selectFrom('audit_event').select(['data']).where('action', '=', 'import.run').where('entity_id', '=', job.id).executeTakeFirstOrThrow();
    expect(refused.data).toMatchObject({ outcome: 'refused', mode: 'all', rowsInvalid: 4, rowsCreated: 0 });
    const after = (await ctx.request({ method: 'GET', url: `/api/v1/imports/${job.id}`, token: token.eastCsr })).json() as TImportJob;
    expect(after).toMatchObject({ status: 'validated', rowsInvalid: 4, rowsCreated: 0 });
    const errors = (await ctx.request({ method: 'GET', url: `/api/v1/imports/${job.id}/errors`, token: token.eastCsr })).json() as TImportRowErrorList;
    expect(new Set(errors.items.map((e) => e.rowNumber))).toEqual(new Set([5, 6, 7, 8]));
    // The stored row errors keep their rules (the console translates them).
    expect(errors.items.map((e) => e.rule).sort()).toEqual(['id_number_check_digit', 'invalid_date', 'out_of_scope', 'required']);
    expect(problem.errors!.map((e) => e.rule).sort()).toEqual(['id_number_check_digit', 'invalid_date', 'out_of_scope', 'required']);
  });

  it('valid-only writes the good rows, reports the bad ones; rows in = written + reported; a retry does not import twice', async () => {
    const { job } = await uploadCsv(token.eastCsr, csv(...GOOD, ...BAD));
    const before = await customerCount();
    const auditsBefore = await auditCount('import.run');
    expectProblem(await commit(undefined, job.id, 'valid'), 401, 'UNAUTHENTICATED');
    expectProblem(await ctx.request({ method: 'POST', url: `/api/v1/imports/${job.id}/commit`, token: token.eastCsr, payload: { mode: 'some' } }), 400, 'VALIDATION_FAILED', ['body.mode']);
    expectProblem(await commit(token.agent, job.id, 'valid'), 403, 'FORBIDDEN');
    expectProblem(await commit(token.westCsr, job.id, 'valid'), 404, 'NOT_FOUND');
    const first = await commit(token.eastCsr, job.id, 'valid');
    expect(first.statusCode, first.body).toBe(200);
    const { job: result, errors } = first.json() as TImportRunResult;
    expect(new Set(errors.map((e) => e.rowNumber))).toEqual(new Set([5, 6, 7, 8]));
    expect(result).toMatchObject({ status: 'committed', mode: 'valid', rowsTotal: 7, rowsCreated: 3, rowsUpdated: 0, rowsSkipped: 0, rowsInvalid: 4, rowsValid: 3 });
    expect(result.rowsCreated + result.rowsUpdated + result.rowsSkipped + result.rowsInvalid).toBe(result.rowsTotal);
    expect(await customerCount()).toBe(before + 3);
    const imported = await ctx.db.selectFrom('customer').select(['name', 'external_id']).where('external_id', 'in', ['T-1', 'T-2', 'T-3']).orderBy('external_id').execute();
    // (the customers module normalises the stray space in "陈 志强")
    expect(imported.map((c) => c.name)).toEqual(['王建国', '李秀英', '陈志强']);

    // The error rows never hold a full ID number or mobile.
    const stored = await ctx.db.selectFrom('import_row_error').select(['value']).where('job_id', '=', job.id).execute();
    for (const { value } of stored) {
      expect(value ?? '').not.toMatch(/\d{11}/);
    }
    // The stored file is erased once committed.
    expect((await ctx.db.selectFrom('import_job').select('file_enc').where('id', '=', job.id).executeTakeFirstOrThrow()).file_enc).toBeNull();

    // A retried commit does not import twice.
    expectProblem(await commit(token.eastCsr, job.id, 'valid'), 409, 'IMPORT_ALREADY_FINISHED');
    expectProblem(await dryRun(token.eastCsr, job.id), 409, 'IMPORT_ALREADY_FINISHED');
    expect(await customerCount()).toBe(before + 3);

    // Audited with counts, no personal data (the refused retries were not runs).
    expect(await auditCount('import.run')).toBe(auditsBefore + 1);
    const event = await ctx.db.selectFrom('audit_event').select(['data', 'entity_id']).where('action', '=', 'import.run').orderBy('seq', 'desc').executeTakeFirstOrThrow();
    expect(event.entity_id).toBe(job.id);
    expect(event.data).toEqual({ kind: 'customers', outcome: 'committed', mode: 'valid', source: null, rowsTotal: 7, rowsCreated: 3, rowsUpdated: 0, rowsSkipped: 0, rowsInvalid: 4 });
  });

  it('scope: a row matching a customer outside the caller’s subtree is reported, not updated', async () => {
    // T-1 was imported into EAST-A above; a west CSR re-importing it gets a row error on the key column.
    const { job } = await uploadCsv(token.westCsr, csv('T-1,王建国改,男,1985-03-12,,,,WEST-A,'));
    const res = await commit(token.westCsr, job.id, 'valid');
    expect(res.statusCode, res.body).toBe(200);
    const { errors } = res.json() as TImportRunResult;
    expect(errors).toEqual([{ rowNumber: 2, column: '外部编号', field: 'externalId', value: 'T-1', code: 'NOT_FOUND', message: 'the customer with this external id is not in your data scope', rule: 'out_of_scope' }]);
    expect((await ctx.db.selectFrom('customer').select('name').where('external_id', '=', 'T-1').executeTakeFirstOrThrow()).name).toBe('王建国');
  });

  it('the same Idempotency-Key replays the first commit', async () => {
    const { job } = await uploadCsv(token.eastCsr, csv('K-1,赵磊,男,1990-02-14,440305199002146734,13712345678,,EAST-A,'));
    const headers = { 'idempotency-key': `commit-${job.id}` };
    const first = await commit(token.eastCsr, job.id, 'all', headers);
    expect(first.statusCode, first.body).toBe(200);
    const again = await commit(token.eastCsr, job.id, 'all', headers);
    expect(again.statusCode).toBe(200);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(again.json()).toEqual(first.json());
    expect(await ctx.db.selectFrom('customer').select('id').where('external_id', '=', 'K-1').execute()).toHaveLength(1);
  });

  it('re-importing the same file updates by external id instead of duplicating', async () => {
    const content = csv('R-1,周敏,女,1980-11-11,330203198011115624,13612340000,,EAST-A,', 'R-2,郑强,男,1955-06-06,330106195506067812,,,EAST-A,');
    const first = await uploadCsv(token.eastCsr, content);
    expect(((await commit(token.eastCsr, first.job.id, 'all')).json() as TImportRunResult).job).toMatchObject({ rowsCreated: 2, rowsUpdated: 0 });
    const count = await customerCount();

    const changed = content.replace('周敏', '周敏敏');
    const second = await uploadCsv(token.eastCsr, changed);
    const res = await commit(token.eastCsr, second.job.id, 'all');
    expect(res.statusCode, res.body).toBe(200);
    expect((res.json() as TImportRunResult).job).toMatchObject({ rowsTotal: 2, rowsCreated: 0, rowsUpdated: 2, rowsInvalid: 0 });
    expect(await customerCount()).toBe(count);
    const names = await ctx.db.selectFrom('customer').select('name').where('external_id', '=', 'R-1').execute();
    expect(names).toEqual([{ name: '周敏敏' }]);
    // And again (the stored version has moved on since the first import).
    const third = await uploadCsv(token.eastCsr, content);
    const res3 = await commit(token.eastCsr, third.job.id, 'all');
    expect(res3.statusCode, res3.body).toBe(200);
    expect((res3.json() as TImportRunResult).job).toMatchObject({ rowsCreated: 0, rowsUpdated: 2 });
    expect(await ctx.db.selectFrom('customer').select('name').where('external_id', '=', 'R-1').execute()).toEqual([{ name: '周敏' }]);

    // A re-import that brings a new mobile adds it; the known one is not duplicated.
    const contactsOf = async (externalId: string) =>
      (await sql<{ channel: string; value: string }>`SELECT p.channel, p.value FROM contact_point p JOIN customer c ON c.id = p.customer_id WHERE c.external_id = ${externalId} ORDER BY p.value`.execute(ctx.db)).rows;
    expect(await contactsOf('R-1')).toEqual([{ channel: 'mobile', value: '13612340000' }]);
    const fourth = await uploadCsv(token.eastCsr, csv('R-1,周敏,女,1980-11-11,330203198011115624,13612340000,,EAST-A,', 'R-2,郑强,男,1955-06-06,330106195506067812,13712340000,zq@example.com,EAST-A,'));
    expect((await commit(token.eastCsr, fourth.job.id, 'all')).statusCode).toBe(200);
    expect(await contactsOf('R-1')).toEqual([{ channel: 'mobile', value: '13612340000' }]);
    expect(await contactsOf('R-2')).toEqual([
      { channel: 'mobile', value: '13712340000' },
      { channel: 'email', value: 'zq@example.com' },
    ]);
  });

  it('imports an XLSX file (first sheet, date cells)', async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('客户');
    sheet.addRow(['外部编号', '姓名', '性别', '出生日期', '所属机构']);
    sheet.addRow(['X-1', '林晓', '女', new Date(Date.UTC(1992, 4, 20)), 'EAST-A']);
    sheet.addRow(['X-2', '林海', '男', '1990-01-01', 'EAST-B']);
    const res = await upload(token.eastCsr, { kind: 'customers', fileName: 'c.xlsx', contentBase64: b64(new Uint8Array(await workbook.xlsx.writeBuffer())) });
    expect(res.statusCode, res.body).toBe(201);
    const { job } = res.json() as TCreatedImport;
    const committed = await commit(token.eastCsr, job.id, 'all');
    expect(committed.statusCode, committed.body).toBe(200);
    expect((committed.json() as TImportRunResult).job).toMatchObject({ rowsCreated: 2, rowsInvalid: 0 });
    const row = await ctx.db.selectFrom('customer').select(['birth_date']).where('external_id', '=', 'X-1').executeTakeFirstOrThrow();
    expect(row.birth_date).toBe('1992-05-20');
  });

  it('cancel: erases the file; a cancelled job cannot be committed', async () => {
    const { job } = await uploadCsv(token.eastCsr, csv(GOOD[0]!));
    const res = await ctx.request({ method: 'POST', url: `/api/v1/imports/${job.id}/cancel`, token: token.eastCsr });
    expect(res.statusCode, res.body).toBe(200);
    expect((res.json() as TImportJob).status).toBe('cancelled');
    expectProblem(await commit(token.eastCsr, job.id, 'all'), 409, 'IMPORT_ALREADY_FINISHED');
    expectProblem(await ctx.request({ method: 'POST', url: `/api/v1/imports/${job.id}/cancel`, token: token.eastCsr }), 409, 'IMPORT_ALREADY_FINISHED');
  });

  it('a run whose process died (no sign of life for 3 minutes) shows as interrupted and can run again; a live one cannot', async () => {
    const { job } = await uploadCsv(token.eastCsr, csv('S-1,冯涛,男,,,,,EAST-A,'));
    const show = async () => (await ctx.request({ method: 'GET', url: `/api/v1/imports/${job.id}`, token: token.eastCsr })).json() as TImportJob;
    for (const status of ['validating', 'committing'] as const) {
      // As a crashed server leaves it: the run's state, its transaction rolled back.
      await ctx.db.updateTable('import_job').set({ status, updated_at: new Date(Date.now() - 2 * 60 * 1000) }).where('id', '=', job.id).execute();
      expect(await show()).toMatchObject({ status, error: null });
      expectProblem(await commit(token.eastCsr, job.id, 'all'), 409, 'IMPORT_RUNNING');
      expectProblem(await dryRun(token.eastCsr, job.id), 409, 'IMPORT_RUNNING');
      expectProblem(await ctx.request({ method: 'POST', url: `/api/v1/imports/${job.id}/cancel`, token: token.eastCsr }), 409, 'IMPORT_RUNNING');
      await ctx.db.updateTable('import_job').set({ updated_at: new Date(Date.now() - 4 * 60 * 1000) }).where('id', '=', job.id).execute();
      expect(await show()).toMatchObject({ status: 'failed', error: { code: 'IMPORT_INTERRUPTED' } });
      const listed = (await ctx.request({ method: 'GET', url: '/api/v1/imports?limit=50', token: token.eastCsr })).json() as TImportJobList;
      expect(listed.items.find((j) => j.id === job.id)).toMatchObject({ status: 'failed', error: { code: 'IMPORT_INTERRUPTED' } });
      // Filtered by status, it is found among the failed ones, not among the running ones.
      const byStatus = async (s: string) => ((await ctx.request({ method: 'GET', url: `/api/v1/imports?limit=100&status=${s}`, token: token.eastCsr })).json() as TImportJobList).items.map((j) => j.id);
      expect(await byStatus('failed')).toContain(job.id);
      expect(await byStatus(status)).not.toContain(job.id);
      // A run this process holds is never taken for stopped, however old its row looks (on the
      // embedded database its progress writes wait behind its own transaction).
      holdRun(job.id);
      try {
        expect(await show()).toMatchObject({ status, error: null });
        expectProblem(await dryRun(token.eastCsr, job.id), 409, 'IMPORT_RUNNING');
        expectProblem(await ctx.request({ method: 'POST', url: `/api/v1/imports/${job.id}/cancel`, token: token.eastCsr }), 409, 'IMPORT_RUNNING');
      } finally {
        releaseRun(job.id);
      }
    }
    const res = await commit(token.eastCsr, job.id, 'all');
    expect(res.statusCode, res.body).toBe(200);
    expect((res.json() as TImportRunResult).job).toMatchObject({ status: 'committed', rowsCreated: 1, error: null });
    expect(await ctx.db.selectFrom('customer').select('name').where('external_id', '=', 'S-1').execute()).toEqual([{ name: '冯涛' }]);
  });
});

describe('in the background (Prefer: respond-async)', () => {
  const async = { prefer: 'respond-async' };
  const show = async (id: string) => (await ctx.request({ method: 'GET', url: `/api/v1/imports/${id}`, token: token.eastCsr })).json() as TImportJob;
  /** Polls the job until its run has finished, as the console does. */
  const settled = async (id: string) => {
    for (let i = 0; i < 200; i++) {
      const job = await show(id);
      if (job.status !== 'validating' && job.status !== 'committing') return job;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    throw new Error(`import ${id} still running after 10 s`);
  };

  it('a dry run answers 202 with the job validating, then shows the counts and row errors it found', async () => {
    const { job } = await uploadCsv(token.eastCsr, csv('B-1,何静,女,1990-02-14,,,,EAST-A,', ...BAD));
    const res = await ctx.request({ method: 'POST', url: `/api/v1/imports/${job.id}/dry-run`, token: token.eastCsr, payload: {}, headers: async });
    expect(res.statusCode, res.body).toBe(202);
    expect(res.headers['preference-applied']).toBe('respond-async');
    expect(res.json()).toMatchObject({ id: job.id, status: 'validating', rowsProcessed: 0, error: null });
    const done = await settled(job.id);
    expect(done).toMatchObject({ status: 'validated', rowsTotal: 5, rowsProcessed: 5, rowsValid: 1, rowsInvalid: 4, rowsCreated: 1, error: null });
    const errors = (await ctx.request({ method: 'GET', url: `/api/v1/imports/${job.id}/errors`, token: token.eastCsr })).json() as TImportRowErrorList;
    expect(new Set(errors.items.map((e) => e.rowNumber))).toEqual(new Set([3, 4, 5, 6]));
    expect(await ctx.db.selectFrom('customer').select('id').where('external_id', '=', 'B-1').execute()).toEqual([]);
  });

  it('a commit answers 202 with the job committing and writes the rows after the answer; a retry with the same key replays the 202', async () => {
    const { job } = await uploadCsv(token.eastCsr, csv('B-2,韩梅,女,1991-03-15,,,,EAST-A,', ...BAD));
    const auditsBefore = await auditCount('import.run');
    const headers = { ...async, 'idempotency-key': `async-commit-${job.id}` };
    const res = await commit(token.eastCsr, job.id, 'valid', headers);
    expect(res.statusCode, res.body).toBe(202);
    expect(res.json()).toMatchObject({ status: 'committing', mode: 'valid' });
    const done = await settled(job.id);
    expect(done).toMatchObject({ status: 'committed', mode: 'valid', rowsCreated: 1, rowsInvalid: 4, error: null });
    expect(done.finishedAt).not.toBeNull();
    expect(await ctx.db.selectFrom('customer').select('name').where('external_id', '=', 'B-2').execute()).toEqual([{ name: '韩梅' }]);
    expect(await auditCount('import.run')).toBe(auditsBefore + 1);
    const again = await commit(token.eastCsr, job.id, 'valid', headers);
    expect(again.statusCode).toBe(202);
    expect(again.headers['idempotent-replayed']).toBe('true');
    // Without the key it is a second commit of a committed import.
    expectProblem(await commit(token.eastCsr, job.id, 'valid', async), 409, 'IMPORT_ALREADY_FINISHED');
  });

  it('an all-or-nothing commit with invalid rows writes nothing and leaves the job validated with IMPORT_HAS_INVALID_ROWS', async () => {
    const { job } = await uploadCsv(token.eastCsr, csv('B-3,邓超,男,1980-01-01,,,,EAST-A,', BAD[1]!));
    const res = await commit(token.eastCsr, job.id, 'all', async);
    expect(res.statusCode, res.body).toBe(202);
    const done = await settled(job.id);
    expect(done).toMatchObject({ status: 'validated', mode: 'all', rowsValid: 1, rowsInvalid: 1, rowsCreated: 0, error: { code: 'IMPORT_HAS_INVALID_ROWS' } });
    expect(done.error!.message).toBe('1 of 2 rows are invalid; nothing was written. Fix them or commit the valid rows only.');
    expect(await ctx.db.selectFrom('customer').select('id').where('external_id', '=', 'B-3').execute()).toEqual([]);
    // Committing the valid rows then succeeds and clears the error.
    await commit(token.eastCsr, job.id, 'valid', async);
    expect(await settled(job.id)).toMatchObject({ status: 'committed', rowsCreated: 1, error: null });
  });

  it('a run that fails leaves the job failed with a code and a message that holds no row values; it can run again', async () => {
    const idNumber = `33010619840404122${idNumberCheckDigit('33010619840404122')}`;
    const { job } = await uploadCsv(token.eastCsr, csv(`B-4,彭丽,女,1984-04-04,${idNumber},13812340004,,EAST-A,`));
    const stored = await ctx.db.selectFrom('import_job').select('file_enc').where('id', '=', job.id).executeTakeFirstOrThrow();
    // A stored file that no longer decrypts (a key rotated away, say): the run fails after the 202.
    await ctx.db.updateTable('import_job').set({ file_enc: 'v1:not-a-ciphertext' }).where('id', '=', job.id).execute();
    expect((await commit(token.eastCsr, job.id, 'all', async)).statusCode).toBe(202);
    const failed = await settled(job.id);
    expect(failed).toMatchObject({ status: 'failed', rowsCreated: 0, error: { code: 'INTERNAL' } });
    for (const value of ['彭丽', idNumber, '13812340004']) expect(JSON.stringify(failed)).not.toContain(value);
    await ctx.db.updateTable('import_job').set({ file_enc: stored.file_enc }).where('id', '=', job.id).execute();
    await commit(token.eastCsr, job.id, 'all', async);
    expect(await settled(job.id)).toMatchObject({ status: 'committed', rowsCreated: 1, error: null });
  });
});

describe('error report', () => {
  it('JSON pages in row order and the CSV download, masked', async () => {
    const { job } = await uploadCsv(token.eastCsr, csv(...BAD));
    await dryRun(token.eastCsr, job.id);
    const page1 = (await ctx.request({ method: 'GET', url: `/api/v1/imports/${job.id}/errors?limit=2`, token: token.eastCsr })).json() as TImportRowErrorList;
    expect(page1.items.map((e) => e.rowNumber)).toEqual([2, 3]);
    const page2 = (await ctx.request({ method: 'GET', url: `/api/v1/imports/${job.id}/errors?limit=2&cursor=${page1.nextCursor}`, token: token.eastCsr })).json() as TImportRowErrorList;
    expect(page2.items.map((e) => e.rowNumber)).toEqual([4, 5]);
    expect(page2.nextCursor).toBeNull();

    expectProblem(await ctx.request({ method: 'GET', url: `/api/v1/imports/${job.id}/errors.csv` }), 401, 'UNAUTHENTICATED');
    expectProblem(await ctx.request({ method: 'GET', url: `/api/v1/imports/${job.id}/errors.csv`, token: token.agent }), 403, 'FORBIDDEN');
    expectProblem(await ctx.request({ method: 'GET', url: `/api/v1/imports/${job.id}/errors.csv`, token: token.westCsr }), 404, 'NOT_FOUND');
    const res = await ctx.request({ method: 'GET', url: `/api/v1/imports/${job.id}/errors.csv`, token: token.eastCsr });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(res.headers['content-disposition']).toBe(`attachment; filename="import-${job.id}-errors.csv"`);
    const lines = res.body.split('\n').filter(Boolean);
    expect(lines[0]).toBe('\uFEFFrow,column,field,value,code,message');
    expect(lines[1]).toMatch(/^2,证件号码,idNumber,330203\*{8}5625,CUSTOMER_INVALID_ID_NUMBER,/);
    expect(lines[2]).toBe('3,出生日期,birthDate,1985-**-**,VALIDATION_FAILED,not a date (use YYYY-MM-DD)');
    expect(lines[3]).toBe('4,姓名,name,,VALIDATION_FAILED,name is required');
    expect(lines[4]).toBe('5,所属机构,orgUnitCode,WEST-A,FORBIDDEN,"org unit ""WEST-A"" is outside your data scope"');
    expect(res.body).not.toContain('330203198011115625');
    expect(res.body).not.toContain('1985-13-01');
  });

  it('an unreadable CSV is refused without quoting the offending cell', async () => {
    const problem = expectProblem(await upload(token.eastCsr, { kind: 'customers', fileName: 'c.csv', contentBase64: b64(csv('T-9,周敏,女,,330106198503121231"x",,,EAST-A,')) }), 400, 'IMPORT_FILE_INVALID', ['body.contentBase64']);
    expect(problem.detail).toMatch(/^the CSV file cannot be read: /);
    expect(JSON.stringify(problem)).not.toContain('330106198503121231');
  });

  it('a cell that starts like a spreadsheet formula is neutralised in the CSV report', async () => {
    const { job } = await uploadCsv(token.eastCsr, csv('T-9,周敏,女,,,,,"=HYPERLINK(""http://x"")",'));
    await dryRun(token.eastCsr, job.id);
    const res = await ctx.request({ method: 'GET', url: `/api/v1/imports/${job.id}/errors.csv`, token: token.eastCsr });
    const lines = res.body.split('\n').filter(Boolean);
    expect(lines[1]).toMatch(/^2,所属机构,orgUnitCode,"'=HYPERLINK\(""http:\/\/x""\)",/);
  });
});

describe('saved mappings', () => {
  it('PUT/GET /import-mappings; an upload from the source starts with its mapping; a commit saves it', async () => {
    expectProblem(await ctx.request({ method: 'PUT', url: '/api/v1/import-mappings', payload: {} }), 401, 'UNAUTHENTICATED');
    expectProblem(await ctx.request({ method: 'PUT', url: '/api/v1/import-mappings', token: token.eastCsr, payload: { kind: 'customers', source: 'crm-b', mapping: { a: 'nope' } } }), 400, 'VALIDATION_FAILED', ['body.mapping.a']);
    expectProblem(await ctx.request({ method: 'PUT', url: '/api/v1/import-mappings', token: token.agent, payload: { kind: 'customers', source: 'crm-b', mapping: {} } }), 403, 'FORBIDDEN');
    const put = await ctx.request({ method: 'PUT', url: '/api/v1/import-mappings', token: token.eastCsr, payload: { kind: 'customers', source: 'crm-b', mapping: { 客户名: 'name', 会员号: 'externalId' } } });
    expect(put.statusCode, put.body).toBe(200);
    // The saved mapping first, then the default by header name for the other columns.
    const created = await uploadCsv(token.eastCsr, '会员号,客户名,手机号,工作\r\nM-1,何平,13800001111,教师\r\n', { source: 'crm-b' });
    expect(created.job.mapping).toEqual({ 客户名: 'name', 会员号: 'externalId', 手机号: 'mobile' });
    expect(created.unmappedHeaders).toEqual(['工作']);
    const mapping = { 客户名: 'name', 会员号: 'externalId', 手机号: 'mobile', 工作: 'occupation' };
    const res = await ctx.request({ method: 'POST', url: `/api/v1/imports/${created.job.id}/commit`, token: token.eastCsr, payload: { mode: 'all', mapping } });
    expect(res.statusCode, res.body).toBe(200);
    expect((res.json() as TImportRunResult).job.mapping).toEqual(mapping);
    expect((await ctx.db.selectFrom('customer').select('occupation').where('external_id', '=', 'M-1').executeTakeFirstOrThrow()).occupation).toBe('教师');
    const list = (await ctx.request({ method: 'GET', url: '/api/v1/import-mappings?kind=customers', token: token.eastCsr })).json() as TSavedImportMappingList;
    expect(list.items.find((m) => m.source === 'crm-b')).toMatchObject({ kind: 'customers', mapping, updatedByName: 'east.csr' });
    // The next upload from that source starts with it.
    const next = await uploadCsv(token.eastCsr, '会员号,客户名,工作\r\nM-2,何安,医生\r\n', { source: 'crm-b' });
    expect(next.job.mapping).toEqual({ 会员号: 'externalId', 客户名: 'name', 工作: 'occupation' });
  });
});

describe('relationships', () => {
  it('links customers found by external id or ID number, both ways; unknown customers are reported; re-import does not duplicate', async () => {
    const people = await uploadCsv(token.eastCsr, csv('H-1,张伟,男,1985-03-12,,,,EAST-A,', 'H-2,王芳,女,1988-08-08,110105198808080023,,,EAST-A,', 'H-3,张小宝,男,2012-01-05,,,,EAST-A,'));
    expect((await commit(token.eastCsr, people.job.id, 'all')).statusCode).toBe(200);
    const content = '客户外部编号,关系人外部编号,关系人证件号码,关系\r\nH-1,,110105198808080023,配偶\r\nH-1,H-3,,子女\r\nH-1,H-404,,子女\r\nH-2,H-3,,同事\r\n';
    const res = await upload(token.eastCsr, { kind: 'relationships', fileName: 'rel.csv', contentBase64: b64(content) });
    expect(res.statusCode, res.body).toBe(201);
    const { job } = res.json() as TCreatedImport;
    expect(job.mapping).toEqual({ 客户外部编号: 'customerExternalId', 关系人外部编号: 'relatedExternalId', 关系人证件号码: 'relatedIdNumber', 关系: 'type' });
    const committed = await commit(token.eastCsr, job.id, 'valid');
    expect(committed.statusCode, committed.body).toBe(200);
    const result = committed.json() as TImportRunResult;
    expect(result.job).toMatchObject({ rowsTotal: 4, rowsCreated: 2, rowsInvalid: 2 });
    expect(result.errors.map((e) => [e.rowNumber, e.column, e.value, e.code])).toEqual([
      [4, '关系人外部编号', 'H-404', 'NOT_FOUND'],
      [5, '关系', '同事', 'VALIDATION_FAILED'],
    ]);
    const ids = Object.fromEntries(
      (await ctx.db.selectFrom('customer').select(['id', 'external_id']).where('external_id', 'in', ['H-1', 'H-2', 'H-3']).execute()).map((r) => [r.external_id!, r.id]),
    );
    const links = await ctx.db.selectFrom('relationship').select(['customer_id', 'related_customer_id', 'type']).where('customer_id', 'in', Object.values(ids)).execute();
    expect(links).toHaveLength(4);
    expect(links).toEqual(
      expect.arrayContaining([
        { customer_id: ids['H-1'], related_customer_id: ids['H-2'], type: 'spouse' },
        { customer_id: ids['H-2'], related_customer_id: ids['H-1'], type: 'spouse' },
        { customer_id: ids['H-1'], related_customer_id: ids['H-3'], type: 'child' },
        { customer_id: ids['H-3'], related_customer_id: ids['H-1'], type: 'parent' },
      ]),
    );

    // Re-import: nothing duplicated; the rows count as unchanged (or written), never lost.
    const again = (await upload(token.eastCsr, { kind: 'relationships', fileName: 'rel.csv', contentBase64: b64(content) })).json() as TCreatedImport;
    const second = (await commit(token.eastCsr, again.job.id, 'valid')).json() as TImportRunResult;
    expect(second.job).toMatchObject({ rowsTotal: 4, rowsCreated: 0, rowsUpdated: 0, rowsSkipped: 2, rowsInvalid: 2 });
    expect(await ctx.db.selectFrom('relationship').select('id').where('customer_id', 'in', Object.values(ids)).execute()).toHaveLength(4);
  });

  it('within one file: a pair given again the other way round is the same link; a conflicting type for a pair is refused; links between organisations and persons follow their kinds', async () => {
    const people = await uploadCsv(token.eastCsr, csv('RL-1,赵磊,男,1980-01-01,,,,EAST-A,', 'RL-2,钱丽,女,1982-02-02,,,,EAST-A,', 'RL-3,孙明,男,2010-03-03,,,,EAST-A,'));
    const loaded = await commit(token.eastCsr, people.job.id, 'all');
    expect(loaded.statusCode, loaded.body).toBe(200);
    const content = '客户外部编号,关系人外部编号,关系\r\nRL-1,RL-2,配偶\r\nRL-2,RL-1,配偶\r\nRL-1,RL-3,子女\r\nRL-3,RL-1,配偶\r\nRL-2,RL-3,雇员\r\n';
    const { job } = (await upload(token.eastCsr, { kind: 'relationships', fileName: 'rel2.csv', contentBase64: b64(content) })).json() as TCreatedImport;
    const result = (await commit(token.eastCsr, job.id, 'valid')).json() as TImportRunResult;
    expect(result.job).toMatchObject({ rowsTotal: 5, rowsCreated: 2, rowsSkipped: 1, rowsInvalid: 2 });
    expect(result.errors.map((e) => [e.rowNumber, e.code])).toEqual([
      [5, 'CUSTOMER_INVALID_RELATIONSHIP'],
      [6, 'CUSTOMER_INVALID_RELATIONSHIP'],
    ]);
    const ids = (await ctx.db.selectFrom('customer').select('id').where('external_id', 'in', ['RL-1', 'RL-2', 'RL-3']).execute()).map((r) => r.id);
    expect(await ctx.db.selectFrom('relationship').select('id').where('customer_id', 'in', ids).execute()).toHaveLength(4);
  });
});

describe('roles (docs/access-control.md)', () => {
  // Written out from the access-control table, not computed from the permission map.
  const MAY_IMPORT: readonly TRole[] = ['admin', 'branch_manager', 'csr'];
  const MAY_EXPORT: readonly TRole[] = ['admin', 'branch_manager', 'analyst'];

  it('import needs customer:import, export needs customer:export, for every role', async () => {
    for (const role of ROLES) {
      const username = `role.${role.replace(/_/g, '-')}`;
      await seedStaff(ctx.db, org, units.eastA.id, username, [role]);
      const t = await loginAs(ctx.app, username);
      const up = await upload(t, { kind: 'customers', fileName: 'x.csv', contentBase64: b64(csv(GOOD[0]!)) });
      expect(up.statusCode, `${role} import`).toBe(MAY_IMPORT.includes(role) ? 201 : 403);
      const list = await ctx.request({ method: 'GET', url: '/api/v1/imports', token: t });
      expect(list.statusCode, `${role} list imports`).toBe(MAY_IMPORT.includes(role) ? 200 : 403);
      const exported = await ctx.request({ method: 'GET', url: '/api/v1/exports/customers.csv', token: t });
      expect(exported.statusCode, `${role} export`).toBe(MAY_EXPORT.includes(role) ? 200 : 403);
    }
  });
});

describe('large files (bulk path over chunks of rows)', () => {
  // Valid, distinct ID numbers born 1990–1992 in Hangzhou (region 330106).
  const idNumber = (i: number) => {
    const born = new Date(Date.UTC(1990, 0, 1) + i * 86_400_000).toISOString().slice(0, 10).replace(/-/g, '');
    const first17 = `330106${born}${String(100 + (i % 900)).padStart(3, '0')}`;
    return `${first17}${idNumberCheckDigit(first17)}`;
  };
  const row = (externalId: string, name: string, id: string, mobile: string) => `${externalId},${name},,,${id},${mobile},,EAST-A,`;

  it('writes new rows in bulk and still updates matches, repeats within the file, and reports every bad row — as a dry run predicts', async () => {
    // A customer stored before the import, which a row of the file updates.
    const before = await ctx.request({ method: 'POST', url: '/api/v1/customers', token: token.admin, payload: { name: '旧客户', idNumber: idNumber(1500), orgUnitId: units.eastA.id } });
    expect(before.statusCode, before.body).toBe(201);
    const lines = Array.from({ length: 1200 }, (_, i) => row(`BULK-${i}`, `批量客户${i}`, idNumber(i), `139${String(10_000_000 + i)}`));
    lines[599] = row('BULK-10', '批量客户十(改)', idNumber(10), '13910000010'); // repeats row 11's external id (an earlier chunk): updates it
    lines[699] = row('BULK-X', '重复证件', idNumber(5), '13700000001'); // another customer's ID number: refused
    lines[799] = row('BULK-Y', '坏证件', '330106199001011235', '13700000002'); // bad check digit: refused
    lines[1099] = `,同证件,,,${idNumber(1050)},,,EAST-A,`; // no external id, row 1051's ID number (same chunk): updates it
    lines[1149] = `,旧客户(改),,,${idNumber(1500)},,,EAST-A,`; // the stored customer's ID number: updates it
    const content = csv(...lines);
    const customers = await customerCount();
    const createdEvents = await auditCount('customer.created');

    const planned = await uploadCsv(token.eastCsr, content);
    const dry = (await dryRun(token.eastCsr, planned.job.id)).json() as TImportRunResult;
    const counts = { rowsTotal: 1200, rowsCreated: 1195, rowsUpdated: 3, rowsSkipped: 0, rowsInvalid: 2 };
    expect(dry.job).toMatchObject(counts);
    expect(dry.errors.map((e) => e.rowNumber)).toEqual([701, 801]);
    expect(await customerCount()).toBe(customers);

    const res = await commit(token.eastCsr, planned.job.id, 'valid');
    expect(res.statusCode, res.body).toBe(200);
    const done = res.json() as TImportRunResult;
    expect(done.job).toMatchObject(counts);
    expect(done.errors.map((e) => [e.rowNumber, e.column, e.code])).toEqual([
      [701, '证件号码', 'DUPLICATE'],
      [801, '证件号码', 'CUSTOMER_INVALID_ID_NUMBER'],
    ]);
    expect(await customerCount()).toBe(customers + 1195);
    expect(await auditCount('customer.created')).toBe(createdEvents + 1195);

    const byExternalId = async (externalId: string) => ctx.db.selectFrom('customer').select(['id', 'name', 'org_unit_id']).where('external_id', '=', externalId).executeTakeFirstOrThrow();
    expect((await byExternalId('BULK-10')).name).toBe('批量客户十(改)');
    expect((await byExternalId('BULK-1050')).name).toBe('同证件');
    expect((await ctx.db.selectFrom('customer').select('name').where('id', '=', (before.json() as { id: string }).id).executeTakeFirstOrThrow()).name).toBe('旧客户(改)');
    const last = await byExternalId('BULK-1199');
    expect(last.org_unit_id).toBe(units.eastA.id);
    const mobiles = await ctx.db.selectFrom('contact_point').select('value').where('customer_id', '=', last.id).execute();
    expect(mobiles.map((m) => m.value)).toEqual(['13910001199']);
    const read = await ctx.request({ method: 'GET', url: `/api/v1/customers/${last.id}`, token: token.admin });
    expect(read.json()).toMatchObject({ name: '批量客户1199', gender: 'male', idNumber: `${idNumber(1199).slice(0, 6)}********${idNumber(1199).slice(14)}` });
  });
});
