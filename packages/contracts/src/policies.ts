// Contracts of the policies module: policies (保单), their parties, endorsements (保全) and renewals.
import { z } from 'zod';
import { ZDate, ZId, ZInstant, ZVersion } from './common.ts';
import { ZProductLine } from './products.ts';

// Keyset paging, same shape as ZCursorQuery / ZCursorPage in customers.ts. Defined here rather than
// imported so that customers.ts can import this file (its 360 view embeds the policies section)
// without an import cycle between the two contract files.
const ZCursorQuery = z.object({
  cursor: z.string().max(500).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(20),
});

/** Policy status; transitions are checked by the server (see docs/policies.md). */
export const POLICY_STATUSES = ['pending', 'in_force', 'lapsed', 'surrendered', 'expired', 'cancelled'] as const;
export const ZPolicyStatus = z.enum(POLICY_STATUSES);
export type TPolicyStatus = z.infer<typeof ZPolicyStatus>;

/** How often the premium is paid; `premiumFen` is the amount per instalment. */
export const PAYMENT_FREQUENCIES = ['single', 'annual', 'semi_annual', 'quarterly', 'monthly'] as const;
export const ZPaymentFrequency = z.enum(PAYMENT_FREQUENCIES);
export type TPaymentFrequency = z.infer<typeof ZPaymentFrequency>;

/** How the premium is paid. */
export const PAYMENT_METHODS = ['bank_transfer', 'auto_debit', 'cash', 'wechat_pay', 'alipay', 'card'] as const;
export const ZPaymentMethod = z.enum(PAYMENT_METHODS);
export type TPaymentMethod = z.infer<typeof ZPaymentMethod>;

/** A customer's role on a policy (glossary: applicant 投保人, insured 被保险人, beneficiary 受益人). */
export const POLICY_PARTY_ROLES = ['applicant', 'insured', 'beneficiary'] as const;
export const ZPolicyPartyRole = z.enum(POLICY_PARTY_ROLES);
export type TPolicyPartyRole = z.infer<typeof ZPolicyPartyRole>;

/** Endorsement (保全) types. */
export const ENDORSEMENT_TYPES = ['address_change', 'beneficiary_change', 'payment_method_change', 'surrender', 'other'] as const;
export const ZEndorsementType = z.enum(ENDORSEMENT_TYPES);
export type TEndorsementType = z.infer<typeof ZEndorsementType>;

/** A named beneficiary with an integer share in percent; shares on a policy total exactly 100. */
export const ZBeneficiaryInput = z.object({
  customerId: ZId,
  sharePct: z.number().int().min(1).max(100),
});
export type TBeneficiaryInput = z.infer<typeof ZBeneficiaryInput>;

/** Enter a policy. Without beneficiaries, death benefits go to the legal heirs (法定受益人). */
export const ZCreatePolicyRequest = z.object({
  /** Given for imports from a core system; generated (`P2026…`) when omitted. */
  policyNo: z
    .string()
    .trim()
    .min(4)
    .max(40)
    .regex(/^[A-Za-z0-9-]+$/, 'letters, digits and dashes only')
    .optional(),
  productId: ZId,
  /** The applicant / policyholder (投保人). */
  policyholderId: ZId,
  /** The insured persons (被保险人); at least one. */
  insuredIds: z.array(ZId).min(1).max(20),
  beneficiaries: z.array(ZBeneficiaryInput).max(20).default([]),
  sumInsuredFen: z.number().int().min(0),
  premiumFen: z.number().int().min(0),
  paymentFrequency: ZPaymentFrequency,
  paymentMethod: ZPaymentMethod.optional(),
  /** Bank account for `auto_debit` (required with it, refused otherwise); encrypted at rest, masked in responses. */
  bankAccount: z
    .string()
    .trim()
    .regex(/^\d{12,30}$/, 'must be 12–30 digits')
    .optional(),
  effectiveOn: ZDate,
  expiresOn: ZDate,
  /** Defaults to `in_force`; `pending` for a policy awaiting issuance. */
  status: z.enum(['pending', 'in_force']).default('in_force'),
  /** The selling agent (must hold a practising licence valid on the effective date). */
  agentId: ZId,
  /** Defaults to the agent's org unit. */
  orgUnitId: ZId.optional(),
  /** The previous policy this one renews (续保), same policyholder. */
  renewalOfId: ZId.optional(),
});
export type TCreatePolicyRequest = z.input<typeof ZCreatePolicyRequest>;

