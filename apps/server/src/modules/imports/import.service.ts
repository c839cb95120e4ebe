import type {
  TCreatedImport,
  TImportCommitRequest,
  TImportDryRunRequest,
  TImportJobListQuery,
  TImportKind,
  TImportMapping,
  TImportMappingListQuery,
  TImportRowErrorListQuery,
  TSaveImportMappingRequest,
} from '@anxin/contracts';
import { sql } from 'kysely';
import type { Actor } from '../../platform/actor.ts';
import type { Db, Executor, Tx } from '../../platform/db/database.ts';
import type { ModuleDeps } from '../../platform/deps.ts';
import { refreshReferenceStatistics } from '../../platform/db/migrate.ts';
import { DomainError, notFound, type RuledFieldError } from '../../platform/errors.ts';
import { newId } from '../../platform/ids.ts';
import type { BackgroundJobs } from '../../platform/jobs.ts';
import { recordAuditEvent } from '../audit/index.ts';
import { parseImportFileOffThread, type ParsedImportFile } from './import-file.ts';
import { assertValidMapping, isImportField, missingRequiredFields, suggestMapping } from './import-mapping.ts';
import { runImportRows, type ProgressListener, type RunResult } from './import-runner.ts';
import { assertCanImport } from './import.policy.ts';
import {
  claimImportRun,
  findImportJob,
  findImportMapping,
  findImportMappings,
  insertImportJob,
  listImportJobs,
  listImportRowErrors,
  recordImportProgress,
  replaceImportRowErrors,
  updateImportJob,
  upsertImportMapping,
  type ImportJobRow,
  holdRun,
  isRunHere,
  isStaleRun,
  releaseRun,
  RUN_HEARTBEAT_MS,
} from './import.repository.ts';
import { ROW_HANDLERS } from './row-handlers.ts';

/** How many row errors a dry run or commit returns inline (the rest via the errors routes). */
export const INLINE_ERRORS = 100;

export interface RunOptions {
  /** Called after each row (the CLI prints it); the job row's `rowsProcessed` is also updated. */
  onProgress?: ProgressListener;
}

/** Uploads a file: parses it (CSV/XLSX), stores it encrypted and suggests a column mapping. */
export async function createImport(
  deps: ModuleDeps,
  actor: Actor,
  input: { kind: TImportKind; fileName: string; bytes: Uint8Array; source?: string; mapping?: TImportMapping },
): Promise<{ job: ImportJobRow } & Omit<TCreatedImport, 'job'>> {
  assertCanImport(actor);
  const parsed = await parseImportFileOffThread(input.bytes, input.fileName);
  if (parsed.rows.length === 0) throw new DomainError('IMPORT_FILE_INVALID', 'the file has a header row but no data rows', [{ field: 'body.contentBase64', message: 'no data rows', rule: 'no_data_rows' }]);
  const saved = input.source ? await findImportMapping(deps.db, input.kind, input.source) : undefined;
  const mapping = input.mapping ?? suggestMapping(input.kind, parsed.headers, saved);
  if (input.mapping) assertValidMapping(input.kind, parsed.headers, input.mapping);
  const job = await insertImportJob(deps.db, {
    id: newId(),
    kind: input.kind,
    fileName: input.fileName,
    source: input.source ?? null,
    headers: parsed.headers,
    mapping,
    fileEnc: deps.cipher.encrypt(Buffer.from(input.bytes).toString('base64')),
    rowsTotal: parsed.rows.length,
    createdById: actor.id,
    createdByName: actor.displayName,
    orgPath: actor.orgPath,
  });
  return {
    job,
    unmappedHeaders: parsed.headers.filter((h) => mapping[h] === undefined),
    missingRequiredFields: missingRequiredFields(input.kind, mapping),
  };
}

/** One import job in the caller's subtree. */
export async function getImport(deps: ModuleDeps, actor: Actor, id: string): Promise<ImportJobRow> {
  assertCanImport(actor);
  const job = await findImportJob(deps.db, id, actor.orgPath);
  if (!job) throw notFound('Import job');
  return job;
}

/** Import jobs of the caller's subtree, newest first (keyset pagination). */
export async function listImports(deps: ModuleDeps, actor: Actor, query: TImportJobListQuery) {
  assertCanImport(actor);
  const after = decodeCursor(query.cursor, (parts) => ({ createdAt: new Date(parts[0]!), id: parts[1]! }));
  const rows = await listImportJobs(deps.db, actor.orgPath, { kind: query.kind, status: query.status, after, limit: query.limit + 1 });
  const page = rows.slice(0, query.limit);
  const last = page[page.length - 1];
  return { rows: page, nextCursor: rows.length > query.limit && last ? encodeCursor([last.created_at.toISOString(), last.id]) : null };
}

