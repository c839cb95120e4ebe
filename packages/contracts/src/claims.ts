import { z } from 'zod';
import { ZDate, ZId, ZInstant, ZVersion } from './common.ts';
import { ZProductLine } from './products.ts';

/** Claim workflow states (理赔流程): report → register → survey → documents → adjust → approve → pay → close. */
export const CLAIM_STATUSES = [
  'reported',
  'registered',
  'assessing',
  'documents_pending',
  'adjusting',
  'approving',
  'paying',
  'closed',
  'denied',
  'withdrawn',
  'reopened',
] as const;
export const ZClaimStatus = z.enum(CLAIM_STATUSES);
export type TClaimStatus = z.infer<typeof ZClaimStatus>;

/** Where a claim was reported (报案渠道). */
export const CLAIM_CHANNELS = ['phone', 'counter', 'portal', 'partner', 'wechat'] as const;
export const ZClaimChannel = z.enum(CLAIM_CHANNELS);
export type TClaimChannel = z.infer<typeof ZClaimChannel>;

/** Statutory clocks on a claim (shared/domain/statutory-limits.md). */
export const CLAIM_CLOCKS = ['determination', 'payment', 'denial_notice', 'advance_payment'] as const;
export const ZClaimClockKind = z.enum(CLAIM_CLOCKS);
export type TClaimClockKind = z.infer<typeof ZClaimClockKind>;

/** ICD-10 code, e.g. `J18.9`, `C50`, `S82.0`. */
export const ZIcd10 = z
  .string()
  .trim()
  .toUpperCase()
  .regex(/^[A-Z]\d{2}(\.\d{1,2})?$/, 'must be an ICD-10 code such as J18.9');

const ZMoneyFen = z.number().int().min(0).max(100_000_000_000);
const ZText = (max: number) => z.string().trim().min(1).max(max);

/** One invoice line of a medical claim (发票明细). */
export const ZInvoiceItem = z.object({
  invoiceNo: z.string().trim().regex(/^[A-Za-z0-9-]{4,40}$/, 'must be 4–40 letters, digits or dashes'),
  description: ZText(200),
  amountFen: ZMoneyFen.min(1),
});
export type TInvoiceItem = z.infer<typeof ZInvoiceItem>;

/** What happened, by product line: motor, medical, illness (critical illness, life, accident) or property. */
export const ZClaimIncident = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('motor'),
    place: ZText(200),
    vehiclePlate: z
      .string()
      .trim()
      .regex(/^[\u4e00-\u9fa5][A-Z][A-Z0-9]{5,6}$/, 'must be a plate such as 浙A12345'),
    thirdParties: z.array(z.object({ name: ZText(50), vehiclePlate: z.string().trim().max(10).optional(), insurer: z.string().trim().max(50).optional() })).max(10).default([]),
    injuries: z.boolean().default(false),
    description: ZText(1000),
  }),
  z.object({
    kind: z.literal('medical'),
    hospital: ZText(100),
    /** ICD-10; a customer may not know it (the portal): then `description` says what was diagnosed and the adjuster codes it. */
    diagnosisCode: ZIcd10.optional(),
    admittedOn: ZDate.optional(),
    dischargedOn: ZDate.optional(),
    invoiceItems: z.array(ZInvoiceItem).min(1).max(100),
    description: z.string().trim().max(1000).optional(),
  }),
  z.object({
    kind: z.literal('illness'),
    diagnosisCode: ZIcd10.optional(),
    hospital: z.string().trim().max(100).optional(),
    event: ZText(1000),
  }),
  z.object({
    kind: z.literal('property'),
    place: ZText(200),
    description: ZText(1000),
  }),
]);
export type TClaimIncident = z.infer<typeof ZClaimIncident>;

/** Report a claim (报案). The policy is found by id or number and must cover the insured on the incident date. */
export const ZReportClaimRequest = z
  .object({
    policyId: ZId.optional(),
    policyNo: z.string().trim().min(1).max(40).optional(),
    /** The insured person the claim is for; defaults to the policy's only insured. */
    insuredId: ZId.optional(),
    channel: ZClaimChannel,
    incidentAt: ZInstant,
    amountClaimedFen: ZMoneyFen,
    reporterName: z.string().trim().max(50).optional(),
    /** Reporter's phone, if not the insured; encrypted at rest, masked in responses. */
    reporterPhone: z
      .string()
      .trim()
      .regex(/^\+?[\d-]{7,20}$/, 'must be a phone number')
      .optional(),
    incident: ZClaimIncident,
  })
  .refine((v) => v.policyId || v.policyNo, { message: 'give policyId or policyNo', path: ['policyId'], params: { rule: 'required' } });