/** Change a policy's commercial data; status changes and endorsements have their own routes. */
export const ZUpdatePolicyRequest = z.object({
  version: ZVersion,
  sumInsuredFen: z.number().int().min(0).optional(),
  premiumFen: z.number().int().min(0).optional(),
  paymentFrequency: ZPaymentFrequency.optional(),
  expiresOn: ZDate.optional(),
  agentId: ZId.optional(),
});
export type TUpdatePolicyRequest = z.infer<typeof ZUpdatePolicyRequest>;

/** Move a policy to another status (e.g. lapse for non-payment, reinstate, cancel in cooling-off). */
export const ZPolicyStatusChangeRequest = z.object({
  version: ZVersion,
  status: ZPolicyStatus,
  reason: z.string().trim().min(2).max(500),
  effectiveOn: ZDate.optional(),
});
export type TPolicyStatusChangeRequest = z.infer<typeof ZPolicyStatusChangeRequest>;

/** Record an endorsement (保全). The fields needed depend on `type`. */
export const ZCreateEndorsementRequest = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('address_change'),
    effectiveOn: ZDate,
    reason: z.string().trim().min(2).max(500),
    /** The policy's `version` as read: an endorsement on a policy changed since is refused (409). */
    version: ZVersion,
    newAddress: z.string().trim().min(4).max(300),
  }),
  z.object({
    type: z.literal('beneficiary_change'),
    effectiveOn: ZDate,
    reason: z.string().trim().min(2).max(500),
    /** The policy's `version` as read: an endorsement on a policy changed since is refused (409). */
    version: ZVersion,
    beneficiaries: z.array(ZBeneficiaryInput).max(20),
  }),
  z.object({
    type: z.literal('payment_method_change'),
    effectiveOn: ZDate,
    reason: z.string().trim().min(2).max(500),
    /** The policy's `version` as read: an endorsement on a policy changed since is refused (409). */
    version: ZVersion,
    paymentMethod: ZPaymentMethod,
    /** Bank account for auto-debit; encrypted at rest, masked in every response. */
    bankAccount: z
      .string()
      .trim()
      .regex(/^\d{12,30}$/, 'must be 12–30 digits')
      .optional(),
  }),
  z.object({
    type: z.literal('surrender'),
    effectiveOn: ZDate,
    reason: z.string().trim().min(2).max(500),
    /** The policy's `version` as read: an endorsement on a policy changed since is refused (409). */
    version: ZVersion,
    /** Cash value paid out on surrender (退保金), fen. */
    surrenderValueFen: z.number().int().min(0),
  }),
  z.object({
    type: z.literal('other'),
    effectiveOn: ZDate,
    reason: z.string().trim().min(2).max(500),
    /** The policy's `version` as read: an endorsement on a policy changed since is refused (409). */
    version: ZVersion,
    description: z.string().trim().min(2).max(1000),
  }),
]);
export type TCreateEndorsementRequest = z.infer<typeof ZCreateEndorsementRequest>;

/** A recorded endorsement; `summary` describes the change with personal data masked. */
export const ZEndorsement = z
  .object({
    id: ZId,
    policyId: ZId,
    type: ZEndorsementType,
    effectiveOn: ZDate,
    reason: z.string(),
    /** What changed, in English (for API users). */
    summary: z.string(),
    /** What changed, for a client to say in its reader's language; null where only `summary` has it (older endorsements). */
    change: z
      .discriminatedUnion('type', [
        z.object({ type: z.literal('address_change'), addressMasked: z.string() }),
        z.object({ type: z.literal('beneficiary_change'), before: z.array(z.object({ name: z.string(), sharePct: z.number() })), after: z.array(z.object({ name: z.string(), sharePct: z.number() })) }),
        z.object({ type: z.literal('payment_method_change'), from: ZPaymentMethod.nullable(), to: ZPaymentMethod, bankAccountMasked: z.string().nullable() }),
        z.object({ type: z.literal('surrender'), surrenderValueFen: z.number().int() }),
        z.object({ type: z.literal('other'), description: z.string() }),
      ])
      .nullable(),
    surrenderValueFen: z.number().int().nullable(),
    createdBy: z.object({ id: z.string(), name: z.string() }),
    createdAt: ZInstant,
  })
  .meta({ id: 'Endorsement' });