/** Row errors of a job's latest dry run or commit, in row order (keyset pagination). */
export async function listImportErrors(deps: ModuleDeps, actor: Actor, id: string, query: TImportRowErrorListQuery) {
  const job = await getImport(deps, actor, id);
  const after = decodeCursor(query.cursor, (parts) => ({ rowNumber: Number(parts[0]), id: Number(parts[1]) }));
  const rows = await listImportRowErrors(deps.db, job.id, { after, limit: query.limit + 1 });
  const page = rows.slice(0, query.limit);
  const last = page[page.length - 1];
  return { rows: page, nextCursor: rows.length > query.limit && last ? encodeCursor([String(last.row_number), String(last.id)]) : null };
}

/** Every row error of a job in batches (for the CSV error report), without holding them all in memory. */
export async function* iterateImportErrors(deps: ModuleDeps, actor: Actor, id: string) {
  const job = await getImport(deps, actor, id);
  let after: { rowNumber: number; id: number } | undefined;
  for (;;) {
    const rows = await listImportRowErrors(deps.db, job.id, { after, limit: 1000 });
    if (rows.length === 0) return;
    yield rows;
    const last = rows[rows.length - 1]!;
    after = { rowNumber: last.row_number, id: last.id };
  }
}

/**
 * Validates every row exactly as a commit would, then rolls everything back; stores the counts and
 * row errors. The caller waits for the run; `startDryRun` answers at once and runs it in the background.
 */
export async function dryRunImport(deps: ModuleDeps, actor: Actor, id: string, input: TImportDryRunRequest, options: RunOptions = {}) {
  const job = await claimRun(deps, actor, id, (mapping) => ({ status: 'validating', mapping }), input.mapping);
  return executeDryRun(deps, actor, job, options);
}

/**
 * Commits the rows. Mode `all`: one transaction, nothing written if any row is invalid
 * (IMPORT_HAS_INVALID_ROWS, with the row errors stored for the report). Mode `valid`: the valid
 * rows are written, the invalid ones reported. A job commits at most once (IMPORT_ALREADY_FINISHED).
 * The caller waits for the run; `startCommit` answers at once and runs it in the background.
 */
export async function commitImport(deps: ModuleDeps, actor: Actor, id: string, input: TImportCommitRequest, options: RunOptions = {}) {
  const job = await claimRun(deps, actor, id, (mapping) => ({ status: 'committing', mode: input.mode, mapping }), input.mapping);
  return executeCommit(deps, actor, job, input.mode, options);
}

/**
 * Claims the job for a dry run (`validating`) and returns it at once; the run goes on in `background`
 * and records its progress, counts, row errors and any failure on the job (polled at GET /imports/{id}).
 */
export async function startDryRun(deps: ModuleDeps, actor: Actor, background: BackgroundJobs, id: string, input: TImportDryRunRequest, startAfter?: Promise<unknown>): Promise<ImportJobRow> {
  const job = await claimRun(deps, actor, id, (mapping) => ({ status: 'validating', mapping }), input.mapping);
  background.run(`import ${job.id} dry run`, () => executeDryRun(deps, actor, job).then(() => undefined, reportedOnJob), startAfter);
  return job;
}

/** Claims the job for a commit (`committing`) and returns it at once; the commit goes on in `background` (see `startDryRun`). */
export async function startCommit(deps: ModuleDeps, actor: Actor, background: BackgroundJobs, id: string, input: TImportCommitRequest, startAfter?: Promise<unknown>): Promise<ImportJobRow> {
  const job = await claimRun(deps, actor, id, (mapping) => ({ status: 'committing', mode: input.mode, mapping }), input.mapping);
  background.run(`import ${job.id} commit`, () => executeCommit(deps, actor, job, input.mode).then(() => undefined, reportedOnJob), startAfter);
  return job;
}

/** A run's DomainError is the job's recorded outcome (its `error`); anything else is also the server's to log. */
function reportedOnJob(error: unknown) {
  if (!(error instanceof DomainError)) throw error;
}

/**
 * Checks the mapping, then moves the job to `validating` or `committing` in a short transaction of its
 * own, visible to every other request at once: of two concurrent requests one claims the job, the
 * other is told it runs (IMPORT_RUNNING) or has finished (IMPORT_ALREADY_FINISHED).
 */
