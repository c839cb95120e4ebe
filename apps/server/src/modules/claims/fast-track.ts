import type { TFastTrackDecision, TFastTrackRuleParams, TPolicyStatus, TProductLine } from '@anxin/contracts';
import { formatYuan } from '../../platform/money.ts';

/** Fast-track settings (claim_setting 'fast_track'). */
export interface FastTrackSettings {
  enabled: boolean;
  /** Highest amount adjudicated automatically, fen (default 5,000 CNY). */
  thresholdFen: number;
  /** ICD-10 chapters or codes never adjudicated automatically (e.g. F mental, O pregnancy, Z factors). */
  excludedDiagnosisPrefixes: string[];
}

/** What the fast-track rules look at; gathered by the service, judged here without I/O. */
export interface FastTrackFacts {
  line: TProductLine;
  incidentOn: string;
  policy: { status: TPolicyStatus; effectiveOn: string; expiresOn: string; statusChangedOn: string | null; waitingDays: number };
  insuredOnPolicy: boolean;
  amountClaimedFen: number;
  diagnosisCode: string | null;
  /** Invoice numbers of this claim already on another claim. */
  invoicesClaimedBefore: string[];
  fraudFlagged: boolean;
  /** Required checklist items not yet received. */
  missingDocuments: string[];
  /**
   * The coverage a fast-tracked claim is paid under: the product's principal (first) coverage —
   * general or inpatient medical for a medical product; null when the product lists none.
   */
  coverage: { code: string; name: string; deductibleFen: number; reimbursementPct: number } | null;
}

/** Was the policy in force on `date` (effective, not expired, not ended before it)? */
export function inForceOn(policy: FastTrackFacts['policy'], date: string): boolean {
  if (date < policy.effectiveOn || date > policy.expiresOn) return false;
  if (policy.status === 'in_force' || policy.status === 'expired') return true;
  if (policy.status === 'pending') return false;
  // lapsed, surrendered, cancelled: covered only before the status changed.
  return policy.statusChangedOn !== null && date < policy.statusChangedOn;
}

const addDays = (date: string, days: number) => new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

/** The first day of cover after a product's waiting period (等待期), counted from the policy's start. */
export const waitingEndsOn = (effectiveOn: string, waitingDays: number) => addDays(effectiveOn, waitingDays);

/**
 * Judges a claim for automatic adjudication. Every rule is evaluated (not just up to the first
 * failure) so the adjuster sees all the reasons; eligible only when every rule passes.
 */
export function judgeFastTrack(facts: FastTrackFacts, settings: FastTrackSettings, now: Date): TFastTrackDecision {
  const rule = (name: string, passed: boolean, detail: string, params: TFastTrackRuleParams) => ({ rule: name, passed, detail, params });
  const waitingEnds = waitingEndsOn(facts.policy.effectiveOn, facts.policy.waitingDays);
  const diagnosis = facts.diagnosisCode;
  const excluded = diagnosis ? settings.excludedDiagnosisPrefixes.find((p) => diagnosis.startsWith(p)) : undefined;
  const { policy, missingDocuments: missing, invoicesClaimedBefore: claimedBefore } = facts;
  const trace = [
    rule('medical_line', facts.line === 'medical' && settings.enabled, settings.enabled ? `product line ${facts.line}` : 'fast track is switched off', { enabled: settings.enabled, line: facts.line }),
    rule('policy_in_force', inForceOn(policy, facts.incidentOn), `policy ${policy.status}, ${policy.effectiveOn}–${policy.expiresOn}; incident ${facts.incidentOn}`, {
      status: policy.status,
      effectiveOn: policy.effectiveOn,
      expiresOn: policy.expiresOn,
      incidentOn: facts.incidentOn,
    }),
    rule('outside_waiting_period', facts.incidentOn >= waitingEnds, `waiting period ${policy.waitingDays} days, ends ${waitingEnds}`, { waitingDays: policy.waitingDays, waitingEnds }),
    rule('insured_matches', facts.insuredOnPolicy, facts.insuredOnPolicy ? 'the insured is on the policy' : 'the insured is not on the policy', { insuredOnPolicy: facts.insuredOnPolicy }),
    rule('amount_within_threshold', facts.amountClaimedFen <= settings.thresholdFen, `${formatYuan(facts.amountClaimedFen)} claimed, limit ${formatYuan(settings.thresholdFen)}`, {
      claimedFen: facts.amountClaimedFen,
      thresholdFen: settings.thresholdFen,
    }),
    rule('diagnosis_covered', diagnosis !== null && excluded === undefined, diagnosis === null ? 'no diagnosis code' : excluded ? `${diagnosis} is excluded (${excluded})` : `${diagnosis} is covered`, {
      diagnosis,
      excludedPrefix: excluded ?? null,
    }),
    rule('invoice_not_claimed', claimedBefore.length === 0, claimedBefore.length === 0 ? 'no invoice claimed before' : `already claimed: ${claimedBefore.join(', ')}`, { invoices: claimedBefore }),
    rule('no_fraud_flag', !facts.fraudFlagged, facts.fraudFlagged ? 'a fraud flag is on the customer’s claims' : 'no fraud flag', { fraudFlagged: facts.fraudFlagged }),
    // A deductible is counted over the policy year across claims: an adjuster settles it, not the rules.
    rule(
      'no_deductible',
      facts.coverage !== null && facts.coverage.deductibleFen === 0,
      facts.coverage === null ? 'the product lists no coverage' : `${facts.coverage.code}: deductible ${formatYuan(facts.coverage.deductibleFen)}, pays ${facts.coverage.reimbursementPct} %`,
      { coverage: facts.coverage?.code ?? null, coverageName: facts.coverage?.name ?? null, deductibleFen: facts.coverage?.deductibleFen ?? null, reimbursementPct: facts.coverage?.reimbursementPct ?? null },
    ),
    rule('documents_complete', missing.length === 0, missing.length === 0 ? 'every required document received' : `missing: ${missing.join(', ')}`, { missingDocuments: missing }),
  ];
  return { eligible: trace.every((r) => r.passed), decidedAt: now.toISOString(), trace };
}
