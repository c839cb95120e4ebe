// The maths of churn and cross-sell models (pure; no database): the feature set, standardisation,
// logistic regression (mljs ml-logistic-regression), held-out evaluation (AUC, lift) and scoring with
// the top contributing features. Features are named so that a stored model can be applied again
// from the names alone:
//   <metric>            a numeric metric (money and the loss ratio as log1p), missing → the mean
//   missing:<source>    1 when <source> has no value (age, satisfaction, loss ratio, numeric attributes)
//   contact_trend=<v>   1 when the contact trend is v
//   line.<line>         1 when the customer holds a policy in force in that line
//   attr.<key>          a numeric custom attribute, missing → the mean
//   attr.<key>=<value>  1 when an enum attribute has that value, or a boolean attribute is true
import { EigenvalueDecomposition, Matrix } from 'ml-matrix';
import { PRODUCT_LINES } from '@anxin/contracts';
import type { ModelFeature } from '../../platform/db/schema/segmentation.ts';
import { isTouched, type AttributeDefinitionInfo } from './model-expression.ts';

/** The metric columns read as features (a subset of the expression's METRIC_FIELDS). */
export const FEATURE_METRICS = [
  'tenure_years',
  'age',
  'policies_in_force',
  'policies_total',
  'annual_premium_fen',
  'lifetime_premium_fen',
  'claims_count',
  'claims_12m',
  'loss_ratio_3y_bp',
  'contacts_12m',
  'contacts_90d',
  'renewals',
  'lapses',
  'lapses_12m',
  'complaints_count',
  'complaints_12m',
  'latest_csat',
  'latest_nps',
  'referral_count',
  'household_size',
  'children',
] as const;
export type FeatureMetric = (typeof FEATURE_METRICS)[number];
const LOG_SCALED = new Set<string>(['annual_premium_fen', 'lifetime_premium_fen', 'loss_ratio_3y_bp']);
const MAY_BE_MISSING: readonly FeatureMetric[] = ['age', 'loss_ratio_3y_bp', 'latest_csat', 'latest_nps'];
const TRENDS = ['falling', 'rising'] as const;

/** One customer's inputs as loaded for training or scoring. */
export interface ModelInputRow {
  customerId: string;
  metrics: Record<FeatureMetric, number | null>;
  contactTrend: string;
  inForceByLine: Record<string, number>;
  attributes: Record<string, unknown>;
}

/** Gradient steps of the logistic regression (see fitLogistic for the step size). */
const TRAIN_STEPS = 400;

/** The part of a feature name that says which data it comes from (for the leakage rule). */
export function featureSource(name: string): string {
  const bare = name.startsWith('missing:') ? name.slice('missing:'.length) : name;
  const eq = bare.indexOf('=');
  return eq < 0 ? bare : bare.slice(0, eq);
}

/**
 * The candidate features for these attribute definitions, without the ones the target touches
 * (no target leakage; see model-expression.ts). Text and date attributes are not features.
 */
export function candidateFeatures(attributes: readonly AttributeDefinitionInfo[], touches: readonly string[]): string[] {
  const names: string[] = [];
  for (const metric of FEATURE_METRICS) {
    names.push(metric);
    if (MAY_BE_MISSING.includes(metric)) names.push(`missing:${metric}`);
  }
  for (const trend of TRENDS) names.push(`contact_trend=${trend}`);
  for (const line of PRODUCT_LINES) names.push(`line.${line}`);
  for (const def of [...attributes].sort((a, b) => a.key.localeCompare(b.key))) {
    if (def.type === 'number') names.push(`attr.${def.key}`, `missing:attr.${def.key}`);
    else if (def.type === 'boolean') names.push(`attr.${def.key}=true`);
    else if (def.type === 'enum') for (const option of def.options) names.push(`attr.${def.key}=${option.value}`);
  }
  return names.filter((name) => !isTouched(featureSource(name), touches));
}

const numberOrNull = (value: unknown) => (typeof value === 'number' && Number.isFinite(value) ? value : null);

