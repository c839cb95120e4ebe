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

/**
 * What a bulk write did with one record: written, refused (the error is the row's report), or
 * `one_by_one` — left for `writeRow` after the chunk (a record that updates a stored one, or
 * repeats a key earlier in the chunk).
 */
export type ChunkOutcome = RowOutcome | DomainError | 'one_by_one';

/** Validates and writes one row of a kind through the owning module's services; throws DomainError for a bad row. */
export interface RowHandler {
  kind: TImportKind;
  /** The tables its rows fill (their planner statistics are refreshed after a large import). */
  tables: readonly (keyof DB)[];
  writeRow(deps: ModuleDeps & { db: Tx }, actor: Actor, record: ImportRecord, cache: RunCache): Promise<RowOutcome>;
  /**
   * Optional bulk path over a chunk of records, with the same checks as `writeRow`: one outcome per
   * record. If it throws a DomainError or a unique violation (a concurrent writer), the chunk is rolled
   * back and its records go through `writeRow` one by one.
   */
  writeChunk?(deps: ModuleDeps & { db: Tx }, actor: Actor, records: ImportRecord[], cache: RunCache): Promise<ChunkOutcome[]>;
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

/** Records a handler's bulk path takes at a time. */
const CHUNK_SIZE = 500;

/**
 * Runs every row through `handler` inside the caller's transaction. Rows go in chunks through the
 * handler's bulk path when it has one (each chunk in a SAVEPOINT); otherwise, and for the records the
 * bulk path leaves, each row runs alone in its own SAVEPOINT: a bad row is rolled back alone and
 * reported (row, column, masked value, reason); the good rows stay written. A dry run is this same
 * run in a transaction the caller rolls back, so a dry run and a commit validate identically.
 * Rows in = created + updated + skipped + invalid, always.
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
  const count = (outcome: RowOutcome) => {
    if (outcome === 'created') result.rowsCreated++;
    else if (outcome === 'updated') result.rowsUpdated++;
    else result.rowsSkipped++;
  };
  const recordOf = (row: ImportRow) => {
    const record: ImportRecord = {};
    columns.forEach(({ field }, i) => {
      const value = row.values[i];
      if (field && value !== undefined && value !== '') record[field] = value;
    });
    return record;
  };

  for (let start = 0; start < rows.length; start += CHUNK_SIZE) {
    const chunk = rows.slice(start, start + CHUNK_SIZE).map((row) => ({ row, record: recordOf(row), overfull: row.values.slice(headers.length).some((v) => v !== '') }));
    const outcomes = new Map<ImportRow, ChunkOutcome>();
    const bulk = chunk.filter((c) => !c.overfull);
    if (handler.writeChunk && bulk.length > 1) {
      await sql`SAVEPOINT import_chunk`.execute(deps.db);
      try {
        const written = await handler.writeChunk(deps, actor, bulk.map((c) => c.record), cache);
        await sql`RELEASE SAVEPOINT import_chunk`.execute(deps.db);
        bulk.forEach((c, i) => outcomes.set(c.row, written[i]!));
      } catch (error) {
        await sql`ROLLBACK TO SAVEPOINT import_chunk`.execute(deps.db);
        await sql`RELEASE SAVEPOINT import_chunk`.execute(deps.db);
        if (!(error instanceof DomainError) && !isUniqueViolation(error)) throw error;
      }
    }
    for (const [offset, { row, record, overfull }] of chunk.entries()) {
      const rowErrors: TImportRowError[] = [];
      const outcome = outcomes.get(row) ?? 'one_by_one';
      if (overfull) {
        rowErrors.push({ rowNumber: row.rowNumber, column: null, field: null, value: null, code: 'VALIDATION_FAILED', message: 'the row has more cells than the header row', rule: 'row_too_long' });
      } else if (outcome instanceof DomainError) {
        rowErrors.push(...toRowErrors(outcome, row.rowNumber, record, columnOfField, handler));
      } else if (outcome !== 'one_by_one') {
        count(outcome);
      } else {
        await sql`SAVEPOINT import_row`.execute(deps.db);
        try {
          count(await handler.writeRow(deps, actor, record, cache));
          await sql`RELEASE SAVEPOINT import_row`.execute(deps.db);
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
      input.onProgress?.(start + offset + 1, rows.length);
    }
  }
  return result;
}

/** Unique violations from a concurrent writer surface as a row error rather than failing the whole run. */
const isUniqueViolation = (error: unknown) => typeof error === 'object' && error !== null && (error as { code?: unknown }).code === '23505';

function toRowErrors(error: unknown, rowNumber: number, record: ImportRecord, columnOfField: Map<string, string>, handler: RowHandler): TImportRowError[] {
  if (isUniqueViolation(error)) {
    return [{ rowNumber, column: null, field: null, value: null, code: 'DUPLICATE', message: 'the row duplicates a record that already exists', rule: 'row_exists' }];
  }
  if (!(error instanceof DomainError)) throw error;
  const fieldOf = handler.fieldOf ?? defaultFieldOf;
  const base = { rowNumber, code: error.code as string };
  if (error.errors.length === 0) return [{ ...base, column: null, field: null, value: null, message: error.message, rule: 'invalid' }];
  return error.errors.map((fe) => {
    const field = fieldOf(fe.field);
    const column = field ? (columnOfField.get(field) ?? null) : null;
    const value = field ? (record[field] ?? null) : null;
    return { ...base, code: fe.code ?? base.code, column, field, value: maskImportValue(field, value), message: fe.message, rule: fe.rule, ...(fe.params ? { params: fe.params } : {}) };
  });
}

function defaultFieldOf(errorField: string): string | null {
  const path = errorField.replace(/^body\./, '');
  if (path.startsWith('attributes.')) return path.split('.').slice(0, 2).join('.');
  return path.split(/[.[]/)[0] || null;
}