export type TEndorsement = z.infer<typeof ZEndorsement>;

/** A customer on a policy, with their role (and share for beneficiaries). */
export const ZPolicyParty = z.object({
  customerId: ZId,
  name: z.string(),
  role: ZPolicyPartyRole,
  sharePct: z.number().int().nullable(),
});
export type TPolicyParty = z.infer<typeof ZPolicyParty>;

const ZRef = z.object({ id: z.string(), name: z.string() });

/** A policy in lists. */
export const ZPolicySummary = z
  .object({
    id: ZId,
    policyNo: z.string(),
    product: z.object({ id: ZId, code: z.string(), name: z.string(), line: ZProductLine }),
    policyholder: ZRef,
    status: ZPolicyStatus,
    sumInsuredFen: z.number().int(),
    premiumFen: z.number().int(),
    paymentFrequency: ZPaymentFrequency,
    effectiveOn: ZDate,
    expiresOn: ZDate,
    coolingOffEndsOn: ZDate,
    agent: ZRef,
    orgUnit: ZRef,
    renewalOfId: ZId.nullable(),
    version: ZVersion,
  })
  .meta({ id: 'PolicySummary' });
export type TPolicySummary = z.infer<typeof ZPolicySummary>;

/** A policy with its parties, coverages (from the product) and endorsement history. */
export const ZPolicy = ZPolicySummary.extend({
  paymentMethod: ZPaymentMethod.nullable(),
  /** Masked bank account for auto-debit, e.g. `6222********1234`. */
  bankAccountMasked: z.string().nullable(),
  parties: z.array(ZPolicyParty),
  coverages: z.array(z.object({ code: z.string(), name: z.string() })),
  endorsements: z.array(ZEndorsement),
  /** The policy that renewed this one, if any. */
  renewedById: ZId.nullable(),
  statusReason: z.string().nullable(),
  surrenderValueFen: z.number().int().nullable(),
  createdAt: ZInstant,
  updatedAt: ZInstant,
}).meta({ id: 'Policy' });
export type TPolicy = z.infer<typeof ZPolicy>;

/** Orders of the policy list (keyset by the sort value, then id). */
export const POLICY_SORTS = ['-createdAt', 'createdAt', '-effectiveOn', 'effectiveOn', 'expiresOn'] as const;
export const ZPolicySort = z.enum(POLICY_SORTS);
export type TPolicySort = z.infer<typeof ZPolicySort>;

/** Policy list filters; `customerId` matches the customer in any role; `q` is a policy-number prefix. */
export const ZPolicyListQuery = ZCursorQuery.extend({
  q: z.string().trim().max(40).optional(),
  /** Default `-createdAt` (newest first); `expiresOn` suits renewal work lists. */
  sort: ZPolicySort.default('-createdAt'),
  status: ZPolicyStatus.optional(),
  line: ZProductLine.optional(),
  productId: ZId.optional(),
  customerId: ZId.optional(),
  agentId: ZId.optional(),
  orgUnitId: ZId.optional(),
  /** Policies expiring on or before this date (renewal work lists). */
  expiringBefore: ZDate.optional(),
  /** … and on or after this one (the console's "expiring within 30 days" starts today). */
  expiringFrom: ZDate.optional(),
});
export type TPolicyListQuery = z.infer<typeof ZPolicyListQuery>;
/** The same filters without paging (exports). */
export const ZPolicyFilterQuery = ZPolicyListQuery.omit({ cursor: true, limit: true });
export type TPolicyFilterQuery = z.infer<typeof ZPolicyFilterQuery>;

export const ZPolicyList = z.object({ items: z.array(ZPolicySummary), nextCursor: z.string().nullable() });
export type TPolicyList = z.infer<typeof ZPolicyList>;

