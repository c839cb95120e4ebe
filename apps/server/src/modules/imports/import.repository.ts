import type { TImportKind, TImportMapping, TImportRowError, TImportStatus } from '@anxin/contracts';
import { sql, type Selectable } from 'kysely';
import type { Executor } from '../../platform/db/database.ts';
import { newId } from '../../platform/ids.ts';
import type { ImportJobTable } from '../../platform/db/schema/imports.ts';

export type ImportJobRow = Omit<Selectable<ImportJobTable>, 'headers' | 'mapping'> & { headers: string[]; mapping: TImportMapping };

const JOB_COLUMNS = [
  'id',
  'kind',
  'file_name',
  'source',
  'status',
  'mode',
  'headers',
  'mapping',
  'file_enc',
  'rows_total',
  'rows_processed',
  'rows_valid',
  'rows_invalid',
  'rows_created',
  'rows_updated',
  'rows_skipped',
  'created_by_id',
  'created_by_name',
  'org_path',
  'created_at',
  'updated_at',
  'validated_at',
  'finished_at',
  'error_code',
  'error_message',
  'run_id',
] as const;

export interface NewImportJob {
  id: string;
  kind: TImportKind;
  fileName: string;
  source: string | null;
  headers: string[];
  mapping: TImportMapping;
  fileEnc: string;
  rowsTotal: number;
  createdById: string;
  createdByName: string;
  orgPath: string;
}

export async function insertImportJob(db: Executor, job: NewImportJob): Promise<ImportJobRow> {
  const row = await db
    .insertInto('import_job')
    .values({
      id: job.id,
      kind: job.kind,
      file_name: job.fileName,
      source: job.source,
      headers: JSON.stringify(job.headers),
      mapping: JSON.stringify(job.mapping),
      file_enc: job.fileEnc,
      rows_total: job.rowsTotal,
      created_by_id: job.createdById,
      created_by_name: job.createdByName,
      org_path: job.orgPath,
      // Millisecond precision, like the list cursor that carries it as an ISO string.
      created_at: new Date(),
      updated_at: new Date(),
    })
    .returning(JOB_COLUMNS)
    .executeTakeFirstOrThrow();
  return row as ImportJobRow;
}

/** A job in the given org subtree (the jobs of units below the caller's). */
export async function findImportJob(db: Executor, id: string, scopePath: string): Promise<ImportJobRow | undefined> {
  const row = await db
    .selectFrom('import_job')
    .select(JOB_COLUMNS)
    .where('id', '=', id)
    .where('org_path', 'like', `${scopePath}%`)
    .executeTakeFirst();
  return row as ImportJobRow | undefined;
}

/** Jobs newest first, keyset-paginated on (created_at, id). */
export async function listImportJobs(
  db: Executor,
  scopePath: string,
  query: { kind?: TImportKind; status?: TImportStatus; after?: { createdAt: Date; id: string }; limit: number },
): Promise<ImportJobRow[]> {
  let q = db.selectFrom('import_job').select(JOB_COLUMNS).where('org_path', 'like', `${scopePath}%`);
  if (query.kind) q = q.where('kind', '=', query.kind);
  // A run that stopped with its process is listed as what it is shown as: failed.
  if (query.status === 'failed') q = q.where((eb) => eb.or([eb('status', '=', 'failed'), eb.and([eb('status', 'in', ['validating', 'committing']), eb('updated_at', '<', staleBefore())])]));
  else if (query.status === 'validating' || query.status === 'committing') q = q.where('status', '=', query.status).where('updated_at', '>=', staleBefore());
  else if (query.status) q = q.where('status', '=', query.status);
  if (query.after) {
    const { createdAt, id } = query.after;
    q = q.where(sql<boolean>`(created_at, id) < (${createdAt}, ${id}::uuid)`);
  }
  const rows = await q.orderBy('created_at', 'desc').orderBy('id', 'desc').limit(query.limit).execute();
  return rows as ImportJobRow[];
}

/**
 * A running dry run or commit renews the job's `updated_at` at least this often (its progress, and a
 * heartbeat while it has none to report: reading the file, refreshing statistics).
 */
export const RUN_HEARTBEAT_MS = 30_000;

