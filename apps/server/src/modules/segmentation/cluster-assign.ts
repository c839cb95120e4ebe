import { sql } from 'kysely';
import type { Executor } from '../../platform/db/database.ts';
import { CLUSTERED, CLUSTER_FEATURES, standardised } from './cluster-features.ts';

/**
 * Puts every clustered customer in the nearest cluster of the active cluster run (set-based: one
 * UPDATE; the centroids travel as a VALUES list). Others get no cluster. Returns customers assigned.
 */
export async function assignClusters(db: Executor): Promise<number> {
  const run = await db.selectFrom('cluster_run').select(['features', 'clusters']).where('active', '=', true).executeTakeFirst();
  if (!run) return 0;
  const features = run.features;
  if (features.length !== CLUSTER_FEATURES.length || features.some((f, i) => f.name !== CLUSTER_FEATURES[i]!.name)) return 0;
  const z = CLUSTER_FEATURES.map((f, i) => standardised(f, features[i]!.mean, features[i]!.sd));
  const rows = run.clusters.map((c) => sql`(${c.no}::int, ${sql.join(c.centroid.map((v) => sql`${v}::float8`))})`);
  const columns = sql.join(CLUSTER_FEATURES.map((_, i) => sql.raw(`f${i}`)));
  const distance = sql.join(
    z.map((zi, i) => sql`power(${zi} - k.${sql.raw(`f${i}`)}, 2)`),
    sql` + `,
  );
  await sql`UPDATE customer_metric m SET cluster_no = NULL WHERE cluster_no IS NOT NULL AND NOT ${CLUSTERED}`.execute(db);
  const result = await sql`
    UPDATE customer_metric m SET cluster_no = (
      SELECT k.no FROM (VALUES ${sql.join(rows)}) AS k(no, ${columns})
      ORDER BY ${distance}, k.no LIMIT 1)
    WHERE ${CLUSTERED}`.execute(db);
  return Number(result.numAffectedRows ?? 0);
}
