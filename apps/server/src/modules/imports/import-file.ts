import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { computeOffThread } from '../../platform/compute.ts';
import { IMPORT_MAX_FILE_BYTES } from '@anxin/contracts';
import { DomainError, fieldProblem, rule, type FieldProblem } from '../../platform/errors.ts';

/** One data row of an import file: its row number in the file (header = row 1) and its cells as text. */
export interface ImportRow {
  rowNumber: number;
  values: string[];
}

/** A parsed import file: the header row and the non-blank data rows. */
export interface ParsedImportFile {
  headers: string[];
  rows: ImportRow[];
}

const invalid = (problem: FieldProblem) => new DomainError('IMPORT_FILE_INVALID', problem.message, [fieldProblem('body.contentBase64', problem)]);

const isXlsx = (bytes: Uint8Array) => bytes.length > 4 && bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04;

/**
 * Decodes CSV bytes to text: UTF-8 (with or without BOM) when the bytes are valid UTF-8, otherwise
 * GB18030 (a superset of GBK/GB2312), which is what Excel on Chinese Windows writes as "CSV".
 */
export function decodeCsvText(bytes: Uint8Array): string {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return new TextDecoder('utf-8').decode(bytes.subarray(3));
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return new TextDecoder('gb18030').decode(bytes);
  }
}

/** Reads a CSV or XLSX import file (by content, then by name) into headers and rows; throws IMPORT_FILE_INVALID. */
export async function parseImportFile(bytes: Uint8Array, fileName: string): Promise<ParsedImportFile> {
  if (bytes.length === 0) throw invalid(rule('file_empty', 'the file is empty'));
  if (bytes.length > IMPORT_MAX_FILE_BYTES) throw invalid(rule('file_too_large', `the file is larger than ${IMPORT_MAX_FILE_BYTES / 1024 / 1024} MB`, { maxMb: IMPORT_MAX_FILE_BYTES / 1024 / 1024 }));
  const lower = fileName.toLowerCase();
  let table: string[][];
  if (isXlsx(bytes)) table = await readXlsx(bytes);
  else if (lower.endsWith('.xlsx') || lower.endsWith('.xls')) throw invalid(rule('file_unreadable', 'the file is not a valid XLSX workbook (old .xls files: save as .xlsx or CSV)'));
  else if (bytes.includes(0)) throw invalid(rule('file_unreadable', 'the file is not a CSV text file or an XLSX workbook'));
  else table = readCsv(decodeCsvText(bytes));
  return toParsed(table);
}

/** From these sizes a file is read in a worker thread (≈ 100 ms of parsing and more; smaller ones are not worth the worker's start). */
export const OFF_THREAD_BYTES = { csv: 2 * 1024 * 1024, xlsx: 100 * 1024 } as const;

/**
 * `parseImportFile`, for a large file in a worker thread: reading it is seconds of computation
 * (≈ 3.7 s for 100,000 XLSX rows, ≈ 0.9 s for a 20 MB CSV) that would otherwise hold the server's
 * event loop, and every other request, for as long. A small file is read here at once.
 */
export function parseImportFileOffThread(bytes: Uint8Array, fileName: string): Promise<ParsedImportFile> {
  if (bytes.length < (isXlsx(bytes) ? OFF_THREAD_BYTES.xlsx : OFF_THREAD_BYTES.csv)) return parseImportFile(bytes, fileName);
  return computeOffThread<ParsedImportFile>(new URL(import.meta.url), 'parseImportFile', [bytes, fileName]);
}

function readCsv(text: string): string[][] {
  try {
    return parse(text, { relax_column_count: true, skip_empty_lines: false, bom: true }) as string[][];
  } catch (error) {
    // csv-parse quotes the offending cell ("value is …"), which may be personal data: keep only where it is.
    const reason = (error instanceof Error ? error.message : String(error)).replace(/,?\s*value is [\s\S]*$/, '');
    throw invalid(rule('file_unreadable', `the CSV file cannot be read: ${reason}`));
  }
}

async function readXlsx(bytes: Uint8Array): Promise<string[][]> {
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer);
  } catch {
    throw invalid(rule('file_unreadable', 'the file is not a valid XLSX workbook'));
  }
  const sheet = workbook.worksheets[0];
  if (!sheet) throw invalid(rule('file_unreadable', 'the workbook has no sheet'));
  const table: string[][] = [];
  sheet.eachRow({ includeEmpty: true }, (row, rowNumber) => {
    const cells: string[] = [];
    for (let c = 1; c <= row.cellCount; c++) cells.push(cellText(row.getCell(c).value));
    table[rowNumber - 1] = cells;
  });
  for (let i = 0; i < table.length; i++) table[i] ??= [];
  return table;
}

/** Text of an XLSX cell: dates as YYYY-MM-DD, formulas by their result (or their error code), rich text joined. */
function cellText(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if (typeof value === 'object') {
    if ('richText' in value) return value.richText.map((r) => r.text).join('');
    if ('text' in value && typeof value.text === 'string') return value.text;
    if ('result' in value) return cellText((value.result ?? null) as ExcelJS.CellValue);
    // A formula error (#N/A, #DIV/0!, #REF!) stays visible, so the row is reported, not read as blank.
    if ('error' in value) return String(value.error);
    return '';
  }
  return String(value);
}

function toParsed(table: string[][]): ParsedImportFile {
  const headerIndex = table.findIndex((r) => r.some((c) => c.trim() !== ''));
  if (headerIndex < 0) throw invalid(rule('no_header_row', 'the file has no header row'));
  const headers = table[headerIndex]!.map((h) => h.replace(/^\uFEFF/, '').trim());
  while (headers.length > 0 && headers[headers.length - 1] === '') headers.pop();
  const seen = new Set<string>();
  for (const [i, h] of headers.entries()) {
    if (h === '') throw invalid(rule('header_empty', `column ${i + 1} of the header row is empty`, { column: i + 1 }));
    if (seen.has(h)) throw invalid(rule('header_twice', `the header "${h}" appears twice`, { header: h }));
    seen.add(h);
  }
  const rows: ImportRow[] = [];
  for (let i = headerIndex + 1; i < table.length; i++) {
    const values = (table[i] ?? []).map((v) => v.trim());
    if (values.every((v) => v === '')) continue;
    while (values.length < headers.length) values.push('');
    rows.push({ rowNumber: i + 1, values });
  }
  return { headers, rows };
}
