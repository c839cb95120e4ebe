// SQL of churn and cross-sell models: the model rows, the customers' inputs (keyset batches with a
// deterministic held-out split and sample), the scores.
import { sql, type RawBuilder } from 'kysely';
import type { Executor } from '../../platform/db/database.ts';
import type { ModelFeature } from '../../platform/db/schema/segmentation.ts';
import type { AttributeDefinitionInfo } from './model-expression.ts';
import { FEATURE_METRICS, type Contribution, type FeatureMetric, type ModelInputRow } from './model-training.ts';

/** Which customers a caller may see: its org subtree, and only its own book for pure agents. */
export interface ModelScope {
  orgPath: string;
  ownerAgentId: string | null;
}

/** Share of customers held out for evaluation, in percent (by a hash of the id, so stable between runs). */
export const HELD_OUT_PCT = 25;
const HASH_RANGE = 2 ** 28;

// Two independent 28-bit hashes of the customer id: one decides the split, the other the sample.
const splitHash = sql`(('x' || substr(md5(c.id::text), 1, 7))::bit(28)::int)`;
const sampleHash = sql`(('x' || substr(md5(c.id::text), 9, 7))::bit(28)::int)`;
const heldOut = sql<boolean>`(${splitHash} % 100 < ${HELD_OUT_PCT})`;

export async function listAttributeInfo(db: Executor): Promise<AttributeDefinitionInfo[]> {
  const rows = await db.selectFrom('customer_attribute_definition').select(['key', 'type', 'options']).orderBy('key').execute();
  return rows.map((r) => ({ key: r.key, type: r.type, options: r.options }));
}

function population(scope: ModelScope, where: RawBuilder<boolean> | undefined) {
  return sql`customer c
    JOIN customer_metric m ON m.customer_id = c.id
    JOIN org_unit o ON o.id = c.org_unit_id
    WHERE o.path LIKE ${`${scope.orgPath}%`}
      ${scope.ownerAgentId ? sql`AND c.owner_agent_id = ${scope.ownerAgentId}` : sql``}
      AND ${where ?? sql`true`}`;
}

/** Rows in the training and held-out parts, and positives in each. */
export async function countTrainingRows(db: Executor, scope: ModelScope, where: RawBuilder<boolean> | undefined, target: RawBuilder<boolean>) {
  const { rows } = await sql<{ train: number; test: number; train_pos: number; test_pos: number }>`
    SELECT count(*) FILTER (WHERE NOT held_out)::int AS train, count(*) FILTER (WHERE held_out)::int AS test,
           count(*) FILTER (WHERE NOT held_out AND target)::int AS train_pos, count(*) FILTER (WHERE held_out AND target)::int AS test_pos
    FROM (SELECT ${heldOut} AS held_out, ${target} AS target FROM ${population(scope, where)}) t`.execute(db);
  return rows[0]!;
}

interface InputRecord {
  id: string;
  attributes: Record<string, unknown>;
  in_force_by_line: Record<string, number>;
  contact_trend: string;
  held_out: boolean;
  target: boolean | null;
  [metric: string]: unknown;
}

const metricColumns = sql.join(FEATURE_METRICS.map((m) => sql.ref(`m.${m}`)));

function toInputRow(r: InputRecord): ModelInputRow {
  const metrics = {} as Record<FeatureMetric, number | null>;
  for (const m of FEATURE_METRICS) metrics[m] = r[m] === null || r[m] === undefined ? null : Number(r[m]);
  return { customerId: r.id, metrics, contactTrend: r.contact_trend, inForceByLine: r.in_force_by_line ?? {}, attributes: r.attributes ?? {} };
}

export interface InputBatchOptions {
  scope: ModelScope;
  where?: RawBuilder<boolean> | undefined;
  target?: RawBuilder<boolean> | undefined;
  /** Keep a training row when its sample hash falls under this share (0–1); held-out rows likewise. */
  sample?: { train: number; test: number };
  after: string | null;
  limit: number;
}

/** One keyset batch (customer id order) of customers' model inputs, with the split and the target. */
export async function findInputBatch(db: Executor, options: InputBatchOptions): Promise<(ModelInputRow & { heldOut: boolean; target: boolean })[]> {
  const sample = options.sample
    ? sql`AND ${sampleHash} < (CASE WHEN ${heldOut} THEN ${Math.ceil(options.sample.test * HASH_RANGE)}::int ELSE ${Math.ceil(options.sample.train * HASH_RANGE)}::int END)`
    : sql``;
  const { rows } = await sql<InputRecord>`
    SELECT c.id, c.attributes, m.in_force_by_line, m.contact_trend, ${metricColumns}, ${heldOut} AS held_out, ${options.target ?? sql`NULL::boolean`} AS target
    FROM ${population(options.scope, options.where)}
      ${options.after ? sql`AND c.id > ${options.after}::uuid` : sql``}
      ${sample}
    ORDER BY c.id
    LIMIT ${options.limit}`.execute(db);
  return rows.map((r) => ({ ...toInputRow(r), heldOut: r.held_out, target: r.target === true }));
}

