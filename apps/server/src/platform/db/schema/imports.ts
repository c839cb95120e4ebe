// Table types of the imports slice (import_job, import_row_error, import_mapping); DDL in migrations/0004_imports.sql.
import type { ColumnType, Generated } from 'kysely';
import type { NullableTimestamp, Timestamp } from '../schema.ts';

type Json<T> = ColumnType<T, string, string>;

export interface ImportMappingTable {
  kind: 'customers' | 'relationships' | 'policies';
  source: string;
  mapping: Json<Record<string, string>>;
  updated_by_name: string;
  updated_at: Timestamp;
}

export interface ImportJobTable {
  id: string;
  kind: 'customers' | 'relationships' | 'policies';
  file_name: string;
  source: string | null;
  status: Generated<'uploaded' | 'validating' | 'validated' | 'committing' | 'committed' | 'failed' | 'cancelled'>;
  mode: 'all' | 'valid' | null;
  headers: Json<string[]>;
  mapping: Json<Record<string, string>>;
  file_enc: string | null;
  rows_total: Generated<number>;
  rows_processed: Generated<number>;
  rows_valid: Generated<number>;
  rows_invalid: Generated<number>;
  rows_created: Generated<number>;
  rows_updated: Generated<number>;
  rows_skipped: Generated<number>;
  created_by_id: string;
  created_by_name: string;
  org_path: string;
  created_at: Timestamp;
  updated_at: Timestamp;
  validated_at: NullableTimestamp;
  finished_at: NullableTimestamp;
  /** The last run's failure (migration 0014): a problem code and its message, null after a run that finished. */
  error_code: string | null;
  error_message: string | null;
  /** The current (or last) run's id, new at each claim: a run writes only while it is still the job's. */
  run_id: string | null;
}

export interface ImportRowErrorTable {
  id: Generated<number>;
  job_id: string;
  row_number: number;
  column_name: string | null;
  field: string | null;
  value: string | null;
  code: string;
  message: string;
  rule: ColumnType<string, string | undefined, string>;
  params: ColumnType<Record<string, string | number> | null, string | null, string | null>;
}

export interface ImportTables {
  import_mapping: ImportMappingTable;
  import_job: ImportJobTable;
  import_row_error: ImportRowErrorTable;
}
