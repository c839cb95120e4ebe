import { hostname } from 'node:os';
import { sql, type Selectable } from 'kysely';
import { inTransaction, type Db, type Executor, type Tx } from './db/database.ts';
import type { JobTable } from './db/schema/service.ts';

export type JobRow = Selectable<JobTable>;

/**
 * The job table's leases and outcomes, shared by the worker (modules/automation/job-runner.ts), which
 * claims due jobs, and by requests that start a long job at once in their own process (the
 * segmentation batch's "Run now", a walk of the audit chain). A job is held by one worker id while `locked_until` lies ahead;
 * a holder that stops renewing (a crashed process) loses it to the next worker pass, which runs it
 * again — jobs are idempotent.
 */
export const JOB_LEASE_MS = 10 * 60_000;
/** Attempts before a failing job is left `failed`; earlier failures wait 5, 10, 15 … minutes. */
export const JOB_MAX_ATTEMPTS = 5;

/** This process's name in the job rows it holds (the in-process worker and background runs share it). */
export const processWorkerId = () => `${hostname()}:${process.pid}`;

/**
 * Keeps the leases of held jobs while they wait and run: a job that outlasts the lease (the
 * segmentation batch of a large book) is renewed every `everyMs`, so no other worker takes it over as
 * crashed; a job is let go once finished. A renewal touches only the rows this worker still holds.
 */
export function keepLeases(db: Executor, workerId: string, jobIds: readonly number[], clock: () => Date, everyMs: number, onError: (error: unknown) => void) {
  const held = new Set(jobIds);
  let inFlight: Promise<void> = Promise.resolve();
  const renew = async () => {
    if (held.size === 0) return;
    await db
      .updateTable('job')
      .set({ locked_until: new Date(clock().getTime() + JOB_LEASE_MS) })
      .where('id', 'in', [...held])
      .where('locked_by', '=', workerId)
      .where('status', '=', 'running')
      .execute();
  };
  const timer = held.size > 0 ? setInterval(() => (inFlight = inFlight.then(renew).catch(onError)), everyMs) : null;
  timer?.unref();
  return {
    finished: (id: number) => held.delete(id),
    stop: async () => {
      if (timer) clearInterval(timer);
      held.clear();
      await inFlight;
    },
  };
}

/** Records a finished job — only while this worker still holds it (a lapsed lease lost it to another). */
export async function completeJob(db: Executor, jobId: number, workerId: string, outcome: object) {
  await db.updateTable('job').set({ status: 'done', result: JSON.stringify(outcome), finished_at: new Date(), locked_until: null, last_error: null }).where('id', '=', jobId).where('locked_by', '=', workerId).execute();
}

/**
 * Records a failed attempt: the job waits `attempts × 5` minutes and is tried again, or is left
 * `failed` after the last attempt. The stored message is the error's own (never personal data: jobs
 * work on ids and set-based statements), cut to 500 characters.
 */
export async function failJob(db: Executor, job: { id: number; attempts: number }, workerId: string, error: unknown, now: Date) {
  const failed = job.attempts >= JOB_MAX_ATTEMPTS;
  const message = error instanceof Error ? error.message.slice(0, 500) : 'error';
  await db
    .updateTable('job')
    .set({ status: failed ? 'failed' : 'pending', run_at: new Date(now.getTime() + job.attempts * 5 * 60_000), locked_until: null, last_error: message, finished_at: failed ? new Date() : null })
    .where('id', '=', job.id)
    .where('locked_by', '=', workerId)
    .execute();
}

/**
 * Jobs a request claimed and runs in this process after answering (202 Accepted), so a long batch
 * never holds an HTTP request open. Each keeps its lease while it runs and records its outcome like a
 * worker's job; if the process dies, the lease lapses and the next worker pass runs the job again.
 * Closing the app waits for the jobs still running (`idle`), so the database is not closed under them.
 */
export class BackgroundJobs {
  private readonly running = new Set<Promise<void>>();

  constructor(
    private readonly db: Db,
    readonly workerId: string,
    private readonly onError: (what: string, error: unknown) => void,
    private readonly renewEveryMs = JOB_LEASE_MS / 3,
  ) {}

  /**
   * Runs `work` for a job this worker holds (status `running`, `locked_by` = `workerId`), once
   * `startAfter` has settled (a request's answer: see `run`). A failure is retried later unless
   * `retry` is false (then the job is left `failed`). Resolves once the outcome is recorded.
   */
  start(job: { id: number; attempts: number }, work: () => Promise<object>, startAfter?: Promise<unknown>, retry = true): Promise<void> {
    return this.run(`job ${job.id}`, async () => {
      const leases = keepLeases(this.db, this.workerId, [job.id], () => new Date(), this.renewEveryMs, (error) => this.onError('job lease renewal', error));
      try {
        const outcome = await work();
        await leases.stop();
        await completeJob(this.db, job.id, this.workerId, outcome);
      } catch (error) {
        await leases.stop();
        this.onError(`job ${job.id}`, error);
        await failJob(this.db, retry ? job : { ...job, attempts: JOB_MAX_ATTEMPTS }, this.workerId, error, new Date());
      }
    }, startAfter);
  }

