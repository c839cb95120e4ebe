import { CLAIM_ACTIONS, DENIAL_NOTICE_CHANNELS, POLICY_STATUSES, PRODUCT_LINES, type TFastTrackRuleParams } from '@anxin/contracts';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../../../format.ts';
import { useLabels } from '../../../i18n/labels.ts';

/** Fast-track rules the console has names for (the server's decision trace names them). */
export const FAST_TRACK_RULES = [
  'medical_line',
  'policy_in_force',
  'outside_waiting_period',
  'insured_matches',
  'amount_within_threshold',
  'diagnosis_covered',
  'invoice_not_claimed',
  'no_fraud_flag',
  'no_deductible',
  'documents_complete',
] as const;

/** Everything a claim's `nextActions` may offer: workflow transitions and the steps with their own endpoints. */
export const CLAIM_NEXT_ACTIONS = [
  ...CLAIM_ACTIONS,
  'request_documents',
  'upload_document',
  'adjust',
  'approve',
  'deny',
  'denial_notice',
  'pay',
  'assign',
  'flag',
] as const;
export type ClaimNextAction = (typeof CLAIM_NEXT_ACTIONS)[number];

/** Steps of the customer-facing progress page. */
export const PROGRESS_STEPS = [
  'reported',
  'registered',
  'assessing',
  'documents_requested',
  'documents_received',
  'adjusting',
  'approving',
  'approved',
  'paid',
  'closed',
  'denied',
  'withdrawn',
  'reopened',
  'fast_track_approved',
  'denial_notice_sent',
] as const;

/** What the customer is told comes next. */
export const PROGRESS_NEXT = ['registration', 'assessment', 'customer_documents', 'documents_review', 'decision', 'payment', 'denial_notice'] as const;

/** Event types of the claim timeline: the workflow moves and the other recorded steps. Unknown ones show as sent. */
export const CLAIM_EVENT_TYPES = [
  'reported',
  'register',
  'start_assessment',
  'request_documents',
  'complete_documents',
  'submit_for_approval',
  'send_back',
  'approve',
  'fast_track_approve',
  'payment_instructed',
  'deny',
  'denial_notice',
  'payment',
  'final_payment',
  'close',
  'withdraw',
  'reopen',
  'document_notice',
  'document_added',
  'documents_received',
  'adjusted',
  'assigned',
  'flagged',
  'clock_breached',
] as const;

const isOneOf = <T extends string>(values: readonly T[], value: string): value is T => (values as readonly string[]).includes(value);
export const isClaimNextAction = (value: string): value is ClaimNextAction => isOneOf(CLAIM_NEXT_ACTIONS, value);

/**
 * Names for the claim module's open-ended strings (rules, progress keys, actions). The server may
 * add values before the console learns them: unknown ones show as they are rather than break.
 */
export function useClaimLabels() {
  const { t } = useTranslation();
  const format = useFormat();
  const labels = useLabels();
  const list = (values: unknown) => (Array.isArray(values) ? values.map(String) : []);
  /** A fast-track rule's detail in the reader's language, from its params; `detail` (English) for a decision made before params were kept. */
  const ruleDetail = (r: { rule: string; detail: string; params?: TFastTrackRuleParams }, documentName: (code: string) => string = (code) => code): string => {
    const p = r.params;
    if (!p) return r.detail;
    const d = (key: string, values: Record<string, unknown> = {}) => t(`claims.fastTrack.details.${key}`, { ...values, defaultValue: r.detail });
    switch (r.rule) {
      case 'medical_line':
        return p.enabled === false ? d('lineOff') : d('line', { line: isOneOf(PRODUCT_LINES, String(p.line)) ? labels.productLine(p.line as (typeof PRODUCT_LINES)[number]) : String(p.line) });
      case 'policy_in_force':
        return d('policy', {
          status: isOneOf(POLICY_STATUSES, String(p.status)) ? labels.policyStatus(p.status as (typeof POLICY_STATUSES)[number]) : String(p.status),
          from: p.effectiveOn,
          to: p.expiresOn,
          incidentOn: p.incidentOn,
        });
      case 'outside_waiting_period':
        return d('waiting', { days: p.waitingDays, date: p.waitingEnds });
      case 'insured_matches':
        return d(p.insuredOnPolicy ? 'insuredYes' : 'insuredNo');
      case 'amount_within_threshold':
        return d('amount', { claimed: format.fen(Number(p.claimedFen)), limit: format.fen(Number(p.thresholdFen)) });
      case 'diagnosis_covered':
        return p.diagnosis === null ? d('diagnosisNone') : p.excludedPrefix ? d('diagnosisExcluded', { diagnosis: p.diagnosis, prefix: p.excludedPrefix }) : d('diagnosisCovered', { diagnosis: p.diagnosis });
      case 'invoice_not_claimed':
        return list(p.invoices).length === 0 ? d('invoicesNone') : d('invoicesClaimed', { invoices: list(p.invoices).join(t('imports.listSeparator')) });
      case 'no_fraud_flag':
        return d(p.fraudFlagged ? 'fraudYes' : 'fraudNo');
      case 'no_deductible':
        return p.coverage === null || p.coverage === undefined ? d('deductibleNone') : d('deductible', { coverage: String(p.coverageName ?? p.coverage), deductible: format.fen(Number(p.deductibleFen)), ratio: p.reimbursementPct });
      case 'documents_complete':
        return list(p.missingDocuments).length === 0 ? d('documentsComplete') : d('documentsMissing', { documents: list(p.missingDocuments).map(documentName).join(t('imports.listSeparator')) });
      default:
        return r.detail;
    }
  };
  return {
    ruleDetail,
    action: (action: ClaimNextAction) => t(`claimEnums.action.${action}`),
    rule: (rule: string) => (isOneOf(FAST_TRACK_RULES, rule) ? t(`claims.rules.${rule}`) : rule),
    eventType: (type: string) => (isOneOf(CLAIM_EVENT_TYPES, type) ? t(`claims.events.${type}`) : type),
    /** A progress step in the customer's words; `params` from the server carry a count or an amount in fen. */
    progressStep: (key: string, params: Record<string, string> = {}) =>
      isOneOf(PROGRESS_STEPS, key)
        ? t(`claims.progress.steps.${key}`, {
            count: Number(params.count ?? 0),
            amount: params.amountFen ? format.fen(params.amountFen) : '',
            via: params.via && isOneOf(DENIAL_NOTICE_CHANNELS, params.via) ? labels.denialNoticeVia(params.via) : '',
          })
        : key,
    progressNext: (key: string) => (isOneOf(PROGRESS_NEXT, key) ? t(`claims.progress.next.${key}`) : key),
  };
}
