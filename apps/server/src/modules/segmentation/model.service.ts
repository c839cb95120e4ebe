import { ZModelMetrics, type TModel, type ZScoreModelResult } from '@anxin/contracts';
import type { z } from 'zod';
import { hasPermission, type Actor } from '../../platform/actor.ts';
import { inTransaction } from '../../platform/db/database.ts';
import { computeOffThread } from '../../platform/compute.ts';
import type { ModuleDeps } from '../../platform/deps.ts';
import { DomainError, forbidden, notFound } from '../../platform/errors.ts';
import { newId } from '../../platform/ids.ts';
import { recordAuditEvent, recordStandaloneAuditEvent } from '../audit/index.ts';
import { maskCustomerName } from '../customers/index.ts';
import { compileModelExpression } from './model-expression.ts';
import { candidateFeatures, evaluateScores, scoreRow, type FittedModel, type ModelInputRow } from './model-training.ts';
import {
  countTrainingRows,
  deleteStaleScores,
  findActiveModel,
  findInputBatch,
  findModel,
  findTopScores,
  insertModel,
  listAttributeInfo,
  listModelRows,
  lockLatestVersion,
  setActiveModel,
  upsertScores,
  type ModelRecord,
  type ModelScope,
} from './model.repository.ts';

const mayRead = (actor: Actor) => hasPermission(actor, 'segment:read');
const mayAnalyse = (actor: Actor) => hasPermission(actor, 'segment:analyse');
const scopeOf = (actor: Actor): ModelScope => ({ orgPath: actor.orgPath, ownerAgentId: actor.ownRecordsOnly ? actor.id : null });

/** At most this many training rows (a deterministic sample), so a million customers train in memory and in seconds. */
const TRAIN_ROWS_CAP = 20_000;
/** At most this many held-out rows for the evaluation. */
const TEST_ROWS_CAP = 50_000;
const MIN_ROWS = 50;
const MIN_CLASS_ROWS = 10;
const LOAD_BATCH = 5_000;
const SCORE_BATCH = 2_000;

type TModelMetrics = z.infer<typeof ZModelMetrics>;
type TScoreModelResult = z.infer<typeof ZScoreModelResult>;

function presentModel(row: ModelRecord): TModel {
  return {
    id: row.id,
    name: row.name,
    version: row.version,
    target: row.target_expr,
    where: row.where_expr,
    features: row.features.map((f) => ({ name: f.name, mean: f.mean, sd: f.sd, weight: f.weight })),
    metrics: ZModelMetrics.parse(row.metrics),
    active: row.active,
    trainedAt: row.trained_at.toISOString(),
    trainedBy: row.trained_by,
    scoredAt: row.scored_at ? row.scored_at.toISOString() : null,
  };
}

async function requireModel(deps: ModuleDeps, id: string) {
  const row = await findModel(deps.db, id);
  if (!row) throw notFound('Model');
  return row;
}

function degenerate(message: string, counts: Record<string, number>) {
  return new DomainError('MODEL_TARGET_DEGENERATE', message, [{ field: 'body.target', message, rule: 'target_degenerate' }], { counts });
}

/**
 * Trains a new version of a churn or cross-sell model: the target and the population are
 * expressions (model-expression.ts); features the target is built from are left out; 75 % of the
 * customers (by a hash of their id) train a logistic regression, the other 25 % measure it (AUC and
 * lift). The first version of a name becomes the active one.
 */