async function claimRun(deps: ModuleDeps, actor: Actor, id: string, claim: (mapping: TImportMapping) => Parameters<typeof claimImportRun>[3], requested?: TImportMapping) {
  const current = await getImport(deps, actor, id);
  const mapping = requested ?? current.mapping;
  assertValidMapping(current.kind, current.headers, mapping);
  if (isRunHere(id)) throw running(current.status === 'committing' ? 'committing' : 'validating');
  const job = await claimImportRun(rootDb(deps), id, actor.orgPath, claim(mapping));
  if (job) return job;
  const now = (await findImportJob(deps.db, id, actor.orgPath)) ?? current;
  throw now.status === 'validating' || now.status === 'committing' ? running(now.status) : alreadyFinished(now);
}

async function executeDryRun(deps: ModuleDeps, actor: Actor, job: ImportJobRow, options: RunOptions = {}) {
  holdRun(job.id);
  const progress = progressWriter(rootDb(deps), job, options.onProgress);
  try {
    const parsed = await readStoredFile(deps, job);
    let result: RunResult | undefined;
    try {
      await rootDb(deps)
        .transaction()
        .execute(async (tx) => {
          result = await runImportRows({ ...deps, db: tx }, actor, { handler: ROW_HANDLERS[job.kind], headers: parsed.headers, rows: parsed.rows, mapping: job.mapping, onProgress: progress.report });
          throw new DryRunRollback();
        });
    } catch (error) {
      if (!(error instanceof DryRunRollback)) throw error;
    }
    await progress.stop();
    const run = result!;
    const updated = await rootDb(deps)
      .transaction()
      .execute(async (tx) => {
        const validated = holding(await updateImportJob(tx, job.id, { status: 'validated', validatedAt: new Date(), ...countsOf(run), onlyIfHeldBy: job }));
        await replaceImportRowErrors(tx, job.id, run.errors);
        await auditRun(tx, actor, job, 'dry_run', null, run);
        return validated;
      });
    return { job: updated, errors: run.errors.slice(0, INLINE_ERRORS) };
  } catch (error) {
    await progress.stop();
    await recordRunFailure(rootDb(deps), job, error);
    throw error;
  } finally {
    releaseRun(job.id);
  }
}

/**
 * A run's closing write names the state the run holds; if the job is no longer in it (cancelled, or
 * taken over as stopped by another process), the run's transaction is rolled back and nothing of it kept.
 */
function holding(updated: ImportJobRow | undefined): ImportJobRow {
  if (!updated) throw new DomainError('IMPORT_ALREADY_FINISHED', 'the import was cancelled or taken over while this run went on; nothing of this run was kept');
  return updated;
}

async function executeCommit(deps: ModuleDeps, actor: Actor, job: ImportJobRow, mode: 'all' | 'valid', options: RunOptions = {}) {
  holdRun(job.id);
  // Progress goes to the job row outside the main transaction (fire-and-forget, at most one write in
  // flight), so a poller sees it on PostgreSQL while the commit runs. PGlite has one connection: there
  // the writes queue behind the commit and pollers see the final counts.
  const progress = progressWriter(rootDb(deps), job, options.onProgress);
  let run: RunResult | undefined;
  try {
    const parsed = await readStoredFile(deps, job);
    const committed = await rootDb(deps)
      .transaction()
      .execute(async (tx) => {
        run = await runImportRows({ ...deps, db: tx }, actor, { handler: ROW_HANDLERS[job.kind], headers: parsed.headers, rows: parsed.rows, mapping: job.mapping, onProgress: progress.report });
        if (mode === 'all' && run.rowsInvalid > 0) throw new DryRunRollback();
        return finishCommit(tx, actor, job, job.mapping, mode, run);
      });
    await refreshStatistics(rootDb(deps), ROW_HANDLERS[job.kind].tables, run!.rowsCreated + run!.rowsUpdated);
    await progress.stop();
    return { job: committed, errors: run!.errors.slice(0, INLINE_ERRORS) };
  } catch (error) {
    await progress.stop();
    if (error instanceof DryRunRollback && run) {
      const result = run;
      const refusal = new DomainError(
        'IMPORT_HAS_INVALID_ROWS',
        `${result.rowsInvalid} of ${result.rowsTotal} rows are invalid; nothing was written. Fix them or commit the valid rows only.`,
        result.errors.slice(0, INLINE_ERRORS).map((e) => ({ field: `rows[${e.rowNumber}]${e.column ? `.${e.column}` : ''}`, message: e.message, code: e.code, rule: e.rule, ...(e.params ? { params: e.params } : {}) })),
        { jobId: job.id },
      );
      await rootDb(deps)
        .transaction()
        .execute(async (tx) => {
          holding(
            await updateImportJob(tx, job.id, {
              status: 'validated',
              validatedAt: new Date(),
              ...countsOf(result),
              rowsCreated: 0,
              rowsUpdated: 0,
              rowsSkipped: 0,
              error: { code: refusal.code, message: refusal.message },
              onlyIfHeldBy: job,
            }),
          );
          await replaceImportRowErrors(tx, job.id, result.errors);
          await auditRun(tx, actor, job, 'refused', mode, { ...result, rowsCreated: 0, rowsUpdated: 0, rowsSkipped: 0 });
        });
      throw refusal;
    }
    await recordRunFailure(rootDb(deps), job, error);
    throw error;
  } finally {
    releaseRun(job.id);
  }
}

