import { ZSegmentRunResult, type TSegmentationRun, type TSegmentRunResult } from '@anxin/contracts';
import type { Actor } from '../../platform/actor.ts';
import type { Db, Executor } from '../../platform/db/database.ts';
import type { ModuleDeps } from '../../platform/deps.ts';
import { forbidden, notFound } from '../../platform/errors.ts';
import { findJobOfKind, jobRunFields, startRequestedJob, type BackgroundJobs, type JobRow } from '../../platform/jobs.ts';
import { recordAuditEvent, recordStandaloneAuditEvent } from '../audit/index.ts';
import { assignClusters } from './cluster-assign.ts';
import { refreshMetrics, scoreRfm } from './metrics.ts';
import { openRiskAlerts } from './risk-alert.service.ts';
import { mayManageSegmentation, mayReadSegmentation } from './segmentation.policy.ts';
import { applyTags } from './tag-rules.ts';
import { applyTiers } from './tiers.ts';

/**
 * The segmentation batch over every customer (`anxin segment run`, the nightly job, or "Run now"):
 * metrics, RFM scores and named segments, lifecycle segments and quadrants, tags and the good/bad
 * lists, tiers, clusters of the active cluster run, risk alerts. Each step is one set-based
 * statement (or one per tag rule); a rerun is harmless.
 */
export async function runSegmentationBatch(db: Executor, now: Date): Promise<TSegmentRunResult> {
  const started = performance.now();
  const customers = await refreshMetrics(db, now);
  await scoreRfm(db);
  await assignClusters(db);
  const tagsApplied = await applyTags(db, now);
  const tiersChanged = await applyTiers(db);
  const alertsOpened = await openRiskAlerts(db, now);
  return { customers, tagsApplied, tiersChanged, alertsOpened, seconds: Math.round(performance.now() - started) / 1000, computedAt: now.toISOString() };
}

/**
 * "Run now": starts the batch as a job in this process and answers at once (the batch of a large
 * book takes minutes — 136–189 s at a million customers — longer than a request should stay open).
 * A batch already running (the nightly one, or another user's) is not started twice: its run is
 * returned. A batch that is due but not yet taken by a worker (tonight's, with the worker between
 * passes or switched off) is taken and started here (`startRequestedJob`). The request is audited
 * now, the run when it finishes (`segmentation.run`, as the system, with who asked).
 */
export async function requestSegmentationRun(deps: ModuleDeps & { db: Db }, actor: Actor, jobs: BackgroundJobs, now = new Date(), startAfter?: Promise<unknown>): Promise<TSegmentationRun> {
  if (!mayManageSegmentation(actor)) throw forbidden('You may not run segmentation');
  const { job } = await startRequestedJob(deps.db, jobs, {
    kind: 'segmentation',
    payload: { requestedBy: actor.displayName },
    dedupeKey: `segmentation:run:${now.toISOString()}:${actor.id}`,
    now,
    audit: (tx, job) => recordAuditEvent(tx, actor, { action: 'segmentation.run_requested', entityType: 'job', entityId: String(job.id), data: { jobId: job.id } }),
    work: () => runSegmentationAsSystem(deps.db, new Date(), `run now: ${actor.displayName}`),
    startAfter,
  });
  return presentRun(job);
}

/** The latest runs of the batch, nightly and "Run now", newest first (a nightly run not yet due is left out). */
export async function listSegmentationRuns(deps: ModuleDeps, actor: Actor, limit = 10, now = new Date()): Promise<TSegmentationRun[]> {
  if (!mayReadSegmentation(actor)) throw forbidden('You may not view segmentation');
  const rows = await deps.db.selectFrom('job').selectAll().where('kind', '=', 'segmentation').where((eb) => eb.or([eb('status', '!=', 'pending'), eb('run_at', '<=', now), eb('attempts', '>', 0)])).orderBy('id', 'desc').limit(limit).execute();
  return rows.map(presentRun);
}

/** One run (poll it after "Run now" until it is `done` or `failed`). */
export async function getSegmentationRun(deps: ModuleDeps, actor: Actor, id: string): Promise<TSegmentationRun> {
  if (!mayReadSegmentation(actor)) throw forbidden('You may not view segmentation');
  const row = await findJobOfKind(deps.db, 'segmentation', id);
  if (!row) throw notFound('Segmentation run');
  return presentRun(row);
}

function presentRun(job: JobRow): TSegmentationRun {
  const fields = jobRunFields(job);
  const result = job.status === 'done' ? ZSegmentRunResult.safeParse(job.result) : undefined;
  return { ...fields, trigger: fields.requestedBy === null ? 'nightly' : 'manual', result: result?.success ? result.data : null };
}

/** The batch run by the system (CLI, nightly job), audited as the system. */
export async function runSegmentationAsSystem(db: Executor, now = new Date(), by = 'system') {
  const result = await runSegmentationBatch(db, now);
  await recordStandaloneAuditEvent(db, null, { action: 'segmentation.run', entityType: 'customer_metric', entityId: null, data: { ...result, by } });
  return result;
}

/**
 * Keeps some customers fresh between batches, after events that change their figures (a policy
 * issued, a claim closed or paid, a complaint closed, a survey answered): their metrics, lifecycle
 * segment, quadrant, tags and tier. RFM quintiles and clusters are relative to the whole book and
 * wait for the batch.
 */
export async function refreshCustomers(db: Executor, customerIds: readonly string[], now = new Date()): Promise<void> {
  const ids = [...new Set(customerIds)];
  if (ids.length === 0) return;
  await refreshMetrics(db, now, ids);
  await applyTags(db, now, ids);
  await applyTiers(db, ids);
}
