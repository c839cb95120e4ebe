import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { DomainError } from '../../platform/errors.ts';
import { decodeCsvText, OFF_THREAD_BYTES, parseImportFile, parseImportFileOffThread } from './import-file.ts';
import { assertValidMapping, missingRequiredFields, suggestMapping } from './import-mapping.ts';
import { maskImportValue, parseImportDate, parseYuanToFen } from './import-values.ts';

const SAMPLES = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../../../docs/samples');
const utf8 = (text: string) => new TextEncoder().encode(text);

/** GB18030 bytes of a string, via a code-point table built by decoding (Node has no GB18030 encoder). */
function gb18030(text: string): Uint8Array {
  const table = new Map<string, number[]>();
  const decoder = new TextDecoder('gb18030');
  for (let hi = 0x81; hi <= 0xfe; hi++) {
    for (let lo = 0x40; lo <= 0xfe; lo++) {
      if (lo === 0x7f) continue;
      const ch = decoder.decode(new Uint8Array([hi, lo]));
      if (ch.length === 1 && !table.has(ch)) table.set(ch, [hi, lo]);
    }
  }
  const out: number[] = [];
  for (const ch of text) out.push(...(ch.charCodeAt(0) < 0x80 ? [ch.charCodeAt(0)] : table.get(ch)!));
  return new Uint8Array(out);
}

async function expectFileInvalid(work: Promise<unknown>, message: RegExp) {
  const error = await work.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(DomainError);
  expect((error as DomainError).code).toBe('IMPORT_FILE_INVALID');
  expect((error as DomainError).message).toMatch(message);
}

describe('CSV parsing', () => {
  it('reads UTF-8 with a BOM, quoted commas and quotes, skips blank lines and keeps file row numbers', async () => {
    const text = '\uFEFF姓名,地址,备注\r\n张三,"杭州市, 西湖区","说""你好"""\r\n\r\n,,\r\n李四,上海,\r\n';
    const parsed = await parseImportFile(utf8(text), 'a.csv');
    expect(parsed.headers).toEqual(['姓名', '地址', '备注']);
    expect(parsed.rows).toEqual([
      { rowNumber: 2, values: ['张三', '杭州市, 西湖区', '说"你好"'] },
      { rowNumber: 5, values: ['李四', '上海', ''] },
    ]);
  });

  it('reads UTF-8 without a BOM', async () => {
    const parsed = await parseImportFile(utf8('name,mobile\n王五,13812345678\n'), 'b.csv');
    expect(parsed.headers).toEqual(['name', 'mobile']);
    expect(parsed.rows[0]!.values).toEqual(['王五', '13812345678']);
  });

  it('falls back to GB18030 (Excel "CSV" on Chinese Windows)', async () => {
    const bytes = gb18030('姓名,性别\r\n张三,男\r\n');
    expect(() => new TextDecoder('utf-8', { fatal: true }).decode(bytes)).toThrow();
    expect(decodeCsvText(bytes)).toBe('姓名,性别\r\n张三,男\r\n');
    const parsed = await parseImportFile(bytes, 'gbk.csv');
    expect(parsed.headers).toEqual(['姓名', '性别']);
    expect(parsed.rows[0]!.values).toEqual(['张三', '男']);
  });

  it('reads the sample files', async () => {
    const parsed = await parseImportFile(readFileSync(path.join(SAMPLES, 'customers.csv')), 'customers.csv');
    expect(parsed.headers[0]).toBe('外部编号');
    expect(parsed.rows).toHaveLength(5);
    expect(parsed.rows[4]!.values[8]).toBe('杭州市西湖区龙井路1号, 2幢');
  });

  it('rejects empty files, binary files, duplicate or blank headers', async () => {
    await expectFileInvalid(parseImportFile(new Uint8Array(), 'x.csv'), /empty/);
    await expectFileInvalid(parseImportFile(new Uint8Array([1, 0, 2, 3]), 'x.csv'), /not a CSV/);
    await expectFileInvalid(parseImportFile(utf8('\n\n'), 'x.csv'), /no header/);
    await expectFileInvalid(parseImportFile(utf8('a,a\n1,2\n'), 'x.csv'), /"a" appears twice/);
    await expectFileInvalid(parseImportFile(utf8('a,,b\n1,2,3\n'), 'x.csv'), /column 2 of the header row is empty/);
    await expectFileInvalid(parseImportFile(utf8('not a workbook'), 'x.xlsx'), /not a valid XLSX/);
  });
});

