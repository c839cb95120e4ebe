import type { TClusterRun } from '@anxin/contracts';
import { sql } from 'kysely';
import type { z } from 'zod';
import type { ZRunClustersRequest, ZSaveClusterSegmentRequest } from '@anxin/contracts';
import type { Actor } from '../../platform/actor.ts';
import { inTransaction, type Executor, type Tx } from '../../platform/db/database.ts';
import type { ClusterSummary, ClusterRunTable } from '../../platform/db/schema/segmentation.ts';
import type { Selectable } from 'kysely';
import type { ModuleDeps } from '../../platform/deps.ts';
import { DomainError, fieldError, forbidden, notFound, rule } from '../../platform/errors.ts';
import { newId } from '../../platform/ids.ts';
import { recordAuditEvent } from '../audit/index.ts';
import { assignClusters } from './cluster-assign.ts';
import { fitClustersOffThread } from './cluster-fit.ts';
import { CLUSTERED, CLUSTER_FEATURES } from './cluster-features.ts';
import { describeCluster, distinguishSameNames } from './cluster-names.ts';
import { createSegmentInTransaction } from './segment.service.ts';
import { mayAnalyseSegmentation, mayReadSegmentation } from './segmentation.policy.ts';

/** Customers fitted by k-means (a deterministic sample); everyone is then assigned in SQL. */
const SAMPLE = 20_000;
type Row = Record<string, number | null>;

const toRun = (r: Selectable<ClusterRunTable>): TClusterRun => ({
  id: r.id,
  createdAt: r.created_at.toISOString(),
  k: r.k,
  silhouette: r.silhouette,
  candidates: r.candidates,
  features: r.features,
  clusters: r.clusters.map(({ centroid: _centroid, ...c }) => c),
  sampleSize: r.sample_size,
  customers: r.customers,
  active: r.active,
});

/**
 * Clusters customers with a policy in force on standardised features: k-means (ml-kmeans,
 * k-means++ seeding, fixed seed) for each k in [kMin, kMax], k chosen by the best silhouette; then
 * every customer is assigned to the nearest centroid, each cluster is profiled over all its members
 * and given a descriptive name suggestion. Names and saved segments carry over from the previous run
 * to the cluster whose centroid is nearest, when k is the same.
 */