function rawSource(source: string, row: ModelInputRow): unknown {
  if (source.startsWith('attr.')) return row.attributes[source.slice(5)];
  if (source.startsWith('line.')) return (row.inForceByLine[source.slice(5)] ?? 0) > 0 ? 1 : 0;
  if (source === 'contact_trend') return row.contactTrend;
  const value = row.metrics[source as FeatureMetric];
  return value === undefined ? null : value;
}

/** A feature's value for a customer in model units (log1p applied); null when missing. */
export function featureValue(name: string, row: ModelInputRow): number | null {
  if (name.startsWith('missing:')) return numberOrNull(rawSource(name.slice('missing:'.length), row)) === null ? 1 : 0;
  const eq = name.indexOf('=');
  if (eq >= 0) {
    const raw = rawSource(name.slice(0, eq), row);
    return raw !== null && raw !== undefined && String(raw) === name.slice(eq + 1) ? 1 : 0;
  }
  const value = numberOrNull(rawSource(name, row));
  if (value === null) return null;
  return LOG_SCALED.has(name) ? Math.log1p(Math.max(value, 0)) : value;
}

/** The value shown beside a contribution: original units (money in fen, not its logarithm). */
function displayValue(name: string, row: ModelInputRow): number {
  const value = featureValue(name, row);
  if (value === null) return 0;
  return LOG_SCALED.has(name) ? Math.round(Math.expm1(value)) : value;
}

export interface FittedModel {
  features: ModelFeature[];
  intercept: number;
}

/**
 * Fits a logistic regression on standardised features (mean and sd of the training rows; missing
 * values take the mean). Features without spread are left out. ml-logistic-regression runs batch
 * gradient descent on the summed gradient, so the step is scaled by 1/rows and by the largest
 * eigenvalue of the feature covariance (the loss's curvature bound), which keeps it stable however
 * correlated the features are.
 */
export function fitLogistic(names: readonly string[], rows: readonly ModelInputRow[], labels: readonly number[]): FittedModel {
  const n = rows.length;
  const stats = names.map((name) => {
    let sum = 0;
    let count = 0;
    for (const row of rows) {
      const v = featureValue(name, row);
      if (v !== null) {
        sum += v;
        count++;
      }
    }
    const mean = count > 0 ? sum / count : 0;
    let squares = 0;
    for (const row of rows) {
      const v = featureValue(name, row) ?? mean;
      squares += (v - mean) ** 2;
    }
    return { name, mean, sd: Math.sqrt(squares / Math.max(n, 1)) };
  });
  const kept = stats.filter((s) => s.sd > 1e-9);
  const X = new Matrix(n, kept.length + 1);
  rows.forEach((row, i) => {
    X.set(i, 0, 1);
    kept.forEach((s, j) => X.set(i, j + 1, ((featureValue(s.name, row) ?? s.mean) - s.mean) / s.sd));
  });
  const gram = X.transpose().mmul(X).div(n);
  const largest = Math.max(...new EigenvalueDecomposition(gram, { assumeSymmetric: true }).realEigenvalues);
  // Lipschitz constant of the mean log-loss gradient ≤ λmax / 4; step 1/L on the mean = 4 / (λmax·n) on the sum.
  const weights = trainLogistic(X, labels, TRAIN_STEPS, 4 / (largest * n));
  return { intercept: weights[0]!, features: kept.map((s, j) => ({ name: s.name, mean: s.mean, sd: s.sd, weight: weights[j + 1]! })) };
}

/**
 * Batch gradient ascent on the log-likelihood, from zero weights: `steps` times, every row's
 * probability p = 1 / (1 + e^(−x·w)), then w += rate · Xᵀ(y − p). These are the operations of
 * ml-logistic-regression's two-class trainer, in the same order, so the weights are the same to the
 * last bit; that library trained both one-vs-all classifiers of a two-class target (one of them
 * unused) through matrix copies made at every step — 16.5 s for 20,000 rows and 36 features, on the
 * server's event loop. On flat arrays it takes a few hundred milliseconds.
 */