describe('XLSX parsing', () => {
  it('reads the first sheet: text, numbers, dates, rich text, formulas; skips empty rows', async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('客户');
    workbook.addWorksheet('ignored').addRow(['x']);
    sheet.addRow(['姓名', '出生日期', '保费', '备注']);
    sheet.addRow(['张三', new Date(Date.UTC(1985, 2, 12)), 1234.5, { richText: [{ text: '富' }, { text: '文本' }] }]);
    sheet.addRow([]);
    sheet.addRow(['李四', '1990-01-01', { formula: '1+1', result: 2 }, null]);
    const bytes = new Uint8Array(await workbook.xlsx.writeBuffer());
    const parsed = await parseImportFile(bytes, 'customers.xlsx');
    expect(parsed.headers).toEqual(['姓名', '出生日期', '保费', '备注']);
    expect(parsed.rows).toEqual([
      { rowNumber: 2, values: ['张三', '1985-03-12', '1234.5', '富文本'] },
      { rowNumber: 4, values: ['李四', '1990-01-01', '2', ''] },
    ]);
  });

  it('keeps a formula error visible (so the row is reported, not read as blank)', async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('客户');
    sheet.addRow(['姓名', '出生日期']);
    sheet.addRow(['张三', { formula: 'VLOOKUP(A2,X:Y,2,0)', result: { error: '#N/A' } }]);
    const parsed = await parseImportFile(new Uint8Array(await workbook.xlsx.writeBuffer()), 'c.xlsx');
    expect(parsed.rows).toEqual([{ rowNumber: 2, values: ['张三', '#N/A'] }]);
  });
});

describe('large files, read in a worker thread', () => {
  it('a CSV and a workbook above the thresholds read the same as on the main thread; a bad one is refused with the same error', async () => {
    const line = 'C000001,王建国,男,1980-01-01,"浙江省杭州市西湖区文三路100号, 3 楼"\n';
    const csv = utf8(`externalId,name,gender,birthDate,address\n${line.repeat(Math.ceil(OFF_THREAD_BYTES.csv / line.length))}`);
    expect(csv.length).toBeGreaterThan(OFF_THREAD_BYTES.csv);
    const offThread = await parseImportFileOffThread(csv, 'big.csv');
    expect(offThread.rows.length).toBeGreaterThan(20_000);
    expect(offThread).toEqual(await parseImportFile(csv, 'big.csv'));

    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('客户');
    sheet.addRow(['姓名', '出生日期', '保费']);
    for (let i = 0; i < 8_000; i++) sheet.addRow([`客户${i}`, new Date(Date.UTC(1980, 0, 1 + (i % 365))), i * 10.5]);
    const xlsx = new Uint8Array(await workbook.xlsx.writeBuffer());
    expect(xlsx.length).toBeGreaterThan(OFF_THREAD_BYTES.xlsx);
    const parsed = await parseImportFileOffThread(xlsx, 'big.xlsx');
    expect(parsed.rows[1]).toEqual({ rowNumber: 3, values: ['客户1', '1980-01-02', '10.5'] });
    expect(parsed).toEqual(await parseImportFile(xlsx, 'big.xlsx'));

    const duplicateHeaders = utf8(`name,name\n${'王建国,王建国\n'.repeat(Math.ceil(OFF_THREAD_BYTES.csv / 20))}`);
    await expectFileInvalid(parseImportFileOffThread(duplicateHeaders, 'dup.csv'), /name/);
  });
});

describe('sample files', () => {
  it('customers.xlsx holds the same rows as customers.csv (dates from date cells)', async () => {
    const fromCsv = await parseImportFile(readFileSync(path.join(SAMPLES, 'customers.csv')), 'customers.csv');
    const fromXlsx = await parseImportFile(readFileSync(path.join(SAMPLES, 'customers.xlsx')), 'customers.xlsx');
    expect(fromXlsx.headers).toEqual(fromCsv.headers);
    const normalise = (rows: { values: string[] }[]) => rows.map((r) => r.values.map((v) => v.replace(/^(\d{4})\/(\d{1,2})\/(\d{1,2})$/, (_, y: string, m: string, d: string) => `${y}-${m.padStart(2, '0')}-${d.padStart(2, '0')}`)));
    expect(normalise(fromXlsx.rows)).toEqual(normalise(fromCsv.rows));
  });

  it('every sample header is recognised by the default mapping', async () => {
    for (const [file, kind] of [
      ['customers.csv', 'customers'],
      ['customers-with-errors.csv', 'customers'],
      ['relationships.csv', 'relationships'],
      ['policies.csv', 'policies'],
    ] as const) {
      const { headers } = await parseImportFile(readFileSync(path.join(SAMPLES, file)), file);
      expect(Object.keys(suggestMapping(kind, headers)).sort(), file).toEqual([...headers].sort());
    }
  });
});