export async function runClusters(deps: ModuleDeps, actor: Actor, input: z.infer<typeof ZRunClustersRequest>, now = new Date()): Promise<TClusterRun> {
  assertMayRunClusters(actor, input);
  const sample = (await sql<Row>`
    SELECT ${sql.join(CLUSTER_FEATURES.map((f, i) => sql`${f.expr}::float8 AS ${sql.ref(`f${i}`)}`))}
    FROM customer_metric m WHERE ${CLUSTERED}
    ORDER BY md5(m.customer_id::text) LIMIT ${SAMPLE}`.execute(deps.db)).rows;
  if (sample.length < minimumCustomers(input.kMax)) throw tooFewCustomers(sample.length);
  const features = CLUSTER_FEATURES.map((f, i) => {
    const values = sample.map((r) => r[`f${i}`]).filter((v): v is number => v !== null && Number.isFinite(v));
    const mean = values.length ? values.reduce((s, v) => s + v, 0) / values.length : 0;
    const sd = values.length > 1 ? Math.sqrt(values.reduce((s, v) => s + (v - mean) ** 2, 0) / (values.length - 1)) : 0;
    return { name: f.name, mean, sd: sd > 1e-9 ? sd : 1 };
  });
  const points = sample.map((r) =>
    features.map((f, i) => {
      const v = r[`f${i}`];
      return v === null || v === undefined || !Number.isFinite(v) ? 0 : (v - f.mean) / f.sd;
    }),
  );
  // k-means and the silhouettes are seconds of pure computation: in a worker thread, so the server
  // keeps answering other requests meanwhile.
  const candidates = await fitClustersOffThread(points, { kMin: input.kMin, kMax: input.kMax, ...(input.seed !== undefined ? { seed: input.seed } : {}) });
  const best = candidates.reduce((a, b) => (b.silhouette > a.silhouette ? b : a));
  const id = newId();
  const previous = await deps.db.selectFrom('cluster_run').selectAll().where('active', '=', true).executeTakeFirst();
  const carried = carryOver(previous, best.centroids);

  await inTransaction(deps.db, async (tx) => {
    await tx.updateTable('cluster_run').set({ active: false }).where('active', '=', true).execute();
    // A cluster that matches one of the previous run keeps its number (saved segments filter on it).
    const used = new Set(Object.values(carried).map((c) => c.no));
    let free = 0;
    const numberOf = (i: number) => {
      if (carried[i]) return carried[i].no;
      while (used.has(free)) free++;
      used.add(free);
      return free;
    };
    const clusters: ClusterSummary[] = best.centroids
      .map((centroid, i) => ({ no: numberOf(i), size: 0, centroid, profile: {}, traits: [], suggestedName: { zh: '', en: '' }, name: carried[i]?.name ?? null, segmentId: carried[i]?.segmentId ?? null }))
      .sort((a, b) => a.no - b.no);
    await tx
      .insertInto('cluster_run')
      .values({
        id,
        created_at: now,
        created_by: actor.kind === 'staff' ? actor.id : null,
        k: best.k,
        silhouette: best.silhouette,
        candidates: JSON.stringify(candidates.map(({ k, silhouette: s }) => ({ k, silhouette: s }))),
        features: JSON.stringify(features),
        clusters: JSON.stringify(clusters),
        sample_size: sample.length,
        customers: 0,
        active: true,
      })
      .execute();
    const assigned = await assignClusters(tx);
    const profiles = await profileClusters(tx);
    const overall = profiles.get(-1)!;
    const described = distinguishSameNames(
      clusters.map((c) => {
        const profile = profiles.get(c.no) ?? { size: 0 };
        const { traits, suggestedName } = describeCluster(profile, overall);
        return { ...c, size: profile.size ?? 0, profile: Object.fromEntries(Object.entries(profile).filter(([key]) => key !== 'size')), traits, suggestedName };
      }),
    );
    await tx.updateTable('cluster_run').set({ clusters: JSON.stringify(described), customers: assigned }).where('id', '=', id).execute();
    await recordAuditEvent(tx, actor, { action: 'cluster.changed', entityType: 'cluster_run', entityId: id, data: { k: best.k, silhouette: best.silhouette, customers: assigned } });
  });
  return getClusterRun(deps, actor, id);
}

/** Who may cluster, and with what k. */
export function assertMayRunClusters(actor: Actor, input: { kMin: number; kMax: number }) {
  if (!mayAnalyseSegmentation(actor)) throw forbidden('You may not cluster customers');
  if (input.kMin > input.kMax) throw fieldError('body.kMin', rule('range_reversed', 'must not be above kMax'));
}

/** Customers with a policy in force and metrics that k-means needs for up to kMax clusters. */
const minimumCustomers = (kMax: number) => Math.max(20, kMax * 5);

const tooFewCustomers = (found: number) =>
  new DomainError('SEGMENTATION_TOO_FEW_CUSTOMERS', `only ${found} customers with a policy in force have metrics: run segmentation first, or lower kMax`);

/** Refuses at once, before a job is started, a clustering that would find too few customers. */
export async function assertEnoughCustomersToCluster(db: Executor, kMax: number) {
  const needed = minimumCustomers(kMax);
  const { n } = (await sql<{ n: number }>`SELECT count(*)::int AS n FROM (SELECT 1 FROM customer_metric m WHERE ${CLUSTERED} LIMIT ${needed}) s`.execute(db)).rows[0]!;
  if (n < needed) throw tooFewCustomers(n);
}

/**
 * Number, name and saved segment of the previous run's clusters follow the nearest new cluster
 * (same k and features only), so that a segment saved from a cluster keeps meaning that cluster.
 */
function carryOver(previous: Selectable<ClusterRunTable> | undefined, centroids: number[][]) {
  const out: Record<number, { no: number; name: string | null; segmentId: string | null }> = {};
  if (!previous || previous.k !== centroids.length || previous.features.length !== CLUSTER_FEATURES.length) return out;
  const taken = new Set<number>();
  centroids.forEach((c, no) => {
    let bestNo = -1;
    let bestD = Infinity;
    for (const old of previous.clusters) {
      if (taken.has(old.no)) continue;
      const d = old.centroid.reduce((s, v, i) => s + (v - c[i]!) ** 2, 0);
      if (d < bestD) [bestD, bestNo] = [d, old.no];
    }
    const old = previous.clusters.find((o) => o.no === bestNo);
    if (old) {
      taken.add(old.no);
      out[no] = { no: old.no, name: old.name, segmentId: old.segmentId };
    }
  });
  return out;
}