export type TReportClaimRequest = z.infer<typeof ZReportClaimRequest>;

/** Actions that move a claim along its workflow (other steps have their own endpoints). */
export const CLAIM_ACTIONS = ['register', 'start_assessment', 'complete_documents', 'submit_for_approval', 'send_back', 'close', 'withdraw', 'reopen'] as const;
export const ZClaimAction = z.enum(CLAIM_ACTIONS);
export type TClaimAction = z.infer<typeof ZClaimAction>;

export const ZClaimTransitionRequest = z.object({
  action: ZClaimAction,
  reason: z.string().trim().min(2).max(500),
  version: ZVersion,
});
export type TClaimTransitionRequest = z.infer<typeof ZClaimTransitionRequest>;

/** The notice of missing documents: the first lists everything missing; a later one must say why it was not in the first (Art. 22). */
export const ZDocumentNoticeRequest = z.object({
  codes: z.array(z.string().trim().min(1).max(40)).min(1).max(50),
  /** Required for every notice after the first. */
  lateReason: z.string().trim().min(5).max(500).optional(),
  version: ZVersion,
});
export type TDocumentNoticeRequest = z.infer<typeof ZDocumentNoticeRequest>;

/** Upload a claim document (image or PDF, base64; at most 10 MB). */
export const ZUploadClaimDocumentRequest = z.object({
  /** The checklist item this document satisfies (or `other`). */
  code: z.string().trim().min(1).max(40),
  fileName: z.string().trim().min(1).max(200),
  contentBase64: z.string().min(4),
});
export type TUploadClaimDocumentRequest = z.infer<typeof ZUploadClaimDocumentRequest>;

/** One adjustment line (理算): claimed, covered after deductible, ratio and limit, with a reason. */
export const ZAdjustmentLineInput = z.object({
  coverageCode: z.string().trim().min(1).max(40),
  description: ZText(200),
  claimedFen: ZMoneyFen,
  /** Not covered (e.g. self-paid drugs) — taken out before the deductible. */
  excludedFen: ZMoneyFen.default(0),
  deductibleFen: ZMoneyFen.default(0),
  /** Reimbursement ratio in percent (0–100). */
  ratioPct: z.number().int().min(0).max(100).default(100),
  /** Limit for this line (fen); null = none. */
  limitFen: ZMoneyFen.nullable().default(null),
  reason: ZText(500),
});
export type TAdjustmentLineInput = z.infer<typeof ZAdjustmentLineInput>;

export const ZAdjustClaimRequest = z.object({ lines: z.array(ZAdjustmentLineInput).min(1).max(100), version: ZVersion });
export type TAdjustClaimRequest = z.infer<typeof ZAdjustClaimRequest>;

export const ZApproveClaimRequest = z.object({ reason: z.string().trim().min(2).max(500), version: ZVersion });
export type TApproveClaimRequest = z.infer<typeof ZApproveClaimRequest>;

/** Deny a claim: the reason and the policy clause it rests on; the written notice is due within 3 days. */
export const ZDenyClaimRequest = z.object({
  reason: z.string().trim().min(5).max(1000),
  clause: z.string().trim().min(2).max(200),
  version: ZVersion,
});
export type TDenyClaimRequest = z.infer<typeof ZDenyClaimRequest>;

/** How a written denial notice reached the customer. */
export const DENIAL_NOTICE_CHANNELS = ['letter', 'sms', 'email', 'portal'] as const;
export const ZDenialNoticeRequest = z.object({ sentVia: z.enum(DENIAL_NOTICE_CHANNELS), version: ZVersion });
export type TDenialNoticeRequest = z.infer<typeof ZDenialNoticeRequest>;

export const CLAIM_PAYMENT_KINDS = ['advance', 'partial', 'final'] as const;
export const ZClaimPaymentKind = z.enum(CLAIM_PAYMENT_KINDS);

/** Record a payment (advance before approval; partial or final after). */
export const ZRecordClaimPaymentRequest = z.object({
  kind: ZClaimPaymentKind,
  payeeName: ZText(50),
  /** Bank account; encrypted at rest, masked in responses. */
  bankAccount: z
    .string()
    .trim()
    .regex(/^\d{12,30}$/, 'must be 12–30 digits'),
  amountFen: ZMoneyFen.min(1),
  version: ZVersion,
});
export type TRecordClaimPaymentRequest = z.infer<typeof ZRecordClaimPaymentRequest>;