/**
 * A run that stopped on an error leaves the job `failed` with the error's code and message (a
 * DomainError's own, which never holds row values; anything else as `INTERNAL`) — and only a job its
 * run still holds (its state and `run_id`): a commit that finished and then failed refreshing
 * statistics stays committed, a run that lost its job leaves the next run alone.
 */
async function recordRunFailure(db: Db, job: ImportJobRow, error: unknown) {
  const recorded =
    error instanceof DomainError
      ? { code: error.code as string, message: error.message }
      : { code: 'INTERNAL', message: 'the run stopped on an unexpected error (the server log records its time and kind); run it again, or ask the administrator if it recurs' };
  await updateImportJob(db, job.id, { status: 'failed', error: recorded, onlyIfHeldBy: job });
}

/** Rows written from which an import refreshes the planner statistics of the tables it filled. */
const ANALYZE_FROM_ROWS = 1_000;

/**
 * After a large import the planner's statistics describe the tables as they were: a customer's
 * policies, for one, are then looked up by scanning a whole branch's book (measured: 7 ms instead
 * of 0.2 ms per 360 view), and the new rows of the search indexes (GIN) wait in a pending list that
 * every search reads through. Autovacuum catches up later; the import brings them up to date at once
 * — VACUUM (ANALYZE) of the tables it filled, and the statistics of the small tables scopes join.
 */
async function refreshStatistics(db: Db, tables: readonly string[], rowsWritten: number) {
  if (rowsWritten < ANALYZE_FROM_ROWS) return;
  await sql.raw(`VACUUM (ANALYZE) ${tables.map((t) => `"${t}"`).join(', ')}`).execute(db);
  await refreshReferenceStatistics(db);
}

async function finishCommit(tx: Tx, actor: Actor, job: ImportJobRow, mapping: TImportMapping, mode: 'all' | 'valid', run: RunResult) {
  const updated = holding(await updateImportJob(tx, job.id, { status: 'committed', finishedAt: new Date(), eraseFile: true, ...countsOf(run), onlyIfHeldBy: job }));
  await replaceImportRowErrors(tx, job.id, run.errors);
  if (job.source) await upsertImportMapping(tx, job.kind, job.source, mapping, actor.displayName);
  await auditRun(tx, actor, job, 'committed', mode, run);
  return updated;
}

/** `import.run`: what ran and the counts — ids and numbers only, never row values. */
async function auditRun(tx: Tx, actor: Actor, job: ImportJobRow, outcome: 'dry_run' | 'committed' | 'refused', mode: 'all' | 'valid' | null, run: RunResult) {
  await recordAuditEvent(tx, actor, {
    action: 'import.run',
    entityType: 'import_job',
    entityId: job.id,
    data: {
      kind: job.kind,
      outcome,
      mode,
      source: job.source,
      rowsTotal: run.rowsTotal,
      rowsCreated: run.rowsCreated,
      rowsUpdated: run.rowsUpdated,
      rowsSkipped: run.rowsSkipped,
      rowsInvalid: run.rowsInvalid,
    },
  });
}

/** Cancels a job that was not committed; its stored file is erased. */
export async function cancelImport(deps: ModuleDeps, actor: Actor, id: string) {
  const job = await getImport(deps, actor, id);
  const updated = await updateImportJob(deps.db, job.id, { status: 'cancelled', finishedAt: new Date(), eraseFile: true, onlyIfStatus: ['uploaded', 'validated', 'failed'] });
  if (updated) return updated;
  if (isStaleRun(job)) {
    const interrupted = await updateImportJob(deps.db, job.id, { status: 'cancelled', finishedAt: new Date(), eraseFile: true, onlyIfStatus: [job.status], onlyIfStale: true });
    if (interrupted) return interrupted;
  }
  throw job.status === 'validating' || job.status === 'committing' ? running(job.status) : alreadyFinished(job);
}