/** Mean of each feature per cluster over all members (-1 = everyone clustered), in original units. */
async function profileClusters(db: Executor) {
  const rows = (await sql<Row & { no: number | null; size: number }>`
    SELECT m.cluster_no AS no, count(*)::int AS size,
           avg(m.annual_premium_fen)::float8 AS annual_premium_fen,
           ${sql.join(CLUSTER_FEATURES.map((f) => sql`avg(${f.expr})::float8 AS ${sql.ref(f.name)}`))}
    FROM customer_metric m WHERE ${CLUSTERED}
    GROUP BY ROLLUP (m.cluster_no)`.execute(db)).rows;
  const round = (v: number | null) => (v === null ? 0 : Math.round(v * 100) / 100);
  return new Map(
    rows.map((r) => [
      r.no ?? -1,
      Object.fromEntries(Object.entries(r).filter(([key]) => key !== 'no' && key !== 'log_annual_premium').map(([key, v]) => [key, key === 'annual_premium_fen' ? Math.round(Number(v ?? 0)) : round(v as number | null)])) as Record<string, number>,
    ]),
  );
}

/** The last cluster runs, newest first. */
export async function listClusterRuns(deps: ModuleDeps, actor: Actor) {
  if (!mayReadSegmentation(actor)) throw forbidden('You may not view clusters');
  const rows = await deps.db.selectFrom('cluster_run').selectAll().orderBy('created_at', 'desc').limit(20).execute();
  return { items: rows.map(toRun) };
}

export async function getClusterRun(deps: ModuleDeps, actor: Actor, id: string | 'active') {
  if (!mayReadSegmentation(actor)) throw forbidden('You may not view clusters');
  const q = deps.db.selectFrom('cluster_run').selectAll();
  const row = await (id === 'active' ? q.where('active', '=', true) : q.where('id', '=', id)).executeTakeFirst();
  if (!row) throw notFound('Cluster run');
  return toRun(row);
}

async function changeCluster(deps: ModuleDeps, actor: Actor, runId: string, no: number, change: (tx: Tx, cluster: ClusterSummary) => Promise<Partial<ClusterSummary>>) {
  if (!mayAnalyseSegmentation(actor)) throw forbidden('You may not change clusters');
  await inTransaction(deps.db, async (tx) => {
    const run = await tx.selectFrom('cluster_run').selectAll().where('id', '=', runId).forUpdate().executeTakeFirst();
    const cluster = run?.clusters.find((c) => c.no === no);
    if (!run || !cluster) throw notFound('Cluster');
    if (!run.active) throw new DomainError('CLUSTER_RUN_INACTIVE', 'only clusters of the active run can be named or saved: customers are assigned to the active run’s clusters', [{ field: 'runId', message: 'is not the active run', rule: 'not_active_run' }]);
    const patch = await change(tx, cluster);
    await tx.updateTable('cluster_run').set({ clusters: JSON.stringify(run.clusters.map((c) => (c.no === no ? { ...c, ...patch } : c))) }).where('id', '=', runId).execute();
    await recordAuditEvent(tx, actor, { action: 'cluster.changed', entityType: 'cluster_run', entityId: runId, data: { cluster: no, ...patch } });
  });
  return getClusterRun(deps, actor, runId);
}

/** An analyst's name for a cluster (kept across re-clustering with the same k). */
export const renameCluster = (deps: ModuleDeps, actor: Actor, runId: string, no: number, name: string) => changeCluster(deps, actor, runId, no, async () => ({ name }));

/** Saves a cluster as a segment (members: customers in that cluster of the active run). */
export async function saveClusterAsSegment(deps: ModuleDeps, actor: Actor, runId: string, no: number, input: z.infer<typeof ZSaveClusterSegmentRequest>) {
  let segmentId = '';
  await changeCluster(deps, actor, runId, no, async (tx) => {
    segmentId = await createSegmentInTransaction(tx, actor, { name: input.name, description: input.description ?? null, conditions: [{ field: 'cluster_no', op: '=', value: no }] });
    return { segmentId, name: input.name };
  });
  return segmentId;
}