  /**
   * Runs work that keeps its own state elsewhere (an import's dry run or commit records its progress
   * and outcome on the import job): tracked so that closing the app waits for it; an error it throws
   * is reported to `onError` under `what`. It starts once `startAfter` has settled: a request that
   * starts work passes its answer (`answered(reply)`), since on the embedded database (one connection)
   * work that took the connection first would hold the answer back — its idempotency record is written
   * before it is sent — until the work ended. Resolves when the work has ended (never rejects).
   */
  run(what: string, work: () => Promise<void>, startAfter?: Promise<unknown>): Promise<void> {
    const run = (async () => {
      await startAfter?.catch(() => undefined);
      await work();
    })().catch((error: unknown) => this.onError(what, error));
    this.running.add(run);
    void run.finally(() => this.running.delete(run));
    return run;
  }

  /** How many jobs started here are still running. */
  get runningCount(): number {
    return this.running.size;
  }

  /** Resolves once every job started here has finished and recorded its outcome. */
  async idle(): Promise<void> {
    while (this.running.size > 0) await Promise.allSettled([...this.running]);
  }
}

/**
 * Starts long work a request asked for as a job of `kind`, leased to this process, and runs it after
 * the answer (`jobs.start`). A job of the kind already running under a live lease — here or in any
 * other process — is returned instead of a second one; a due one nobody holds (pending, or running
 * under a lapsed lease) is taken. Requests for the kind are ordered by an advisory lock, and the
 * open jobs are read FOR UPDATE, so a worker's SKIP LOCKED claim never takes the same job. `audit`
 * records the request in the same transaction, only when a job starts. `finished` resolves once the
 * job started here has recorded its outcome; it is null when a job already running was returned.
 */
export async function startRequestedJob(
  db: Db,
  jobs: BackgroundJobs,
  request: {
    kind: string;
    payload: Record<string, unknown>;
    dedupeKey: string;
    now: Date;
    /** Records the request in the transaction that starts the job (omitted when the work audits the requesting user itself). */
    audit?: (tx: Tx, job: JobRow) => Promise<void>;
    work: () => Promise<object>;
    /** The request's answer, after which the work starts (see `BackgroundJobs.run`). */
    startAfter?: Promise<unknown>;
    /** False for work that must not run again later by itself after a failure (it is left `failed`). */
    retry?: boolean;
  },
): Promise<{ job: JobRow; finished: Promise<void> | null }> {
  const { kind, now } = request;
  const { job, started } = await inTransaction(db, async (tx) => {
    await sql`SELECT pg_advisory_xact_lock(hashtext(${`job:${kind}`}))`.execute(tx);
    const open = await tx
      .selectFrom('job')
      .selectAll()
      .where('kind', '=', kind)
      .where((eb) => eb.or([eb('status', '=', 'running'), eb.and([eb('status', '=', 'pending'), eb('run_at', '<=', now)])]))
      .orderBy('run_at')
      .forUpdate()
      .execute();
    const running = open.find((j) => j.status === 'running' && j.locked_until !== null && j.locked_until >= now);
    if (running) return { job: running, started: false };
    const lease = { status: 'running' as const, locked_by: jobs.workerId, locked_until: new Date(now.getTime() + JOB_LEASE_MS) };
    const due = open[0];
    const job = due
      ? await tx.updateTable('job').set({ ...lease, attempts: sql`attempts + 1` }).where('id', '=', due.id).returningAll().executeTakeFirstOrThrow()
      : await tx.insertInto('job').values({ kind, dedupe_key: request.dedupeKey, payload: JSON.stringify(request.payload), run_at: now, attempts: 1, ...lease }).returningAll().executeTakeFirstOrThrow();
    await request.audit?.(tx, job);
    return { job, started: true };
  });
  return { job, finished: started ? jobs.start(job, request.work, request.startAfter, request.retry ?? true) : null };
}

/** The fields every "run" of a job shows (a job's `pending` is a run's `queued`: due, or waiting to retry). */
export function jobRunFields(job: JobRow) {
  const requestedBy = (job.payload as { requestedBy?: unknown }).requestedBy;
  return {
    id: String(job.id),
    status: job.status === 'pending' ? ('queued' as const) : job.status,
    requestedBy: typeof requestedBy === 'string' ? requestedBy : null,
    requestedAt: job.created_at.toISOString(),
    runAt: job.run_at.toISOString(),
    finishedAt: job.finished_at?.toISOString() ?? null,
    attempts: job.attempts,
    error: job.last_error,
  };
}

/** A job of `kind` by the id a URL names (digits only; anything else is not found). */
export async function findJobOfKind(db: Executor, kind: string, id: string): Promise<JobRow | undefined> {
  if (!/^\d{1,15}$/.test(id)) return undefined;
  return db.selectFrom('job').selectAll().where('kind', '=', kind).where('id', '=', Number(id)).executeTakeFirst();
}