/**
 * A dry run or commit that has renewed nothing for this long died with its process (its transaction
 * was rolled back): the job shows as failed (`IMPORT_INTERRUPTED`) and may be run again.
 */
export const STALE_RUN_MS = 3 * 60_000;

/**
 * The runs this process holds. They are never stale, whatever their `updated_at` says: on the
 * embedded database (one connection, one process) a run's progress writes wait behind its own
 * transaction, so its row looks silent however long the run takes.
 */
const runsHere = new Set<string>();
export const holdRun = (id: string) => void runsHere.add(id);
export const releaseRun = (id: string) => void runsHere.delete(id);
export const isRunHere = (id: string) => runsHere.has(id);

/** True for a job in `validating` or `committing` whose run stopped with its process. */
export const isStaleRun = (job: Pick<ImportJobRow, 'id' | 'status' | 'updated_at'>, now = Date.now()) =>
  (job.status === 'validating' || job.status === 'committing') && job.updated_at.getTime() < now - STALE_RUN_MS && !runsHere.has(job.id);

const staleBefore = () => new Date(Date.now() - STALE_RUN_MS);

/**
 * Moves a job to `validating` (a dry run) or `committing` if it may run now; returns undefined
 * otherwise (finished, or a live run holds it). The conditional update is what makes a retried or
 * concurrent request harmless: only one of them claims the job.
 */
export async function claimImportRun(
  db: Executor,
  id: string,
  scopePath: string,
  patch: { status: 'validating'; mapping: TImportMapping } | { status: 'committing'; mode: 'all' | 'valid'; mapping: TImportMapping },
) {
  const row = await db
    .updateTable('import_job')
    .set({
      status: patch.status,
      mapping: JSON.stringify(patch.mapping),
      ...(patch.status === 'committing' ? { mode: patch.mode } : {}),
      rows_processed: 0,
      error_code: null,
      error_message: null,
      run_id: newId(),
      updated_at: new Date(),
    })
    .where('id', '=', id)
    .where('org_path', 'like', `${scopePath}%`)
    .where((eb) =>
      eb.or([
        eb('status', 'in', ['uploaded', 'validated', 'failed']),
        eb.and([eb('status', 'in', ['validating', 'committing']), eb('updated_at', '<', staleBefore())]),
      ]),
    )
    .returning(JOB_COLUMNS)
    .executeTakeFirst();
  return row as ImportJobRow | undefined;
}

/** A job as its run claimed it (`validating` or `committing`, with the claim's `run_id`). */
export type ClaimedRun = Pick<ImportJobRow, 'status' | 'run_id'>;

export interface ImportCounts {
  rowsProcessed: number;
  rowsValid: number;
  rowsInvalid: number;
  rowsCreated: number;
  rowsUpdated: number;
  rowsSkipped: number;
}

export async function updateImportJob(
  db: Executor,
  id: string,
  patch: Partial<ImportCounts> & {
    status?: TImportStatus;
    mapping?: TImportMapping;
    validatedAt?: Date;
    finishedAt?: Date;
    eraseFile?: boolean;
    /** The run's failure (null clears it). */
    error?: { code: string; message: string } | null;
    onlyIfStatus?: TImportStatus[];
    /** Only while the job is still the run's that claimed it (the claim's state and `run_id`). */
    onlyIfHeldBy?: ClaimedRun;
    /** Only a run that stopped with its process (no sign of life for STALE_RUN_MS). */
    onlyIfStale?: boolean;
  },
): Promise<ImportJobRow | undefined> {
  let q = db
    .updateTable('import_job')
    .set({
      updated_at: new Date(),
      ...(patch.status ? { status: patch.status } : {}),
      ...(patch.mapping ? { mapping: JSON.stringify(patch.mapping) } : {}),
      ...(patch.validatedAt ? { validated_at: patch.validatedAt } : {}),
      ...(patch.finishedAt ? { finished_at: patch.finishedAt } : {}),
      ...(patch.eraseFile ? { file_enc: null } : {}),
      ...(patch.error !== undefined ? { error_code: patch.error?.code ?? null, error_message: patch.error?.message ?? null } : {}),
      ...(patch.rowsProcessed !== undefined ? { rows_processed: patch.rowsProcessed } : {}),
      ...(patch.rowsValid !== undefined ? { rows_valid: patch.rowsValid } : {}),
      ...(patch.rowsInvalid !== undefined ? { rows_invalid: patch.rowsInvalid } : {}),
      ...(patch.rowsCreated !== undefined ? { rows_created: patch.rowsCreated } : {}),
      ...(patch.rowsUpdated !== undefined ? { rows_updated: patch.rowsUpdated } : {}),
      ...(patch.rowsSkipped !== undefined ? { rows_skipped: patch.rowsSkipped } : {}),
    })
    .where('id', '=', id);
  if (patch.onlyIfStatus) q = q.where('status', 'in', patch.onlyIfStatus);
  if (patch.onlyIfStale) q = q.where('updated_at', '<', staleBefore());
  if (patch.onlyIfHeldBy) q = q.where('status', '=', patch.onlyIfHeldBy.status).where('run_id', '=', patch.onlyIfHeldBy.run_id);
  const row = await q.returning(JOB_COLUMNS).executeTakeFirst();
  return row as ImportJobRow | undefined;
}