export const ZClaimFlagsRequest = z.object({ fraudSuspected: z.boolean(), reason: z.string().trim().min(2).max(500), version: ZVersion });
export type TClaimFlagsRequest = z.infer<typeof ZClaimFlagsRequest>;

export const ZAssignClaimRequest = z.object({ assigneeId: ZId, version: ZVersion });
export type TAssignClaimRequest = z.infer<typeof ZAssignClaimRequest>;

export const ZClaimClock = z.object({
  kind: ZClaimClockKind,
  startedAt: ZInstant,
  dueAt: ZInstant,
  /** Running, paused (waiting on the customer), met (stopped in time) or breached. */
  state: z.enum(['running', 'paused', 'met', 'breached']),
  /** Warning raised: running with less than the rule's warning days left. */
  warning: z.boolean(),
  /** Whole milliseconds left (negative when overdue); null once stopped. */
  remainingMs: z.number().int().nullable(),
  stoppedAt: ZInstant.nullable(),
  breachedAt: ZInstant.nullable(),
  rule: z.object({ days: z.number().int(), source: z.string(), version: z.number().int() }),
  /** The public holiday the deadline falls on (Shanghai date), for a clock still running or paused; null otherwise. */
  dueHoliday: z.object({ name: z.string(), nameZh: z.string() }).nullable(),
});
export type TClaimClock = z.infer<typeof ZClaimClock>;

/** Values a fast-track rule's detail is made of, for a reader's own wording (dates YYYY-MM-DD, amounts in fen, document codes). */
export const ZFastTrackRuleParams = z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null(), z.array(z.string())]));
/** One rule of the fast-track decision: `detail` in English for logs and API users, `params` for a translated text (absent on decisions made before they were kept). */
export type TFastTrackRuleParams = z.infer<typeof ZFastTrackRuleParams>;
export const ZFastTrackRuleResult = z.object({ rule: z.string(), passed: z.boolean(), detail: z.string(), params: ZFastTrackRuleParams.optional() });
export const ZFastTrackDecision = z.object({
  eligible: z.boolean(),
  decidedAt: ZInstant,
  trace: z.array(ZFastTrackRuleResult),
});
export type TFastTrackDecision = z.infer<typeof ZFastTrackDecision>;

/** A saved adjustment line; `coverageName` from the product (null for a code the product no longer has). */
export const ZAdjustmentLine = ZAdjustmentLineInput.extend({ coverageName: z.string().nullable(), payableFen: z.number().int() });
export const ZClaimDocument = z.object({
  id: ZId,
  code: z.string(),
  fileName: z.string(),
  contentType: z.string(),
  sizeBytes: z.number().int(),
  uploadedAt: ZInstant,
  uploadedBy: z.string(),
});
export const ZClaimPayment = z.object({
  id: ZId,
  kind: ZClaimPaymentKind,
  payeeName: z.string(),
  bankAccountMasked: z.string(),
  amountFen: z.number().int(),
  paidAt: ZInstant,
  recordedBy: z.string(),
});
/** What an event of the timeline was about, for a reader's own wording; only the facts its type has. */
export const ZClaimEventFacts = z.object({
  /** Approved (approve, fast-track approve), payable (adjusted), instructed or paid amount, fen. */
  amountFen: z.number().int().optional(),
  paymentKind: ZClaimPaymentKind.optional(),
  /** Checklist codes: asked for (document_notice) or received (document_added). */
  documentCodes: z.array(z.string()).optional(),
  /** Who the claim went to (reported: routed; assigned). */
  assigneeName: z.string().optional(),
  channel: z.enum(CLAIM_CHANNELS).optional(),
  sentVia: z.enum(DENIAL_NOTICE_CHANNELS).optional(),
  clock: ZClaimClockKind.optional(),
  /** The policy clause a denial rests on. */
  clause: z.string().optional(),
  fraudSuspected: z.boolean().optional(),
  /** The flag came from a party of the claim being on the blacklist. */
  blacklisted: z.boolean().optional(),
});
export type TClaimEventFacts = z.infer<typeof ZClaimEventFacts>;
export const ZClaimEvent = z.object({
  id: z.number().int(),
  type: z.string(),
  fromStatus: ZClaimStatus.nullable(),
  toStatus: ZClaimStatus.nullable(),
  /** The reason a person gave (null for the system's own steps, whose facts say why). */
  reason: z.string().nullable(),
  /** The staff member's display name; an API key's name for a partner; `system`; the customer for the portal. */
  actorName: z.string(),
  at: ZInstant,
  facts: ZClaimEventFacts,
});
export const ZDocumentNotice = z.object({
  id: ZId,
  codes: z.array(z.string()),
  first: z.boolean(),
  lateReason: z.string().nullable(),
  sentAt: ZInstant,
  sentBy: z.string(),
});

