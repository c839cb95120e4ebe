import type { TComplaintCategory, TComplaintChannel, TComplaintStatus, TComplaintTier } from '@anxin/contracts';
import { useTranslation } from 'react-i18next';

const known = <T extends string>(values: readonly T[], value: string): value is T => (values as readonly string[]).includes(value);
const ACTIONS = ['verify', 'register', 'transfer', 'escalate', 'coordinate', 'assign', 'decide', 'extend', 'record_response', 'decide_review', 'close', 'withdraw', 'reopen', 'playbook'] as const;
const RECORDS = ['registration', 'verification', 'transfer', 'coordination', 'assignment', 'handling', 'extension', 'response', 'review', 'closure', 'reopen', 'withdrawal', 'warning', 'breach'] as const;
const STEPS = ['isolate', 'calm', 'apologise', 'understand', 'propose', 'ask_opinion', 'follow_up'] as const;
const SUB_REASONS = [
  'misleading_sales',
  'unsuitable_product',
  'forged_signature',
  'exclusions_not_explained',
  'refused',
  'loading_or_exclusion',
  'slow',
  'health_disclosure',
  'denied',
  'amount_too_low',
  'documents_burden',
  'rude',
  'unreachable',
  'wrong_information',
  'harassing_calls',
  'principal_loss',
  'not_explained',
  'other',
] as const;
const REASONS = ['regulator_transfer', 'collective', 'severity', 'clock_warning', 'clock_breach', 'customer_dispute'] as const;

/** Names for the complaint module's enumerations; unknown values show as they are. */
export function useComplaintLabels() {
  const { t } = useTranslation();
  return {
    status: (s: TComplaintStatus) => t(`complaintEnums.status.${s}`),
    channel: (c: TComplaintChannel) => t(`complaintEnums.channel.${c}`),
    category: (c: TComplaintCategory) => t(`complaintEnums.category.${c}`),
    subReason: (r: string) => (known(SUB_REASONS, r) ? t(`complaintEnums.subReason.${r}`) : r),
    severity: (s: 'normal' | 'serious' | 'critical') => t(`complaintEnums.severity.${s}`),
    tier: (tier: TComplaintTier) => t(`complaintEnums.tier.${tier}`),
    action: (a: string) => (known(ACTIONS, a) ? t(`complaintEnums.action.${a}`) : a),
    record: (k: string) => (known(RECORDS, k) ? t(`complaintEnums.record.${k}`) : k),
    step: (s: string) => (known(STEPS, s) ? t(`complaintEnums.step.${s}`) : s),
    reason: (r: string) => (known(REASONS, r) ? t(`complaintEnums.reason.${r}`) : r),
  };
}
