import { CLAIM_ACTIONS } from '@anxin/contracts';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../../../format.ts';

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
] as const;

/** What the customer is told comes next. */
export const PROGRESS_NEXT = ['registration', 'assessment', 'customer_documents', 'decision', 'payment'] as const;

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
  return {
    action: (action: ClaimNextAction) => t(`claimEnums.action.${action}`),
    rule: (rule: string) => (isOneOf(FAST_TRACK_RULES, rule) ? t(`claims.rules.${rule}`) : rule),
    eventType: (type: string) => (isOneOf(CLAIM_EVENT_TYPES, type) ? t(`claims.events.${type}`) : type),
    /** A progress step in the customer's words; `params` from the server carry a count or an amount in fen. */
    progressStep: (key: string, params: Record<string, string> = {}) =>
      isOneOf(PROGRESS_STEPS, key)
        ? t(`claims.progress.steps.${key}`, { count: Number(params.count ?? 0), amount: params.amountFen ? format.fen(params.amountFen) : '' })
        : key,
    progressNext: (key: string) => (isOneOf(PROGRESS_NEXT, key) ? t(`claims.progress.next.${key}`) : key),
  };
}
