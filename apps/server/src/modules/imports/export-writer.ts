import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { stringify } from 'csv-stringify/sync';
import ExcelJS from 'exceljs';
import type { TExportFormat } from '@anxin/contracts';

/** One column of an export file: the key in the row object and the header shown to people. */
export interface ExportColumn {
  key: string;
  header: string;
}

/**
 * Neutralises spreadsheet formulas: a text cell that starts with = + - @ or a tab/carriage return
 * would be evaluated by Excel or WPS (CSV/formula injection), so it gets a leading apostrophe.
 */
export const spreadsheetSafe = <T>(value: T): T | string => (typeof value === 'string' && /^[=+\-@\t\r]/.test(value) ? `'${value}` : value);

export type ExportRow = Record<string, string | number | boolean | null | undefined>;

/**
 * Writes batches of (already masked) rows to a CSV (UTF-8 with BOM, for Excel) or XLSX file on disk,
 * one batch at a time, so a large export never sits in memory. Returns the number of rows written.
 */
export async function writeExportFile(path: string, format: TExportFormat, columns: ExportColumn[], batches: AsyncIterable<ExportRow[]>): Promise<number> {
  let count = 0;
  const cells = (row: ExportRow) => columns.map((c) => spreadsheetSafe(row[c.key] ?? ''));
  if (format === 'csv') {
    const out = createWriteStream(path);
    const write = async (chunk: string) => {
      if (!out.write(chunk)) await once(out, 'drain');
    };
    try {
      await write(`\uFEFF${stringify([columns.map((c) => c.header)])}`);
      for await (const batch of batches) {
        if (batch.length === 0) continue;
        await write(stringify(batch.map(cells)));
        count += batch.length;
      }
    } finally {
      out.end();
      await once(out, 'close');
    }
    return count;
  }
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: path, useSharedStrings: false, useStyles: false });
  const sheet = workbook.addWorksheet('export');
  sheet.columns = columns.map((c) => ({ header: c.header, key: c.key, width: Math.max(12, c.header.length + 4) }));
  for await (const batch of batches) {
    for (const row of batch) sheet.addRow(cells(row)).commit();
    count += batch.length;
  }
  sheet.commit();
  await workbook.commit();
  return count;
}