/** A claim in lists and queues. */
export const ZClaimSummary = z
  .object({
    id: ZId,
    claimNo: z.string(),
    status: ZClaimStatus,
    channel: ZClaimChannel,
    line: ZProductLine,
    policyId: ZId,
    policyNo: z.string(),
    customerId: ZId,
    insuredName: z.string(),
    reportedAt: ZInstant,
    incidentAt: ZInstant,
    amountClaimedFen: z.number().int(),
    amountApprovedFen: z.number().int().nullable(),
    amountPaidFen: z.number().int(),
    assignee: z.object({ id: ZId, name: z.string() }).nullable(),
    orgUnitId: ZId,
    greenChannel: z.boolean(),
    multiClaim: z.boolean(),
    fraudSuspected: z.boolean(),
    fastTrack: z.boolean(),
    /** The earliest due date of a running clock, and whether any clock warns or is breached. */
    nextDueAt: ZInstant.nullable(),
    warning: z.boolean(),
    breached: z.boolean(),
    version: ZVersion,
  })
  .meta({ id: 'ClaimSummary' });
export type TClaimSummary = z.infer<typeof ZClaimSummary>;

export const ZClaim = ZClaimSummary.extend({
  insuredId: ZId,
  reporterName: z.string().nullable(),
  reporterPhoneMasked: z.string().nullable(),
  /** What happened (diagnosis, invoices: health data); null for callers who do not handle or approve claims. */
  incident: ZClaimIncident.nullable(),
  denialReason: z.string().nullable(),
  denialClause: z.string().nullable(),
  checklist: z.array(z.object({ code: z.string(), name: z.string(), required: z.boolean(), received: z.boolean() })),
  /** The product's waiting period from the policy's start (null: none); `incidentWithin` — the loss happened inside it (usually not covered: the adjuster and approver are warned). */
  waitingPeriod: z.object({ days: z.number().int(), endsOn: ZDate, incidentWithin: z.boolean() }).nullable(),
  documents: z.array(ZClaimDocument),
  notices: z.array(ZDocumentNotice),
  adjustment: z.array(ZAdjustmentLine),
  payments: z.array(ZClaimPayment),
  clocks: z.array(ZClaimClock),
  events: z.array(ZClaimEvent),
  fastTrackDecision: ZFastTrackDecision.nullable(),
  /** What the caller may do next (actions valid from this status, for this caller). */
  nextActions: z.array(z.string()),
}).meta({ id: 'Claim' });
export type TClaim = z.infer<typeof ZClaim>;

export const CLAIM_SORTS = ['-reportedAt', 'reportedAt', 'priority'] as const;
export const ZClaimListQuery = z.object({
  status: z.union([ZClaimStatus, z.array(ZClaimStatus)]).optional(),
  customerId: ZId.optional(),
  policyId: ZId.optional(),
  assigneeId: z.union([ZId, z.literal('me'), z.literal('none')]).optional(),
  /** A claim number prefix or its sequence digits (`16` finds CLM…00000016), a policy number prefix, or the start of the insured's name. */
  q: z.string().trim().max(40).optional(),
  open: z.enum(['true', 'false']).optional(),
  /** `priority`: green channel first, then the earliest clock (the work queue's order). */
  sort: z.enum(CLAIM_SORTS).default('-reportedAt'),
  cursor: z.string().max(500).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});
export type TClaimListQuery = z.infer<typeof ZClaimListQuery>;
export const ZClaimList = z.object({ items: z.array(ZClaimSummary), nextCursor: z.string().nullable() });
export type TClaimList = z.infer<typeof ZClaimList>;

/** The overdue board: claims with a breached or warning clock, in the caller's scope. */
export const ZOverdueBoard = z.object({
  items: z.array(ZClaimSummary.extend({ clocks: z.array(ZClaimClock) })),
  counts: z.object({ breached: z.number().int(), warning: z.number().int() }),
});
export type TOverdueBoard = z.infer<typeof ZOverdueBoard>;