describe('column mapping', () => {
  it('maps common Chinese and English headers by default', () => {
    const headers = ['外部编号', '姓名', '证件号码', '手机号', '性别', '出生日期', '客户类型', '邮箱', '地址', '所属机构', '业务员', '爱好'];
    expect(suggestMapping('customers', headers)).toEqual({
      外部编号: 'externalId',
      姓名: 'name',
      证件号码: 'idNumber',
      手机号: 'mobile',
      性别: 'gender',
      出生日期: 'birthDate',
      客户类型: 'kind',
      邮箱: 'email',
      地址: 'address',
      所属机构: 'orgUnitCode',
      业务员: 'ownerAgentUsername',
    });
    expect(suggestMapping('customers', ['Name', 'ID Number', 'birth_date', '身份证号', '手机'])).toEqual({ Name: 'name', 'ID Number': 'idNumber', birth_date: 'birthDate', 手机: 'mobile' });
    expect(suggestMapping('policies', ['保单号', '产品代码', '保额', '保费', '生效日期'])).toEqual({ 保单号: 'policyNo', 产品代码: 'productCode', 保额: 'sumInsured', 保费: 'premium', 生效日期: 'effectiveOn' });
  });

  it('prefers the saved mapping of the source', () => {
    expect(suggestMapping('customers', ['客户名', '姓名'], { 客户名: 'name', 姓名: 'occupation' })).toEqual({ 客户名: 'name', 姓名: 'occupation' });
  });

  it('rejects unknown columns and fields, a field mapped twice and missing required fields', () => {
    expect(missingRequiredFields('policies', { 保单号: 'policyNo', 保额: 'sumInsured', 保费: 'premium', 缴费方式: 'frequency', 业务员: 'agentUsername' })).toEqual(['productCode', 'effectiveOn', 'expiresOn']);
    try {
      assertValidMapping('customers', ['姓名', '手机'], { 姓名: 'name', 手机: 'mobile', 电话: 'mobile', 其他: 'nope' });
      expect.unreachable();
    } catch (error) {
      expect((error as DomainError).errors).toEqual([
        { field: 'body.mapping.电话', message: 'the file has no column "电话"', rule: 'no_such_column', params: { column: '电话' } },
        { field: 'body.mapping.电话', message: '"mobile" is already mapped from column "手机"', rule: 'mapped_twice', params: { field: 'mobile', column: '手机' } },
        { field: 'body.mapping.其他', message: 'the file has no column "其他"', rule: 'no_such_column', params: { column: '其他' } },
        { field: 'body.mapping.其他', message: '"nope" is not a customers field', rule: 'not_an_import_field', params: { field: 'nope' } },
      ]);
    }
    expect(() => assertValidMapping('customers', ['x'], { x: 'attributes.hobby', y: 'name' })).toThrow();
    expect(() => assertValidMapping('customers', ['x', 'y'], { x: 'attributes.hobby', y: 'name' })).not.toThrow();
  });
});

describe('cell values', () => {
  it('parses dates, money and masks personal values', () => {
    expect(parseImportDate('d', '1987/7/21')).toBe('1987-07-21');
    expect(parseImportDate('d', '2026年1月5日')).toBe('2026-01-05');
    expect(parseImportDate('d', '20260105')).toBe('2026-01-05');
    expect(() => parseImportDate('d', '2026-02-30')).toThrow(/not a date/);
    expect(parseYuanToFen('p', '1,234.5')).toBe(123450);
    expect(parseYuanToFen('p', '３００元')).toBe(30000);
    expect(() => parseYuanToFen('p', '-1')).toThrow(/not an amount/);
    expect(maskImportValue('idNumber', '330106198503121231')).toBe('330106********1231');
    expect(maskImportValue('insuredIdNumber', '3301061985')).toBe('**********');
    expect(maskImportValue('mobile', '13812345678')).toBe('138****5678');
    expect(maskImportValue('email', 'wang@example.com')).toBe('w***@example.com');
    expect(maskImportValue('name', '王建国')).toBe('王**');
    expect(maskImportValue('birthDate', '1985-13-01')).toBe('1985-**-**');
    expect(maskImportValue('beneficiaries', '330106198503121231:60;C-2:40')).toBe(`330${'*'.repeat(13)}31:60;C-2:40`);
    expect(maskImportValue('policyNo', 'P 13812345678')).toBe(`P 138${'*'.repeat(6)}78`);
  });
});