/**
 * Progress of a running job: the count only, nothing returned. (It once returned the whole job row,
 * the encrypted file included: megabytes read, sent and parsed for every progress report.)
 */
export async function recordImportProgress(db: Executor, run: ImportJobRow, rowsProcessed: number) {
  await db.updateTable('import_job').set({ rows_processed: rowsProcessed, updated_at: new Date() }).where('id', '=', run.id).where('status', '=', run.status).where('run_id', '=', run.run_id).execute();
}

/** Replaces the row errors of a job with those of its latest run. */
export async function replaceImportRowErrors(db: Executor, jobId: string, errors: TImportRowError[]): Promise<void> {
  await db.deleteFrom('import_row_error').where('job_id', '=', jobId).execute();
  for (let i = 0; i < errors.length; i += 500) {
    await db
      .insertInto('import_row_error')
      .values(
        errors.slice(i, i + 500).map((e) => ({
          job_id: jobId,
          row_number: e.rowNumber,
          column_name: e.column,
          field: e.field,
          value: e.value,
          code: e.code,
          message: e.message,
          rule: e.rule,
          params: e.params ? JSON.stringify(e.params) : null,
        })),
      )
      .execute();
  }
}

/** Row errors in row order, keyset-paginated on (row_number, id). */
export async function listImportRowErrors(db: Executor, jobId: string, query: { after?: { rowNumber: number; id: number }; limit: number }) {
  let q = db
    .selectFrom('import_row_error')
    .select(['id', 'row_number', 'column_name', 'field', 'value', 'code', 'message', 'rule', 'params'])
    .where('job_id', '=', jobId);
  if (query.after) q = q.where(sql<boolean>`(row_number, id) > (${query.after.rowNumber}, ${query.after.id})`);
  return q.orderBy('row_number').orderBy('id').limit(query.limit).execute();
}

export async function findImportMappings(db: Executor, kind?: TImportKind) {
  let q = db.selectFrom('import_mapping').select(['kind', 'source', 'mapping', 'updated_at', 'updated_by_name']);
  if (kind) q = q.where('kind', '=', kind);
  const rows = await q.orderBy('kind').orderBy('source').execute();
  return rows as (Omit<(typeof rows)[number], 'mapping'> & { mapping: TImportMapping })[];
}

export async function findImportMapping(db: Executor, kind: TImportKind, source: string): Promise<TImportMapping | undefined> {
  const row = await db.selectFrom('import_mapping').select('mapping').where('kind', '=', kind).where('source', '=', source).executeTakeFirst();
  return row?.mapping as TImportMapping | undefined;
}

export async function upsertImportMapping(db: Executor, kind: TImportKind, source: string, mapping: TImportMapping, updatedByName: string) {
  const row = await db
    .insertInto('import_mapping')
    .values({ kind, source, mapping: JSON.stringify(mapping), updated_by_name: updatedByName })
    .onConflict((oc) => oc.columns(['kind', 'source']).doUpdateSet({ mapping: JSON.stringify(mapping), updated_by_name: updatedByName, updated_at: new Date() }))
    .returning(['kind', 'source', 'mapping', 'updated_at', 'updated_by_name'])
    .executeTakeFirstOrThrow();
  return row as Omit<typeof row, 'mapping'> & { mapping: TImportMapping };
}