export const ZClaimStats = z.object({
  from: ZDate,
  to: ZDate,
  medicalReported: z.number().int(),
  fastTrackApproved: z.number().int(),
  /** Share of medical claims approved without a person (0–1, 4 decimals). */
  straightThroughRate: z.number(),
  failedRules: z.array(z.object({ rule: z.string(), count: z.number().int() })),
});
export type TClaimStats = z.infer<typeof ZClaimStats>;
export const ZClaimStatsQuery = z.object({ from: ZDate.optional(), to: ZDate.optional() });
export type TClaimStatsQuery = z.infer<typeof ZClaimStatsQuery>;

/** Plain-language progress the customer sees: what happened, what happens next and by when. */
export const ZClaimProgress = z.object({
  claimNo: z.string(),
  status: ZClaimStatus,
  steps: z.array(z.object({ key: z.string(), at: ZInstant, params: z.record(z.string(), z.string()) })),
  next: z.object({ key: z.string(), dueAt: ZInstant.nullable() }).nullable(),
});
export type TClaimProgress = z.infer<typeof ZClaimProgress>;

/** Customer 360 claims section. */
export const ZCustomer360ClaimsSection = z.object({
  items: z.array(ZClaimSummary),
  openCount: z.number().int(),
  paidFen: z.number().int(),
  last12MonthsCount: z.number().int(),
});
export type TCustomer360ClaimsSection = z.infer<typeof ZCustomer360ClaimsSection>;

// — claim settings (clock rules, fast track, approval authority, green channel) —

/** The longest each clock may be set to: the statutory limit (shared/domain/statutory-limits.md). */
export const CLAIM_CLOCK_STATUTORY_DAYS = { determination: 30, payment: 10, denial_notice: 3, advance_payment: 60 } as const;

/** A clock rule: `*` is the company default, a product line overrides it. */
export const ZClaimClockRule = z.object({
  line: z.union([z.literal('*'), ZProductLine]),
  clock: ZClaimClockKind,
  days: z.number().int(),
  warnDays: z.number().int(),
  source: z.string(),
  version: z.number().int(),
  updatedAt: ZInstant,
});
export type TClaimClockRule = z.infer<typeof ZClaimClockRule>;

export const ZSaveClaimClockRuleRequest = z.object({
  line: z.union([z.literal('*'), ZProductLine]),
  clock: ZClaimClockKind,
  days: z.number().int().min(1).max(365),
  warnDays: z.number().int().min(0).max(60),
  /** The legal or contractual basis of the rule. */
  source: ZText(300),
  /** The rule's version when changing it; absent when adding a product-line override. */
  version: ZVersion.optional(),
});
export type TSaveClaimClockRuleRequest = z.infer<typeof ZSaveClaimClockRuleRequest>;

/** Roles that approve claims and may carry an approval limit. */
export const CLAIM_APPROVER_ROLES = ['claims_adjuster', 'branch_manager', 'admin'] as const;

export const ZFastTrackSettings = z.object({
  enabled: z.boolean(),
  thresholdFen: ZMoneyFen.max(100_000_000),
  excludedDiagnosisPrefixes: z
    .array(
      z
        .string()
        .trim()
        .toUpperCase()
        .regex(/^[A-Z](\d{1,2}(\.\d{1,2})?)?$/, 'must be an ICD-10 chapter letter or code prefix such as F or O80'),
    )
    .max(100),
});
export const ZApprovalAuthority = z.object({
  /** Highest adjusted total each role may approve, fen; null = no limit. */
  limits: z.object({ claims_adjuster: ZMoneyFen.nullable(), branch_manager: ZMoneyFen.nullable(), admin: ZMoneyFen.nullable() }),
});

export const ZClaimSettings = z.object({
  clockRules: z.array(ZClaimClockRule),
  fastTrack: ZFastTrackSettings.extend({ version: z.number().int() }),
  approvalAuthority: ZApprovalAuthority.extend({ version: z.number().int() }),
});
export type TClaimSettings = z.infer<typeof ZClaimSettings>;

export const ZSaveFastTrackRequest = ZFastTrackSettings.extend({ version: ZVersion });
export type TSaveFastTrackRequest = z.infer<typeof ZSaveFastTrackRequest>;
export const ZSaveApprovalAuthorityRequest = ZApprovalAuthority.extend({ version: ZVersion });
export type TSaveApprovalAuthorityRequest = z.infer<typeof ZSaveApprovalAuthorityRequest>;

/** Adjusters a claim may be assigned to (its unit or above), with their open claims, nearest unit first. */
export const ZClaimAssignees = z.object({
  items: z.array(z.object({ id: ZId, name: z.string(), unitName: z.string(), openClaims: z.number().int() })),
});
export type TClaimAssignees = z.infer<typeof ZClaimAssignees>;