/** Saved column mappings (per kind and source). */
export async function listImportMappings(deps: ModuleDeps, actor: Actor, query: TImportMappingListQuery) {
  assertCanImport(actor);
  return findImportMappings(deps.db, query.kind);
}

/** Saves (creates or replaces) the column mapping of a source system. */
export async function saveImportMapping(deps: ModuleDeps, actor: Actor, input: TSaveImportMappingRequest) {
  assertCanImport(actor);
  const problems = Object.entries(input.mapping)
    .filter(([, field]) => !isImportField(input.kind, field))
    .map(([column, field]): RuledFieldError => ({ field: `body.mapping.${column}`, message: `"${field}" is not a ${input.kind} field`, rule: 'not_an_import_field', params: { field } }));
  if (problems.length > 0) throw new DomainError('VALIDATION_FAILED', 'the column mapping is not usable', problems);
  return upsertImportMapping(deps.db, input.kind, input.source, input.mapping, actor.displayName);
}

class DryRunRollback extends Error {}

const running = (status: 'validating' | 'committing') =>
  new DomainError('IMPORT_RUNNING', status === 'committing' ? 'the import is being committed' : 'the import is being validated (dry run)');

const alreadyFinished = (job: ImportJobRow) => new DomainError('IMPORT_ALREADY_FINISHED', `the import is already ${job.status}`);

const countsOf = (run: RunResult) => ({
  rowsProcessed: run.rowsTotal,
  rowsValid: run.rowsTotal - run.rowsInvalid,
  rowsInvalid: run.rowsInvalid,
  rowsCreated: run.rowsCreated,
  rowsUpdated: run.rowsUpdated,
  rowsSkipped: run.rowsSkipped,
});

function rootDb(deps: ModuleDeps): Db {
  if (deps.db.isTransaction) throw new Error('an import run opens its own transactions: pass the database, not a transaction');
  return deps.db as Db;
}

async function readStoredFile(deps: ModuleDeps, job: ImportJobRow): Promise<ParsedImportFile> {
  if (!job.file_enc) throw new DomainError('IMPORT_ALREADY_FINISHED', 'the file of this import was erased');
  return parseImportFileOffThread(Buffer.from(deps.cipher.decrypt(job.file_enc), 'base64'), job.file_name);
}

/**
 * Writes progress to the job row outside the run's transaction without ever awaiting it inside
 * (on PGlite that would wait for the connection the transaction holds): at most one write in
 * flight, later reports skipped while it runs. Every RUN_HEARTBEAT_MS the count is written even
 * without news, so the run never looks stopped while it reads the file or refreshes statistics.
 * `stop` ends the heartbeat and awaits the last write.
 */
function progressWriter(db: Executor, run: ImportJobRow, listener?: ProgressListener) {
  let inFlight: Promise<unknown> | undefined;
  let lastWritten = 0;
  let latest = 0;
  const write = (processed: number) => {
    lastWritten = processed;
    inFlight = recordImportProgress(db, run, processed)
      .catch(() => undefined)
      .finally(() => (inFlight = undefined));
  };
  const heartbeat = setInterval(() => {
    if (!inFlight) write(latest);
  }, RUN_HEARTBEAT_MS);
  heartbeat.unref();
  return {
    report(processed: number, total: number) {
      listener?.(processed, total);
      latest = processed;
      if (inFlight || (processed - lastWritten < 50 && processed !== total)) return;
      write(processed);
    },
    async stop() {
      clearInterval(heartbeat);
      await inFlight;
    },
  };
}

function encodeCursor(parts: string[]) {
  return Buffer.from(JSON.stringify(parts)).toString('base64url');
}

function decodeCursor<T>(cursor: string | undefined, build: (parts: string[]) => T): T | undefined {
  if (!cursor) return undefined;
  try {
    const parts = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as unknown;
    if (Array.isArray(parts) && parts.length === 2 && parts.every((p) => typeof p === 'string')) return build(parts as string[]);
  } catch {
    // fall through
  }
  throw new DomainError('VALIDATION_FAILED', 'the cursor is not valid', [{ field: 'querystring.cursor', message: 'invalid cursor', rule: 'invalid_cursor' }]);
}

