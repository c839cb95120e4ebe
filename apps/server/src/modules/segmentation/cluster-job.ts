import { ZRunClustersRequest, type TClusterJob, type TClusterRun } from '@anxin/contracts';
import type { z } from 'zod';
import type { Actor } from '../../platform/actor.ts';
import type { Db } from '../../platform/db/database.ts';
import type { ModuleDeps } from '../../platform/deps.ts';
import { DomainError, forbidden, notFound } from '../../platform/errors.ts';
import { findJobOfKind, jobRunFields, startRequestedJob, type BackgroundJobs, type JobRow } from '../../platform/jobs.ts';
import { getSystemActor } from '../org/index.ts';
import { assertEnoughCustomersToCluster, assertMayRunClusters, runClusters } from './cluster.service.ts';
import { mayReadSegmentation } from './segmentation.policy.ts';

/** The job kind of a clustering run asked for with `Prefer: respond-async`. */
export const CLUSTER_JOB = 'cluster_run';

const outcomeOf = (run: TClusterRun) => ({ clusterRunId: run.id, k: run.k, customers: run.customers });

function presentClusterJob(job: JobRow): TClusterJob {
  const result = job.status === 'done' ? (job.result as TClusterJob['result']) : null;
  return { ...jobRunFields(job), result };
}

/**
 * Starts a clustering as a job of this process, after `startAfter` (k-means on the sample, then every
 * customer assigned and each cluster profiled in SQL: ≈ 30 s at a million customers). The checks a
 * run would fail on at once — permission, k range, too few customers — answer now. One clustering
 * runs at a time, here or in another process: while one runs, its job is returned and `finished` is
 * null. The run itself audits `cluster.changed` as the user who asked, and hands the run it made, or
 * its error, to `settled`. A failed clustering is left failed (not retried).
 */
async function startClusterJob(
  deps: ModuleDeps & { db: Db },
  actor: Actor,
  jobs: BackgroundJobs,
  input: z.infer<typeof ZRunClustersRequest>,
  now: Date,
  startAfter?: Promise<unknown>,
  settled?: (outcome: { run: TClusterRun } | { error: unknown }) => void,
) {
  assertMayRunClusters(actor, input);
  await assertEnoughCustomersToCluster(deps.db, input.kMax);
  return startRequestedJob(deps.db, jobs, {
    kind: CLUSTER_JOB,
    payload: { requestedBy: actor.displayName, input },
    dedupeKey: `${CLUSTER_JOB}:${now.toISOString()}:${actor.id}`,
    now,
    work: () =>
      runClusters(deps, actor, input).then(
        (run) => (settled?.({ run }), outcomeOf(run)),
        (error: unknown) => {
          settled?.({ error });
          throw error;
        },
      ),
    startAfter,
    // A clustering that failed is not run again later by itself: by then the analyst may have run
    // another, which it would replace.
    retry: false,
  });
}

/** `Prefer: respond-async`: the clustering's job at once (a new one, or the one already running). */
export async function requestClusterRun(
  deps: ModuleDeps & { db: Db },
  actor: Actor,
  jobs: BackgroundJobs,
  input: z.infer<typeof ZRunClustersRequest>,
  now = new Date(),
  startAfter?: Promise<unknown>,
): Promise<TClusterJob> {
  const { job } = await startClusterJob(deps, actor, jobs, input, now, startAfter);
  return presentClusterJob(job);
}

/**
 * Without the header: the same job, waited for, and the run it made (or its error). It keeps the one
 * at a time rule too: while another clustering runs, `409 CLUSTERING_RUNNING` names its job.
 */
export async function runClustersWaiting(
  deps: ModuleDeps & { db: Db },
  actor: Actor,
  jobs: BackgroundJobs,
  input: z.infer<typeof ZRunClustersRequest>,
  now = new Date(),
): Promise<TClusterRun> {
  let outcome: { run: TClusterRun } | { error: unknown } | undefined;
  const { job, finished } = await startClusterJob(deps, actor, jobs, input, now, undefined, (o) => (outcome = o));
  if (!finished) throw new DomainError('CLUSTERING_RUNNING', `A clustering is already running (job ${job.id}); follow it at /api/v1/clusters/jobs/${job.id}`);
  await finished;
  if (!outcome) throw new Error(`clustering job ${job.id} ended without an outcome`);
  if ('error' in outcome) throw outcome.error;
  return outcome.run;
}

/** One clustering job (poll it until it is `done` or `failed`). */
export async function getClusterJob(deps: ModuleDeps, actor: Actor, id: string): Promise<TClusterJob> {
  if (!mayReadSegmentation(actor)) throw forbidden('You may not view clusters');
  const job = await findJobOfKind(deps.db, CLUSTER_JOB, id);
  if (!job) throw notFound('Clustering job');
  return presentClusterJob(job);
}

/** A clustering job whose process stopped before it finished, run again by the worker as the system. */
export async function runClusterJobAsSystem(deps: ModuleDeps & { db: Db }, payload: unknown) {
  const input = ZRunClustersRequest.parse((payload as { input?: unknown }).input ?? {});
  const system = await getSystemActor(deps.db);
  if (!system) throw new Error('no head office: nothing to cluster');
  return outcomeOf(await runClusters(deps, system, input));
}