export async function trainModel(deps: ModuleDeps, actor: Actor, input: { name: string; target: string; where?: string | undefined }, options: { now?: Date } = {}): Promise<TModel> {
  if (!mayAnalyse(actor)) throw forbidden('You may not train models');
  const now = options.now ?? new Date();
  const attributes = await listAttributeInfo(deps.db);
  const target = compileModelExpression(input.target, { attributes, now, field: 'body.target' });
  const where = input.where ? compileModelExpression(input.where, { attributes, now, field: 'body.where' }) : undefined;
  const scope = scopeOf(actor);

  const counts = await countTrainingRows(deps.db, scope, where?.sql, target.sql);
  const parts = { trainRows: counts.train, testRows: counts.test, trainPositives: counts.train_pos, testPositives: counts.test_pos };
  if (counts.train + counts.test < MIN_ROWS) throw degenerate(`Only ${counts.train + counts.test} customer(s) with metrics match; a model needs at least ${MIN_ROWS}`, parts);
  const classes = [counts.train_pos, counts.train - counts.train_pos, counts.test_pos, counts.test - counts.test_pos];
  if (Math.min(...classes) < MIN_CLASS_ROWS) {
    throw degenerate(`The target must be true and false for at least ${MIN_CLASS_ROWS} customers in both the training and the held-out part`, parts);
  }

  const train: ModelInputRow[] = [];
  const trainLabels: number[] = [];
  const test: ModelInputRow[] = [];
  const testLabels: number[] = [];
  const sample = { train: Math.min(1, TRAIN_ROWS_CAP / counts.train), test: Math.min(1, TEST_ROWS_CAP / counts.test) };
  for (let after: string | null = null; ; ) {
    const batch = await findInputBatch(deps.db, { scope, where: where?.sql, target: target.sql, sample, after, limit: LOAD_BATCH });
    for (const row of batch) {
      (row.heldOut ? test : train).push(row);
      (row.heldOut ? testLabels : trainLabels).push(row.target ? 1 : 0);
    }
    if (batch.length < LOAD_BATCH) break;
    after = batch.at(-1)!.customerId;
  }
  const sampled = [trainLabels, testLabels].map((labels) => labels.reduce((a, b) => a + b, 0));
  if (Math.min(sampled[0]!, trainLabels.length - sampled[0]!, sampled[1]!, testLabels.length - sampled[1]!) < MIN_CLASS_ROWS) {
    throw degenerate(`The target is too rare in the sample to train on`, parts);
  }

  // Seconds of computation at the 20,000-row cap: in a worker thread, so the server keeps answering.
  const fitted = await computeOffThread<FittedModel>(new URL('./model-training.ts', import.meta.url), 'fitLogistic', [candidateFeatures(attributes, target.touches), train, trainLabels]);
  const evaluation = evaluateScores(
    test.map((row) => scoreRow(fitted, row).score),
    testLabels,
  );
  const metrics: TModelMetrics = { ...evaluation, trainRows: train.length, testRows: test.length, positives: sampled[0]! + sampled[1]! };

  const id = newId();
  await inTransaction(deps.db, async (tx) => {
    const version = (await lockLatestVersion(tx, input.name)) + 1;
    const active = !(await findActiveModel(tx, input.name));
    await insertModel(tx, {
      id,
      name: input.name,
      version,
      target_expr: input.target,
      where_expr: input.where ?? null,
      features: fitted.features,
      intercept: fitted.intercept,
      metrics,
      active,
      trained_at: now,
      trained_by: actor.displayName,
    });
    await recordAuditEvent(tx, actor, {
      action: 'model.changed',
      entityType: 'model',
      entityId: id,
      data: { event: 'trained', name: input.name, version, active, auc: metrics.auc, trainRows: metrics.trainRows, testRows: metrics.testRows, features: fitted.features.length },
    });
  });
  return presentModel((await findModel(deps.db, id))!);
}

/** Every model version, by name, newest version first. */
export async function listModels(deps: ModuleDeps, actor: Actor): Promise<{ items: TModel[] }> {
  if (!mayRead(actor)) throw forbidden('You may not view models');
  return { items: (await listModelRows(deps.db)).map(presentModel) };
}

/** One model version with its features, weights and held-out figures. */
export async function getModel(deps: ModuleDeps, actor: Actor, id: string): Promise<TModel> {
  if (!mayRead(actor)) throw forbidden('You may not view models');
  return presentModel(await requireModel(deps, id));
}