export function trainLogistic(X: Matrix, labels: readonly number[], steps: number, rate: number): Float64Array {
  const n = X.rows;
  const p = X.columns;
  const x = new Float64Array(n * p);
  for (let i = 0; i < n; i++) for (let j = 0; j < p; j++) x[i * p + j] = X.get(i, j);
  const w = new Float64Array(p);
  const error = new Float64Array(n);
  const gradient = new Float64Array(p);
  for (let step = 0; step < steps; step++) {
    for (let i = 0; i < n; i++) {
      let score = 0;
      for (let k = 0; k < p; k++) score += x[i * p + k]! * w[k]!;
      error[i] = -(1 / (1 + Math.exp(-score))) + labels[i]!;
    }
    gradient.fill(0);
    for (let i = 0; i < n; i++) {
      const e = error[i]!;
      for (let j = 0; j < p; j++) gradient[j] = gradient[j]! + x[i * p + j]! * e;
    }
    for (let j = 0; j < p; j++) w[j] = w[j]! + gradient[j]! * rate;
  }
  return w;
}

export interface Contribution {
  name: string;
  value: number;
  contribution: number;
}

/** The probability of the target for a customer and the (up to) three features that raise it most. */
export function scoreRow(model: FittedModel, row: ModelInputRow): { score: number; contributions: Contribution[] } {
  let logit = model.intercept;
  const parts: Contribution[] = [];
  for (const f of model.features) {
    const z = ((featureValue(f.name, row) ?? f.mean) - f.mean) / f.sd;
    const contribution = f.weight * z;
    logit += contribution;
    if (contribution > 0) parts.push({ name: f.name, value: 0, contribution });
  }
  parts.sort((a, b) => b.contribution - a.contribution || a.name.localeCompare(b.name));
  const contributions = parts.slice(0, 3).map((p) => ({ name: p.name, value: displayValue(p.name, row), contribution: Math.round(p.contribution * 10_000) / 10_000 }));
  return { score: 1 / (1 + Math.exp(-logit)), contributions };
}

export interface Evaluation {
  auc: number;
  lift: { top5: number; top10: number; top20: number };
  curve: { pct: number; lift: number; captured: number }[];
  baseRate: number;
}

const round = (x: number, digits = 4) => Math.round(x * 10 ** digits) / 10 ** digits;

/** AUC (rank-based, ties averaged) and lift of held-out scores against the true labels. */
export function evaluateScores(scores: readonly number[], labels: readonly number[]): Evaluation {
  const n = scores.length;
  const positives = labels.reduce((a, b) => a + b, 0);
  const order = scores.map((s, i) => ({ s, y: labels[i]!, i })).sort((a, b) => a.s - b.s || a.i - b.i);
  let rankSumPositives = 0;
  for (let i = 0; i < n; ) {
    let j = i;
    while (j + 1 < n && order[j + 1]!.s === order[i]!.s) j++;
    const averageRank = (i + j) / 2 + 1;
    for (let k = i; k <= j; k++) if (order[k]!.y === 1) rankSumPositives += averageRank;
    i = j + 1;
  }
  const negatives = n - positives;
  const auc = (rankSumPositives - (positives * (positives + 1)) / 2) / (positives * negatives);
  const baseRate = positives / n;
  // Highest scores first; among equal scores, the order is the rows' (deterministic) order.
  const ranked = order.slice().sort((a, b) => b.s - a.s || a.i - b.i);
  const cumulative: number[] = [];
  let hits = 0;
  for (const r of ranked) cumulative.push((hits += r.y));
  const liftAt = (pct: number) => {
    const k = Math.max(1, Math.round((pct / 100) * n));
    return cumulative[k - 1]! / k / baseRate;
  };
  const curve = [10, 20, 30, 40, 50, 60, 70, 80, 90, 100].map((pct) => {
    const k = Math.max(1, Math.round((pct / 100) * n));
    return { pct, lift: round(liftAt(pct)), captured: round(cumulative[k - 1]! / positives) };
  });
  return { auc: round(auc), lift: { top5: round(liftAt(5)), top10: round(liftAt(10)), top20: round(liftAt(20)) }, curve, baseRate: round(baseRate) };
}