/** The customer 360° view's policies section: holdings in every role, cover by line, who protects whom. */
export const ZCustomer360PoliciesSection = z.object({
  items: z.array(
    ZPolicySummary.extend({
      /** This customer's roles on the policy. */
      roles: z.array(ZPolicyPartyRole),
      /** This customer's beneficiary share, if a beneficiary. */
      sharePct: z.number().int().nullable(),
      insured: z.array(ZRef),
    }),
  ),
  /** In-force cover where this customer is insured, by line. */
  coverageByLine: z.array(z.object({ line: ZProductLine, policiesInForce: z.number().int(), sumInsuredFen: z.number().int() })),
  /** Lines with no in-force cover for this customer as insured: a protection-gap hint. */
  uncoveredLines: z.array(ZProductLine),
  /** Value figures from the policies (definitions in docs/policies.md); also merged into the 360 `value` panel. */
  figures: z.object({
    /** In-force policies where this customer is the policyholder. */
    policiesInForce: z.number().int(),
    /** Annualised premium of those in-force policies (fen). */
    annualPremiumFen: z.number().int(),
    /** Estimated premium paid over all of this customer's policies as policyholder (fen). */
    lifetimePremiumFen: z.number().int(),
    /** Premium earned by elapsed cover time (fen); the loss-ratio denominator. */
    earnedPremiumFen: z.number().int(),
    /** Effective date of the first policy in any role (tenure). */
    firstPolicyOn: ZDate.nullable(),
  }),
});
export type TCustomer360PoliciesSection = z.infer<typeof ZCustomer360PoliciesSection>;

/**
 * Underwriting decision (核保结论) on an application (a pending policy): standard, preferential
 * (a discount), conditional (a loading, exclusions or both) — each issues the policy — or declined,
 * which cancels it. Compulsory motor insurance is only ever accepted at standard terms.
 */
export const UNDERWRITING_DECISIONS = ['standard', 'preferential', 'conditional', 'declined'] as const;
export const ZUnderwritingDecisionKind = z.enum(UNDERWRITING_DECISIONS);
export type TUnderwritingDecisionKind = z.infer<typeof ZUnderwritingDecisionKind>;

/** Decide an application. The server checks which fields the decision needs (docs/policies.md). */
export const ZUnderwritingDecisionRequest = z.object({
  version: ZVersion,
  decision: ZUnderwritingDecisionKind,
  /** Premium change in percent: a discount (−1 … −50) for preferential, a loading (1 … 300) for conditional. */
  premiumAdjustmentPct: z.number().int().min(-50).max(300).optional(),
  /** What the cover excludes (conditional). */
  exclusions: z.string().trim().min(2).max(1000).optional(),
  /** Why: required for every decision but standard. */
  reason: z.string().trim().min(2).max(1000).optional(),
});
export type TUnderwritingDecisionRequest = z.infer<typeof ZUnderwritingDecisionRequest>;

export const ZUnderwritingDecision = z
  .object({
    id: ZId,
    policyId: ZId,
    decision: ZUnderwritingDecisionKind,
    premiumAdjustmentPct: z.number().int().nullable(),
    exclusions: z.string().nullable(),
    reason: z.string().nullable(),
    premiumBeforeFen: z.number().int(),
    premiumAfterFen: z.number().int(),
    /** Who decided (display name). */
    decidedBy: z.string(),
    decidedAt: ZInstant,
  })
  .meta({ id: 'UnderwritingDecision' });
export type TUnderwritingDecision = z.infer<typeof ZUnderwritingDecision>;

export const ZUnderwritingDecisionList = z.object({ items: z.array(ZUnderwritingDecision) });
export type TUnderwritingDecisionList = z.infer<typeof ZUnderwritingDecisionList>;

/** The underwriting queue: applications (pending policies) in scope, the longest waiting first. */
export const ZUnderwritingQueueQuery = ZCursorQuery.extend({
  line: ZProductLine.optional(),
  /** Only applications held because a party is on the blacklist (`true`) or only the others (`false`). */
  blacklistReferral: z.enum(['true', 'false']).optional(),
});
export type TUnderwritingQueueQuery = z.infer<typeof ZUnderwritingQueueQuery>;

export const ZUnderwritingQueueItem = ZPolicySummary.extend({
  /** When the application was entered. */
  appliedAt: ZInstant,
  /** Whole days since then (Asia/Shanghai calendar days). */
  waitingDays: z.number().int(),
  /** Held because a party is on the blacklist: only a blacklist approver may issue it. */
  blacklistReferral: z.boolean(),
  statusReason: z.string().nullable(),
}).meta({ id: 'UnderwritingQueueItem' });
export type TUnderwritingQueueItem = z.infer<typeof ZUnderwritingQueueItem>;

export const ZUnderwritingQueue = z.object({ items: z.array(ZUnderwritingQueueItem), nextCursor: z.string().nullable() });
export type TUnderwritingQueue = z.infer<typeof ZUnderwritingQueue>;
