import type { TSegmentRunResult } from '@anxin/contracts';
import type { Actor } from '../../platform/actor.ts';
import type { Executor } from '../../platform/db/database.ts';
import type { ModuleDeps } from '../../platform/deps.ts';
import { forbidden } from '../../platform/errors.ts';
import { recordStandaloneAuditEvent } from '../audit/index.ts';
import { assignClusters } from './cluster-assign.ts';
import { refreshMetrics, scoreRfm } from './metrics.ts';
import { openRiskAlerts } from './risk-alert.service.ts';
import { mayManageSegmentation } from './segmentation.policy.ts';
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

/** The batch on behalf of a user (the console's "Run now"), audited. */
export async function runSegmentation(deps: ModuleDeps, actor: Actor, now = new Date()) {
  if (!mayManageSegmentation(actor)) throw forbidden('You may not run segmentation');
  const result = await runSegmentationBatch(deps.db, now);
  await recordStandaloneAuditEvent(deps.db, actor, { action: 'segmentation.run', entityType: 'customer_metric', entityId: null, data: { ...result } });
  return result;
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
