import type { TImportKind, TImportMapping, TImportRowError } from '@anxin/contracts';
import { sql } from 'kysely';
import type { Actor } from '../../platform/actor.ts';
import type { Tx } from '../../platform/db/database.ts';
import type { DB } from '../../platform/db/schema.ts';
import type { ModuleDeps } from '../../platform/deps.ts';
import { DomainError } from '../../platform/errors.ts';
import type { ImportRow } from './import-file.ts';
import { maskImportValue } from './import-values.ts';

/** What writing one row did. `skipped` = the row matched what is stored (re-import of an unchanged row). */
export type RowOutcome = 'created' | 'updated' | 'skipped';

/** The mapped cells of one row: target field → trimmed text (empty cells are absent). */
export type ImportRecord = Record<string, string>;

/** Lookups shared by the rows of one run (org units by code, staff by username, …), so each is read once. */
export type RunCache = Map<string, unknown>;

/** Validates and writes one row of a kind through the owning module's services; throws DomainError for a bad row. */
export interface RowHandler {
  kind: TImportKind;
  /** The tables its rows fill (their planner statistics are refreshed after a large import). */
  tables: readonly (keyof DB)[];
  writeRow(deps: ModuleDeps & { db: Tx }, actor: Actor, record: ImportRecord, cache: RunCache): Promise<RowOutcome>;
  /** Maps a service's error field path (`body.idNumber`) to an import field; default: the first segment after `body.`. */
  fieldOf?(errorField: string): string | null;
}

export interface RunResult {
  rowsTotal: number;
  rowsCreated: number;
  rowsUpdated: number;
  rowsSkipped: number;
  rowsInvalid: number;
  errors: TImportRowError[];
}

export type ProgressListener = (rowsProcessed: number, rowsTotal: number) => void;

/**
 * Runs every row through `handler` inside the caller's transaction, each row in its own SAVEPOINT:
 * a bad row is rolled back alone and reported (row, column, masked value, reason); the good rows
 * stay written. A dry run is this same run in a transaction the caller rolls back, so a dry run
 * and a commit validate identically. Rows in = created + updated + skipped + invalid, always.
 */
export async function runImportRows(
  deps: ModuleDeps & { db: Tx },
  actor: Actor,
  input: { handler: RowHandler; headers: string[]; rows: ImportRow[]; mapping: TImportMapping; onProgress?: ProgressListener },
): Promise<RunResult> {
  const { handler, headers, rows, mapping } = input;
  const columnOfField = new Map(Object.entries(mapping).map(([column, field]) => [field, column]));
  const columns = headers.map((header) => ({ header, field: mapping[header] }));
  const cache: RunCache = new Map();
  const result: RunResult = { rowsTotal: rows.length, rowsCreated: 0, rowsUpdated: 0, rowsSkipped: 0, rowsInvalid: 0, errors: [] };

  for (const [index, row] of rows.entries()) {
    const record: ImportRecord = {};
    columns.forEach(({ field }, i) => {
      const value = row.values[i];
      if (field && value !== undefined && value !== '') record[field] = value;
    });
    const rowErrors: TImportRowError[] = [];
    if (row.values.slice(headers.length).some((v) => v !== '')) {
      rowErrors.push({ rowNumber: row.rowNumber, column: null, field: null, value: null, code: 'VALIDATION_FAILED', message: 'the row has more cells than the header row' });
    } else {
      await sql`SAVEPOINT import_row`.execute(deps.db);
      try {
        const outcome = await handler.writeRow(deps, actor, record, cache);
        await sql`RELEASE SAVEPOINT import_row`.execute(deps.db);
        if (outcome === 'created') result.rowsCreated++;
        else if (outcome === 'updated') result.rowsUpdated++;
        else result.rowsSkipped++;
      } catch (error) {
        await sql`ROLLBACK TO SAVEPOINT import_row`.execute(deps.db);
        await sql`RELEASE SAVEPOINT import_row`.execute(deps.db);
        rowErrors.push(...toRowErrors(error, row.rowNumber, record, columnOfField, handler));
      }
    }
    if (rowErrors.length > 0) {
      result.rowsInvalid++;
      result.errors.push(...rowErrors);
    }
    input.onProgress?.(index + 1, rows.length);
  }
  return result;
}

/** Unique violations from a concurrent writer surface as a row error rather than failing the whole run. */
const isUniqueViolation = (error: unknown) => typeof error === 'object' && error !== null && (error as { code?: unknown }).code === '23505';

function toRowErrors(error: unknown, rowNumber: number, record: ImportRecord, columnOfField: Map<string, string>, handler: RowHandler): TImportRowError[] {
  if (isUniqueViolation(error)) {
    return [{ rowNumber, column: null, field: null, value: null, code: 'DUPLICATE', message: 'the row duplicates a record that already exists' }];
  }
  if (!(error instanceof DomainError)) throw error;
  const fieldOf = handler.fieldOf ?? defaultFieldOf;
  const base = { rowNumber, code: error.code as string };
  if (error.errors.length === 0) return [{ ...base, column: null, field: null, value: null, message: error.message }];
  return error.errors.map((fe) => {
    const field = fieldOf(fe.field);
    const column = field ? (columnOfField.get(field) ?? null) : null;
    const value = field ? (record[field] ?? null) : null;
    return { ...base, code: fe.code ?? base.code, column, field, value: maskImportValue(field, value), message: fe.message };
  });
}

function defaultFieldOf(errorField: string): string | null {
  const path = errorField.replace(/^body\./, '');
  if (path.startsWith('attributes.')) return path.split('.').slice(0, 2).join('.');
  return path.split(/[.[]/)[0] || null;
}
