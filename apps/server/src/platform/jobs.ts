import { hostname } from 'node:os';
import type { Db, Executor } from './db/database.ts';

/**
 * The job table's leases and outcomes, shared by the worker (modules/automation/job-runner.ts), which
 * claims due jobs, and by requests that start a long job at once in their own process (the
 * segmentation batch's "Run now"). A job is held by one worker id while `locked_until` lies ahead;
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

  /** Runs `work` for a job this worker holds (status `running`, `locked_by` = `workerId`). */
  start(job: { id: number; attempts: number }, work: () => Promise<object>): void {
    const run = (async () => {
      const leases = keepLeases(this.db, this.workerId, [job.id], () => new Date(), this.renewEveryMs, (error) => this.onError('job lease renewal', error));
      try {
        const outcome = await work();
        await leases.stop();
        await completeJob(this.db, job.id, this.workerId, outcome);
      } catch (error) {
        await leases.stop();
        this.onError(`job ${job.id}`, error);
        await failJob(this.db, job, this.workerId, error, new Date());
      }
    })().catch((error: unknown) => this.onError(`job ${job.id} outcome`, error));
    this.running.add(run);
    void run.finally(() => this.running.delete(run));
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