export interface ModelRecord {
  id: string;
  name: string;
  version: number;
  target_expr: string;
  where_expr: string | null;
  features: ModelFeature[];
  intercept: number;
  metrics: Record<string, unknown>;
  active: boolean;
  trained_at: Date;
  trained_by: string;
  scored_at: Date | null;
}

export const findModel = (db: Executor, id: string): Promise<ModelRecord | undefined> => db.selectFrom('model').selectAll().where('id', '=', id).executeTakeFirst();

export const findActiveModel = (db: Executor, name: string): Promise<ModelRecord | undefined> =>
  db.selectFrom('model').selectAll().where('name', '=', name).where('active', '=', true).executeTakeFirst();

export const listModelRows = (db: Executor): Promise<ModelRecord[]> => db.selectFrom('model').selectAll().orderBy('name').orderBy('version', 'desc').execute();

/** The highest version of a name (0 when none), locking the name's rows against a concurrent training. */
export async function lockLatestVersion(db: Executor, name: string): Promise<number> {
  const rows = await db.selectFrom('model').select('version').where('name', '=', name).forUpdate().execute();
  return rows.reduce((max, r) => Math.max(max, r.version), 0);
}

export async function insertModel(db: Executor, row: Omit<ModelRecord, 'scored_at'>) {
  await db
    .insertInto('model')
    .values({ ...row, features: JSON.stringify(row.features), metrics: JSON.stringify(row.metrics) })
    .execute();
}

/** Makes this version the active one of its name (the partial unique index allows one). */
export async function setActiveModel(db: Executor, name: string, id: string) {
  await db.updateTable('model').set({ active: false }).where('name', '=', name).where('active', '=', true).where('id', '<>', id).execute();
  await db.updateTable('model').set({ active: true }).where('id', '=', id).execute();
}

export async function upsertScores(db: Executor, modelId: string, scoredAt: Date, scores: readonly { customerId: string; score: number; contributions: Contribution[] }[]) {
  if (scores.length === 0) return;
  await db
    .insertInto('model_score')
    .values(scores.map((s) => ({ customer_id: s.customerId, model_id: modelId, score: s.score, contributions: JSON.stringify(s.contributions), scored_at: scoredAt })))
    .onConflict((oc) =>
      oc.columns(['customer_id', 'model_id']).doUpdateSet((eb) => ({ score: eb.ref('excluded.score'), contributions: eb.ref('excluded.contributions'), scored_at: eb.ref('excluded.scored_at') })),
    )
    .execute();
}

/** Removes the scores of customers in scope that this scoring run did not reach (they no longer match). */
export async function deleteStaleScores(db: Executor, modelId: string, scoredAt: Date, scope: ModelScope) {
  await sql`DELETE FROM model_score s
    USING customer c JOIN org_unit o ON o.id = c.org_unit_id
    WHERE s.model_id = ${modelId} AND s.scored_at < ${scoredAt} AND c.id = s.customer_id AND o.path LIKE ${`${scope.orgPath}%`}
      ${scope.ownerAgentId ? sql`AND c.owner_agent_id = ${scope.ownerAgentId}` : sql``}`.execute(db);
  await db.updateTable('model').set({ scored_at: scoredAt }).where('id', '=', modelId).execute();
}

/** The best-scored customers in scope, highest first. */
export async function findTopScores(db: Executor, modelId: string, scope: ModelScope, top: number) {
  let q = db
    .selectFrom('model_score as s')
    .innerJoin('customer as c', 'c.id', 's.customer_id')
    .innerJoin('org_unit as o', 'o.id', 'c.org_unit_id')
    .select(['s.customer_id', 'c.name', 'c.kind', 's.score', 's.contributions', 's.scored_at'])
    .where('s.model_id', '=', modelId)
    .where('o.path', 'like', `${scope.orgPath}%`);
  if (scope.ownerAgentId) q = q.where('c.owner_agent_id', '=', scope.ownerAgentId);
  return q.orderBy('s.score', 'desc').orderBy('s.customer_id').limit(top).execute();
}
