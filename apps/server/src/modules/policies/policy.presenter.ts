import { ZPaymentMethod, type TEndorsement, type TPolicy, type TPolicySummary, type TUnderwritingDecision, type TUnderwritingQueueItem } from '@anxin/contracts';
import type { PolicyRow } from './policy.repository.ts';
import type { UnderwritingDecisionRow } from './underwriting.service.ts';
import type { PolicyDetail } from './policy.service.ts';

/** A policy in lists (whitelisted; the bank account only masked, and only in the detail). */
export function presentPolicySummary(row: PolicyRow): TPolicySummary {
  return {
    id: row.id,
    policyNo: row.policy_no,
    product: { id: row.product_id, code: row.product_code, name: row.product_name, line: row.product_line },
    policyholder: { id: row.customer_id, name: row.policyholder_name },
    status: row.status,
    sumInsuredFen: row.sum_insured_fen,
    premiumFen: row.premium_fen,
    paymentFrequency: row.payment_frequency,
    effectiveOn: row.effective_on,
    expiresOn: row.expires_on,
    coolingOffEndsOn: row.cooling_off_ends_on,
    agent: { id: row.agent_id, name: row.agent_name },
    orgUnit: { id: row.org_unit_id, name: row.org_unit_name },
    renewalOfId: row.renewal_of_id,
    version: row.version,
  };
}

type EndorsementRow = PolicyDetail['endorsements'][number];
type Named = { name: string; sharePct: number }[];
const PAYMENT_METHOD = ZPaymentMethod.nullable().catch(null);

/** What an endorsement changed, from its details (and, for an older address change, its summary); null when only the summary says. */
function changeOf(row: EndorsementRow): TEndorsement['change'] {
  const d = (row.details ?? {}) as Record<string, unknown>;
  switch (row.type) {
    case 'address_change': {
      const masked = typeof d.addressMasked === 'string' ? d.addressMasked : /^Correspondence address changed to (.+)$/.exec(row.summary)?.[1];
      return masked ? { type: 'address_change', addressMasked: masked } : null;
    }
    case 'beneficiary_change':
      return Array.isArray(d.beforeNamed) && Array.isArray(d.afterNamed) ? { type: 'beneficiary_change', before: d.beforeNamed as Named, after: d.afterNamed as Named } : null;
    case 'payment_method_change': {
      const to = PAYMENT_METHOD.parse(d.to);
      return to ? { type: 'payment_method_change', from: PAYMENT_METHOD.parse(d.from), to, bankAccountMasked: typeof d.bankAccountMasked === 'string' ? d.bankAccountMasked : null } : null;
    }
    case 'surrender':
      return row.surrender_value_fen === null ? null : { type: 'surrender', surrenderValueFen: row.surrender_value_fen };
    case 'other':
      return { type: 'other', description: row.summary };
    default:
      return null;
  }
}

export function presentEndorsement(row: EndorsementRow): TEndorsement {
  return {
    id: row.id,
    policyId: row.policy_id,
    type: row.type,
    effectiveOn: row.effective_on,
    reason: row.reason,
    summary: row.summary,
    change: changeOf(row),
    surrenderValueFen: row.surrender_value_fen,
    createdBy: { id: row.created_by, name: row.created_by_name },
    createdAt: row.created_at.toISOString(),
  };
}

/** A policy with its parties, coverages and endorsements. */
export function presentPolicy(detail: PolicyDetail): TPolicy {
  const { row } = detail;
  return {
    ...presentPolicySummary(row),
    paymentMethod: row.payment_method,
    bankAccountMasked: row.bank_account_masked,
    parties: detail.parties.map((p) => ({ customerId: p.customer_id, name: p.name, role: p.role, sharePct: p.share_pct })),
    coverages: detail.coverages.map((c) => ({ code: c.code, name: c.name })),
    endorsements: detail.endorsements.map(presentEndorsement),
    renewedById: detail.renewedById,
    statusReason: row.status_reason,
    surrenderValueFen: row.surrender_value_fen,
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
  };
}

export function presentUnderwritingDecision(row: UnderwritingDecisionRow): TUnderwritingDecision {
  return {
    id: row.id,
    policyId: row.policy_id,
    decision: row.decision,
    premiumAdjustmentPct: row.premium_adjustment_pct,
    exclusions: row.exclusions,
    reason: row.reason,
    premiumBeforeFen: row.premium_before_fen,
    premiumAfterFen: row.premium_after_fen,
    decidedBy: row.decided_by_name,
    decidedAt: row.decided_at.toISOString(),
  };
}

export function presentUnderwritingQueueItem(item: { row: PolicyRow; waitingDays: number; blacklistReferral: boolean }): TUnderwritingQueueItem {
  return { ...presentPolicySummary(item.row), appliedAt: item.row.created_at.toISOString(), waitingDays: item.waitingDays, blacklistReferral: item.blacklistReferral, statusReason: item.row.status_reason };
}
