import { describe, expect, it, vi } from 'vitest';
import { createTestContext } from '../test/context.ts';
import { BackgroundJobs, JOB_LEASE_MS } from './jobs.ts';

// Jobs a request starts in its own process: leased while they run, outcome recorded as a worker's.
const ctx = await createTestContext();

const heldJob = async (key: string, workerId: string) =>
  ctx.db
    .insertInto('job')
    .values({ kind: 'segmentation', dedupe_key: key, payload: JSON.stringify({}), run_at: new Date(), status: 'running', attempts: 1, locked_by: workerId, locked_until: new Date(Date.now() + JOB_LEASE_MS) })
    .returning(['id', 'attempts'])
    .executeTakeFirstOrThrow();
const jobRow = (id: number) => ctx.db.selectFrom('job').select(['status', 'result', 'last_error', 'locked_until', 'finished_at', 'run_at']).where('id', '=', id).executeTakeFirstOrThrow();

describe('background jobs', () => {
  it('records a finished job’s result, and a failed one for a retry with its error; idle() waits for both', async () => {
    const failures: string[] = [];
    const jobs = new BackgroundJobs(ctx.db, 'api-1', (what) => failures.push(what), 20);
    const ok = await heldJob('bg:ok', 'api-1');
    const bad = await heldJob('bg:bad', 'api-1');
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    jobs.start(ok, async () => {
      await gate;
      return { customers: 3 };
    });
    jobs.start(bad, async () => {
      throw new Error('relation "customer_metric" is locked');
    });
    expect(jobs.runningCount).toBe(2);
    // While it waits, the running job's lease is renewed (every 20 ms here).
    const leased = (await jobRow(ok.id)).locked_until!;
    await vi.waitFor(async () => expect((await jobRow(ok.id)).locked_until!.getTime()).toBeGreaterThan(leased.getTime()), { timeout: 10_000, interval: 20 });
    release();
    await jobs.idle();
    expect(jobs.runningCount).toBe(0);

    expect(await jobRow(ok.id)).toMatchObject({ status: 'done', result: { customers: 3 }, last_error: null, locked_until: null });
    const failed = await jobRow(bad.id);
    expect(failed).toMatchObject({ status: 'pending', last_error: 'relation "customer_metric" is locked', locked_until: null, finished_at: null });
    expect(failed.run_at.getTime()).toBeGreaterThan(Date.now() + 4 * 60_000); // retried after 5 minutes
    expect(failures).toEqual([`job ${bad.id}`]);
  });

  it('a job started without retry is left failed at its first failure', async () => {
    const jobs = new BackgroundJobs(ctx.db, 'api-1', () => undefined);
    const once = await heldJob('bg:once', 'api-1');
    jobs.start(once, async () => {
      throw new Error('k-means did not converge');
    }, undefined, false);
    await jobs.idle();
    expect(await jobRow(once.id)).toMatchObject({ status: 'failed', last_error: 'k-means did not converge', locked_until: null });
    expect((await jobRow(once.id)).finished_at).not.toBeNull();
  });

  it('run(): work that keeps its own state is tracked until it ends, and its error reported under its name', async () => {
    const failures: [string, unknown][] = [];
    const jobs = new BackgroundJobs(ctx.db, 'api-1', (what, error) => failures.push([what, error]));
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    let finished = false;
    jobs.run('import 1 commit', async () => {
      await gate;
      finished = true;
    });
    jobs.run('import 2 dry run', async () => {
      throw new Error('boom');
    });
    expect(jobs.runningCount).toBe(2);
    const idle = jobs.idle();
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(finished).toBe(false);
    release();
    await idle;
    expect(finished).toBe(true);
    expect(jobs.runningCount).toBe(0);
    expect(failures.map(([what, error]) => [what, (error as Error).message])).toEqual([['import 2 dry run', 'boom']]);
  });

  it('run() with startAfter: the work begins only once the request’s answer has gone', async () => {
    const jobs = new BackgroundJobs(ctx.db, 'api-1', () => undefined);
    let answer!: () => void;
    const answered = new Promise<void>((resolve) => (answer = resolve));
    const order: string[] = [];
    jobs.run('import 3 commit', async () => void order.push('work'), answered);
    await new Promise((resolve) => setTimeout(resolve, 20));
    order.push('answered');
    answer();
    await jobs.idle();
    expect(order).toEqual(['answered', 'work']);
  });

  it('does not record over a job another worker took after the lease lapsed', async () => {
    const jobs = new BackgroundJobs(ctx.db, 'api-2', () => undefined);
    const job = await heldJob('bg:lost', 'api-2');
    jobs.start(job, async () => {
      await ctx.db.updateTable('job').set({ locked_by: 'worker-9' }).where('id', '=', job.id).execute();
      return { customers: 1 };
    });
    await jobs.idle();
    expect(await jobRow(job.id)).toMatchObject({ status: 'running', result: null });
  });
});
