import { ZFieldRule, type TImportJob, type TImportRowError, type TImportStatus } from '@anxin/contracts';
import { isStaleRun, type ImportJobRow } from './import.repository.ts';

const INTERRUPTED = { code: 'IMPORT_INTERRUPTED', message: 'the run stopped with its server before it finished; nothing of it was kept — run it again' };

/**
 * Whitelists an import job for the API (never the file). A dry run or commit whose server stopped
 * (no sign of life for STALE_RUN_MS) shows as `failed`, IMPORT_INTERRUPTED: it may be run again.
 */
export function presentImportJob(row: ImportJobRow): TImportJob {
  const interrupted = isStaleRun(row);
  return {
    id: row.id,
    kind: row.kind,
    fileName: row.file_name,
    source: row.source,
    status: interrupted ? 'failed' : (row.status as TImportStatus),
    mode: row.mode,
    headers: row.headers,
    mapping: row.mapping,
    rowsTotal: row.rows_total,
    rowsProcessed: row.rows_processed,
    rowsValid: row.rows_valid,
    rowsInvalid: row.rows_invalid,
    rowsCreated: row.rows_created,
    rowsUpdated: row.rows_updated,
    rowsSkipped: row.rows_skipped,
    createdById: row.created_by_id,
    createdByName: row.created_by_name,
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
    validatedAt: row.validated_at?.toISOString() ?? null,
    finishedAt: row.finished_at?.toISOString() ?? null,
    error: interrupted ? INTERRUPTED : row.error_code ? { code: row.error_code, message: row.error_message ?? '' } : null,
  };
}

export function presentRowError(row: { row_number: number; column_name: string | null; field: string | null; value: string | null; code: string; message: string; rule: string; params: Record<string, string | number> | null }): TImportRowError {
  return { rowNumber: row.row_number, column: row.column_name, field: row.field, value: row.value, code: row.code, message: row.message, rule: ZFieldRule.catch('invalid').parse(row.rule), ...(row.params ? { params: row.params } : {}) };
}