/** The active version of a name (NOT_FOUND when the name has none). */
export async function getActiveModel(deps: ModuleDeps, actor: Actor, name: string): Promise<TModel> {
  if (!mayRead(actor)) throw forbidden('You may not view models');
  const row = await findActiveModel(deps.db, name);
  if (!row) throw notFound(`Active model ${name}`);
  return presentModel(row);
}

/** Makes a version the one in use for its name (the analyst's choice); the previous one is deactivated. */
export async function activateModel(deps: ModuleDeps, actor: Actor, id: string): Promise<TModel> {
  if (!mayAnalyse(actor)) throw forbidden('You may not activate models');
  await inTransaction(deps.db, async (tx) => {
    const row = await tx.selectFrom('model').select(['id', 'name', 'version', 'active']).where('id', '=', id).forUpdate().executeTakeFirst();
    if (!row) throw notFound('Model');
    if (row.active) return;
    await setActiveModel(tx, row.name, id);
    await recordAuditEvent(tx, actor, { action: 'model.changed', entityType: 'model', entityId: id, data: { event: 'activated', name: row.name, version: row.version } });
  });
  return presentModel(await requireModel(deps, id));
}

/**
 * Scores the customers in the caller's scope (optionally those matching `where`) with a model
 * version, in keyset batches: the probability and the three features that raise it most. Scores of
 * customers in scope that no longer match are removed, so the ranking is the run's.
 */
export async function scoreModel(deps: ModuleDeps, actor: Actor, id: string, input: { where?: string | undefined }, options: { onProgress?: (scored: number) => void } = {}): Promise<TScoreModelResult> {
  if (!mayAnalyse(actor)) throw forbidden('You may not score models');
  const model = await requireModel(deps, id);
  const scoredAt = new Date();
  const where = input.where ? compileModelExpression(input.where, { attributes: await listAttributeInfo(deps.db), now: scoredAt, field: 'body.where' }) : undefined;
  const scope = scopeOf(actor);
  let scored = 0;
  for (let after: string | null = null; ; ) {
    const batch = await findInputBatch(deps.db, { scope, where: where?.sql, after, limit: SCORE_BATCH });
    await upsertScores(
      deps.db,
      id,
      scoredAt,
      batch.map((row) => ({ customerId: row.customerId, ...scoreRow(model, row) })),
    );
    scored += batch.length;
    options.onProgress?.(scored);
    if (batch.length < SCORE_BATCH) break;
    after = batch.at(-1)!.customerId;
  }
  await inTransaction(deps.db, async (tx) => {
    await deleteStaleScores(tx, id, scoredAt, scope);
    await recordAuditEvent(tx, actor, { action: 'model.changed', entityType: 'model', entityId: id, data: { event: 'scored', name: model.name, version: model.version, scored, where: input.where ?? null } });
  });
  return { modelId: id, scored, scoredAt: scoredAt.toISOString() };
}

/** The top-K customers by score in the caller's scope, names masked, with the reasons; the read is audited. */
export async function listModelScores(deps: ModuleDeps, actor: Actor, id: string, query: { top: number }, purpose: 'view' | 'export' = 'view') {
  if (!mayRead(actor)) throw forbidden('You may not view model scores');
  const model = await requireModel(deps, id);
  const rows = await findTopScores(deps.db, model.id, scopeOf(actor), query.top);
  await recordStandaloneAuditEvent(deps.db, actor, { action: 'model.scores_read', entityType: 'model', entityId: id, data: { name: model.name, version: model.version, top: query.top, returned: rows.length, purpose } });
  return {
    items: rows.map((r) => ({
      customer: { id: r.customer_id, name: maskCustomerName(r.name, r.kind) },
      score: r.score,
      contributions: r.contributions,
      scoredAt: r.scored_at.toISOString(),
    })),
  };
}
