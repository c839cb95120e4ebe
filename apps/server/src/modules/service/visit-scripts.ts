import type { TVisitMethodWhy, TVisitType } from '@anxin/contracts';
import { type RuledFieldError } from '../../platform/errors.ts';

export interface ScriptQuestion {
  key: string;
  kind: 'yes_no' | 'text' | 'csat';
  required: boolean;
  /** A "no" makes the visit a problem case (问题件) that someone must follow up. */
  problemIfNo?: boolean;
  /** Asked (and required) only for a policy paid in instalments, not a single premium. */
  instalmentsOnly?: boolean;
}

/** What a visit's script depends on besides its type. */
export interface ScriptContext {
  /** The visit's policy is paid in instalments (annual, half-yearly, quarterly, monthly). */
  instalments: boolean;
}

/**
 * The script of each visit type: what the caller asks and records (the console shows the wording
 * in the user's language, keyed `visitScripts.<type>.<key>`). The new-policy visit (新单回访) asks
 * the seven points the rules require (shared/domain/statutory-limits.md): the person answering is the
 * policyholder; they bought this product, and policyholder and insured signed in person; the product
 * description and application notes were read; coverage, exclusions and period are known; the loss
 * on surrender is known; the cooling-off period and its right are known; for instalment premiums, the
 * payment period and frequency. A "no" to any of them is a problem case.
 */
export const VISIT_SCRIPTS: Record<TVisitType, readonly ScriptQuestion[]> = {
  new_policy: [
    { key: 'identity_confirmed', kind: 'yes_no', required: true, problemIfNo: true },
    { key: 'purchase_confirmed', kind: 'yes_no', required: true, problemIfNo: true },
    { key: 'signed_personally', kind: 'yes_no', required: true, problemIfNo: true },
    { key: 'documents_read', kind: 'yes_no', required: true, problemIfNo: true },
    { key: 'clauses_explained', kind: 'yes_no', required: true, problemIfNo: true },
    { key: 'surrender_loss_known', kind: 'yes_no', required: true, problemIfNo: true },
    { key: 'cooling_off_known', kind: 'yes_no', required: true, problemIfNo: true },
    { key: 'instalments_known', kind: 'yes_no', required: true, problemIfNo: true, instalmentsOnly: true },
    { key: 'comment', kind: 'text', required: false },
  ],
  survey: [
    { key: 'service_ok', kind: 'yes_no', required: true, problemIfNo: true },
    { key: 'comment', kind: 'text', required: false },
  ],
  case_closure: [
    { key: 'payout_understood', kind: 'yes_no', required: true, problemIfNo: true },
    { key: 'csat', kind: 'csat', required: false },
    { key: 'comment', kind: 'text', required: false },
  ],
  complaint_closure: [
    { key: 'resolved', kind: 'yes_no', required: true, problemIfNo: true },
    { key: 'csat', kind: 'csat', required: false },
    { key: 'comment', kind: 'text', required: false },
  ],
  holiday_care: [
    { key: 'greeting_delivered', kind: 'yes_no', required: true },
    { key: 'needs_raised', kind: 'text', required: false },
  ],
};

/** The questions a visit asks: its type's script, without the instalment question for a single premium. */
export function scriptFor(type: TVisitType, context: ScriptContext): ScriptQuestion[] {
  return VISIT_SCRIPTS[type].filter((q) => !q.instalmentsOnly || context.instalments);
}

/** The questions answered "no" that make the visit a problem case (问题件), in script order. */
export function problemAnswers(script: readonly ScriptQuestion[], answers: Record<string, string | number | boolean> | null): string[] {
  return answers ? script.filter((q) => q.problemIfNo && answers[q.key] === false).map((q) => q.key) : [];
}

/** Checks a reached visit's answers against its script; returns field problems (empty when fine). */
export function scriptProblems(script: readonly ScriptQuestion[], answers: Record<string, string | number | boolean>): RuledFieldError[] {
  const problems: RuledFieldError[] = [];
  for (const key of Object.keys(answers)) if (!script.some((q) => q.key === key)) problems.push({ field: `body.answers.${key}`, message: 'is not a question of this visit script', rule: 'not_a_question' });
  for (const q of script) {
    const value = answers[q.key];
    if (value === undefined || value === '') {
      if (q.required) problems.push({ field: `body.answers.${q.key}`, message: 'is required', rule: 'required' });
      continue;
    }
    if (q.kind === 'yes_no' && typeof value !== 'boolean') problems.push({ field: `body.answers.${q.key}`, message: 'must be yes or no', rule: 'yes_or_no' });
    if (q.kind === 'csat' && !(typeof value === 'number' && Number.isInteger(value) && value >= 1 && value <= 5)) problems.push({ field: `body.answers.${q.key}`, message: 'must be a score from 1 to 5', rule: 'score_between', params: { minimum: 1, maximum: 5 } });
    if (q.kind === 'text' && typeof value !== 'string') problems.push({ field: `body.answers.${q.key}`, message: 'must be text', rule: 'wrong_type', params: { expected: 'string' } });
  }
  return problems;
}

/** Thresholds of the visit-method rule (V3). */
export interface VisitMethodThresholds {
  /** Customer for at least this many years … */
  onSiteTenureYears: number;
  /** … and paying at least this much premium a year (fen): a long-standing, large customer. */
  onSiteAnnualPremiumFen: number;
}
export const DEFAULT_VISIT_METHOD: VisitMethodThresholds = { onSiteTenureYears: 5, onSiteAnnualPremiumFen: 1_000_000 };

const yuan = (fen: number) => `¥${Math.trunc(fen / 100)}.${String(Math.abs(fen % 100)).padStart(2, '0')}`;

/**
 * The visit-method rule: phone for new and small customers; on-site for long-standing, large
 * customers and customers whose tier is entitled to on-site visits, on holiday-care visits.
 * Returns the method and the reason the console shows.
 */
export function visitMethodFor(
  type: TVisitType,
  customer: { tenureYears: number; annualPremiumFen: number; onSiteEntitled?: boolean },
  t: VisitMethodThresholds,
): { method: 'phone' | 'on_site'; reason: string; why: TVisitMethodWhy } {
  const figures = `tenure ${customer.tenureYears} years, annual premium ${yuan(customer.annualPremiumFen)}`;
  const params = { tenureYears: customer.tenureYears, annualPremiumFen: customer.annualPremiumFen };
  if (type === 'holiday_care' && customer.onSiteEntitled) return { method: 'on_site', reason: `on-site: the customer's tier is entitled to on-site visits (${figures})`, why: { key: 'tier_entitled', params } };
  const large = customer.tenureYears >= t.onSiteTenureYears && customer.annualPremiumFen >= t.onSiteAnnualPremiumFen;
  if (type === 'holiday_care' && large) {
    return {
      method: 'on_site',
      reason: `on-site: long-standing, large customer (${figures}; thresholds ${t.onSiteTenureYears} years, ${yuan(t.onSiteAnnualPremiumFen)})`,
      why: { key: 'large_customer', params: { ...params, minTenureYears: t.onSiteTenureYears, minAnnualPremiumFen: t.onSiteAnnualPremiumFen } },
    };
  }
  if (type === 'holiday_care') return { method: 'phone', reason: `phone: below the on-site thresholds (${figures})`, why: { key: 'below_thresholds', params: { ...params, minTenureYears: t.onSiteTenureYears, minAnnualPremiumFen: t.onSiteAnnualPremiumFen } } };
  return { method: 'phone', reason: `phone: ${type.replace('_', ' ')} visits are made by phone (${figures})`, why: { key: 'by_phone', params: { ...params, visitType: type } } };
}
