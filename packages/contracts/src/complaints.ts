import { z } from 'zod';
import { ZId, ZInstant, ZVersion } from './common.ts';

/** Where a complaint came in (投诉渠道); `regulator` is a regulator-transferred complaint (监管转办). */
export const COMPLAINT_CHANNELS = ['hotline', 'counter', 'portal', 'email', 'letter', 'regulator', 'media'] as const;
export const ZComplaintChannel = z.enum(COMPLAINT_CHANNELS);
export type TComplaintChannel = z.infer<typeof ZComplaintChannel>;

/** Categories (K4) and their sub-reasons. */
export const COMPLAINT_CATEGORIES = ['sales', 'underwriting', 'claims', 'service_attitude', 'surrender_loss', 'other'] as const;
export const ZComplaintCategory = z.enum(COMPLAINT_CATEGORIES);
export type TComplaintCategory = z.infer<typeof ZComplaintCategory>;
export const COMPLAINT_SUB_REASONS: Record<TComplaintCategory, readonly string[]> = {
  sales: ['misleading_sales', 'unsuitable_product', 'forged_signature', 'exclusions_not_explained', 'other'],
  underwriting: ['refused', 'loading_or_exclusion', 'slow', 'health_disclosure', 'other'],
  claims: ['denied', 'amount_too_low', 'slow', 'documents_burden', 'other'],
  service_attitude: ['rude', 'unreachable', 'wrong_information', 'harassing_calls', 'other'],
  surrender_loss: ['principal_loss', 'not_explained', 'other'],
  other: ['other'],
};

export const COMPLAINT_SEVERITIES = ['normal', 'serious', 'critical'] as const;
export const ZComplaintSeverity = z.enum(COMPLAINT_SEVERITIES);

/** The procedure (K3): receive → verify → register → transfer/coordinate/handle → feed back → close; review on dispute. */
export const COMPLAINT_STATUSES = ['received', 'verified', 'registered', 'handling', 'decided', 'reviewing', 'closed', 'withdrawn'] as const;
export const ZComplaintStatus = z.enum(COMPLAINT_STATUSES);
export type TComplaintStatus = z.infer<typeof ZComplaintStatus>;

export const COMPLAINT_TIERS = ['city', 'province', 'hq'] as const;
export const ZComplaintTier = z.enum(COMPLAINT_TIERS);
export type TComplaintTier = z.infer<typeof ZComplaintTier>;

/** The dispute playbook (K6), in order. */
export const PLAYBOOK_STEPS = ['isolate', 'calm', 'apologise', 'understand', 'propose', 'ask_opinion', 'follow_up'] as const;
export const ZPlaybookStep = z.enum(PLAYBOOK_STEPS);

const ZText = (max: number) => z.string().trim().min(1).max(max);

/** Register a complaint (staff, on any channel). */
export const ZCreateComplaintRequest = z
  .object({
    customerId: ZId,
    channel: ZComplaintChannel,
    category: ZComplaintCategory,
    subReason: z.string().trim().min(1).max(40),
    severity: ZComplaintSeverity.default('normal'),
    collective: z.boolean().default(false),
    representatives: z.number().int().min(1).max(5).optional(),
    regulatorRef: z.string().trim().min(1).max(60).optional(),
    policyId: ZId.optional(),
    claimId: ZId.optional(),
    staffConcernedId: ZId.optional(),
    subject: ZText(120),
    description: ZText(5000),
    demand: z.string().trim().max(2000).optional(),
    /** When the complaint was received (default now); the 15-day clock runs from it. */
    receivedAt: ZInstant.optional(),
  })
  .refine((v) => COMPLAINT_SUB_REASONS[v.category].includes(v.subReason), { message: 'is not a sub-reason of the category', path: ['subReason'], params: { rule: 'sub_reason_mismatch' } })
  .refine((v) => v.channel !== 'regulator' || v.regulatorRef, { message: 'a regulator-transferred complaint needs the regulator reference', path: ['regulatorRef'], params: { rule: 'regulator_ref_required' } })
  .refine((v) => v.collective || v.representatives === undefined, { message: 'only a collective complaint has representatives', path: ['representatives'], params: { rule: 'collective_only' } });
export type TCreateComplaintRequest = z.input<typeof ZCreateComplaintRequest>;

/** The actions along the procedure, each writing its record. */
export const ZComplaintActionRequest = z.discriminatedUnion('action', [
  z.object({ action: z.literal('verify'), facts: ZText(3000), customerContacted: z.boolean(), version: ZVersion }),
  z.object({ action: z.literal('register'), summary: ZText(1000), version: ZVersion }),
  z.object({ action: z.literal('transfer'), toUnitId: ZId, reason: ZText(500), version: ZVersion }),
  z.object({ action: z.literal('escalate'), reason: ZText(500), version: ZVersion }),
  z.object({ action: z.literal('coordinate'), note: ZText(1000), version: ZVersion }),
  /** Gives the complaint to a handler of its unit (or a unit above it): the desk names them. */
  z.object({ action: z.literal('assign'), assigneeId: ZId, note: z.string().trim().max(500).optional(), version: ZVersion }),
  z.object({
    action: z.literal('decide'),
    findings: ZText(3000),
    responsibility: z.enum(['company', 'staff', 'customer', 'shared', 'none']),
    resolution: ZText(2000),
    compensationFen: z.number().int().min(0).max(100_000_000_000).default(0),
    rootCause: ZText(500),
    version: ZVersion,
  }),
  z.object({ action: z.literal('extend'), reason: ZText(500), customerToldVia: z.enum(['phone', 'sms', 'letter', 'email']), version: ZVersion }),
  z.object({ action: z.literal('record_response'), response: z.enum(['accepts', 'disputes']), note: z.string().trim().max(1000).optional(), version: ZVersion }),
  z.object({ action: z.literal('decide_review'), findings: ZText(3000), outcome: z.enum(['upheld', 'changed']), resolution: ZText(2000), version: ZVersion }),
  z.object({ action: z.literal('close'), note: z.string().trim().max(1000).optional(), version: ZVersion }),
  z.object({ action: z.literal('withdraw'), reason: ZText(500), version: ZVersion }),
  z.object({ action: z.literal('reopen'), reason: ZText(500), version: ZVersion }),
]);
export type TComplaintActionRequest = z.infer<typeof ZComplaintActionRequest>;
export type TComplaintAction = TComplaintActionRequest['action'];

export const ZComplaintRecord = z.object({
  id: ZId,
  kind: z.string(),
  data: z.record(z.string(), z.unknown()),
  fromUnit: z.object({ id: ZId, name: z.string() }).nullable(),
  toUnit: z.object({ id: ZId, name: z.string() }).nullable(),
  actorName: z.string(),
  at: ZInstant,
});

export const ZComplaintClock = z.object({
  kind: z.enum(['decision', 'review']),
  dueAt: ZInstant,
  /** Days allowed now: 15, 30 or 60 for the decision, 30 for the review. */
  days: z.number().int(),
  state: z.enum(['running', 'met', 'breached']),
  warning: z.boolean(),
  remainingMs: z.number().int().nullable(),
});
export type TComplaintClock = z.infer<typeof ZComplaintClock>;

export const ZComplaintSummary = z.object({
  id: ZId,
  complaintNo: z.string(),
  customerId: ZId,
  customerName: z.string(),
  channel: ZComplaintChannel,
  category: ZComplaintCategory,
  subReason: z.string(),
  severity: ZComplaintSeverity,
  collective: z.boolean(),
  subject: z.string(),
  status: ZComplaintStatus,
  tier: ZComplaintTier,
  orgUnit: z.object({ id: ZId, name: z.string() }),
  homeUnit: z.object({ id: ZId, name: z.string() }),
  assignee: z.object({ id: ZId, name: z.string() }).nullable(),
  receivedAt: ZInstant,
  clock: ZComplaintClock.nullable(),
  breached: z.boolean(),
});
export type TComplaintSummary = z.infer<typeof ZComplaintSummary>;

export const ZComplaint = ZComplaintSummary.extend({
  regulatorRef: z.string().nullable(),
  representatives: z.number().int().nullable(),
  policy: z.object({ id: ZId, policyNo: z.string() }).nullable(),
  claim: z.object({ id: ZId, claimNo: z.string() }).nullable(),
  staffConcerned: z.object({ id: ZId, name: z.string() }).nullable(),
  description: z.string(),
  demand: z.string().nullable(),
  extensionLevel: z.number().int(),
  decidedAt: ZInstant.nullable(),
  customerResponse: z.enum(['accepts', 'disputes']).nullable(),
  closedAt: ZInstant.nullable(),
  reopenCount: z.number().int(),
  records: z.array(ZComplaintRecord),
  playbook: z.array(z.object({ step: ZPlaybookStep, doneAt: ZInstant, note: z.string().nullable(), actorName: z.string() })),
  /** What the caller may do next (the console shows these as buttons). */
  nextActions: z.array(z.string()),
  /** Closed complaints are archived read-only; reopening needs a reason. */
  archived: z.boolean(),
  version: z.number().int(),
});
export type TComplaint = z.infer<typeof ZComplaint>;

export const ZComplaintListQuery = z.object({
  status: ZComplaintStatus.optional(),
  category: ZComplaintCategory.optional(),
  unitId: ZId.optional(),
  customerId: ZId.optional(),
  open: z.enum(['true', 'false']).optional(),
  q: z.string().trim().max(40).optional(),
  cursor: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(20),
});
export type TComplaintListQuery = z.infer<typeof ZComplaintListQuery>;

export const ZComplaintList = z.object({ items: z.array(ZComplaintSummary), nextCursor: z.string().nullable() });
export type TComplaintList = z.infer<typeof ZComplaintList>;

export const ZPlaybookStepRequest = z.object({ step: ZPlaybookStep, note: z.string().trim().max(1000).optional() });

/** Monthly complaint analysis (客户投诉分析表) for a unit and month. */
export const ZComplaintAnalysisQuery = z.object({
  month: z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'must be a month such as 2026-10'),
  unitId: ZId.optional(),
});
export type TComplaintAnalysisQuery = z.infer<typeof ZComplaintAnalysisQuery>;

const ZCount = z.object({ key: z.string(), label: z.string().nullable(), count: z.number().int(), previous: z.number().int() });
export const ZComplaintAnalysis = z.object({
  month: z.string(),
  unit: z.object({ id: ZId, name: z.string() }),
  total: z.number().int(),
  previousTotal: z.number().int(),
  policiesInForce: z.number().int(),
  /** Complaints per 10,000 policies in force at the month's end (two decimals); null without policies. */
  ratePer10k: z.number().nullable(),
  byCategory: z.array(ZCount),
  byChannel: z.array(ZCount),
  byBranch: z.array(ZCount),
  byProduct: z.array(ZCount),
  byStaff: z.array(ZCount),
  /** Days from receipt to decision, for the month's complaints. */
  handlingDays: z.array(z.object({ bucket: z.enum(['0-5', '6-10', '11-15', '16-30', '31-60', '60+', 'open']), count: z.number().int() })),
  /** Clocks of the month's complaints: decided in time, late (the decision or a review of it past its limit), still running. */
  clock: z.object({ met: z.number().int(), breached: z.number().int(), running: z.number().int(), complianceRate: z.number().nullable() }),
  regulatorTransferred: z.number().int(),
  collective: z.number().int(),
  /** Customers with two or more complaints in the 12 months to the month's end (names masked). */
  repeatComplainants: z.array(z.object({ customerId: ZId, name: z.string(), count: z.number().int() })),
  rootCauses: z.array(z.object({ cause: z.string(), count: z.number().int() })),
});
export type TComplaintAnalysis = z.infer<typeof ZComplaintAnalysis>;

// — the customer's side (portal) —

export const ZPortalComplaintRequest = z.object({
  category: ZComplaintCategory,
  subReason: z.string().trim().min(1).max(40),
  policyId: ZId.optional(),
  subject: ZText(120),
  description: ZText(5000),
  demand: z.string().trim().max(2000).optional(),
});
export type TPortalComplaintRequest = z.infer<typeof ZPortalComplaintRequest>;

export const ZPortalComplaintSummary = z.object({
  id: ZId,
  complaintNo: z.string(),
  subject: z.string(),
  category: ZComplaintCategory,
  status: ZComplaintStatus,
  receivedAt: ZInstant,
});
export type TPortalComplaintSummary = z.infer<typeof ZPortalComplaintSummary>;

/** A complaint as the customer follows it: steps in plain language, the decision, what comes next and by when. */
export const ZPortalComplaint = ZPortalComplaintSummary.extend({
  description: z.string(),
  steps: z.array(z.object({ key: z.string(), at: ZInstant, params: z.record(z.string(), z.string()) })),
  next: z.object({ key: z.string(), dueAt: ZInstant.nullable() }).nullable(),
  /** The decision told to the customer (resolution), once decided; the review's, after a review. */
  decision: z.string().nullable(),
  /** Whether the customer is asked to accept or dispute the decision now. */
  awaitingResponse: z.boolean(),
});
export type TPortalComplaint = z.infer<typeof ZPortalComplaint>;

export const ZPortalComplaintResponse = z.object({ response: z.enum(['accepts', 'disputes']), note: z.string().trim().max(1000).optional() });

/** Customer 360 complaints section. */
export const ZCustomer360ComplaintsSection = z.object({
  items: z.array(ZComplaintSummary),
  openCount: z.number().int(),
  last12MonthsCount: z.number().int(),
  breachedCount: z.number().int(),
});
export type TCustomer360ComplaintsSection = z.infer<typeof ZCustomer360ComplaintsSection>;

// — corrective actions (纠改措施) —

export const CORRECTIVE_ACTION_STATUSES = ['open', 'done', 'verified', 'overdue_escalated'] as const;
export const ZCorrectiveActionStatus = z.enum(CORRECTIVE_ACTION_STATUSES);

export const ZCreateCorrectiveActionRequest = z
  .object({
    complaintId: ZId.optional(),
    analysisMonth: z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'must be a month such as 2026-10').optional(),
    ownerUnitId: ZId,
    title: ZText(200),
    rootCause: ZText(1000),
    dueOn: z.iso.date(),
  })
  .refine((v) => v.complaintId || v.analysisMonth, { message: 'give the complaint or the analysis month it comes from', path: ['complaintId'], params: { rule: 'complaint_or_month_required' } });
export type TCreateCorrectiveActionRequest = z.infer<typeof ZCreateCorrectiveActionRequest>;

export const ZCorrectiveActionProgressRequest = z.discriminatedUnion('action', [
  z.object({ action: z.literal('complete'), evidence: ZText(2000), version: ZVersion }),
  z.object({ action: z.literal('verify'), effect: ZText(2000), version: ZVersion }),
  z.object({ action: z.literal('reject'), reason: ZText(1000), version: ZVersion }),
]);
export type TCorrectiveActionProgressRequest = z.infer<typeof ZCorrectiveActionProgressRequest>;

export const ZCorrectiveAction = z.object({
  id: ZId,
  complaint: z.object({ id: ZId, complaintNo: z.string() }).nullable(),
  analysisMonth: z.string().nullable(),
  ownerUnit: z.object({ id: ZId, name: z.string() }),
  title: z.string(),
  rootCause: z.string(),
  /** For an action the system opened: a text key and its figures the console words (title, root cause); null for a person's. */
  text: z.object({ key: z.string(), params: z.record(z.string(), z.union([z.string(), z.number()])) }).nullable(),
  dueOn: z.string(),
  status: ZCorrectiveActionStatus,
  overdue: z.boolean(),
  evidence: z.string().nullable(),
  effect: z.string().nullable(),
  escalatedAt: ZInstant.nullable(),
  /** Where it came from: a complaint, a month's analysis, or a low survey score (service-improvement list). */
  source: z.enum(['complaint', 'analysis', 'survey']),
  createdBy: z.string(),
  createdAt: ZInstant,
  version: z.number().int(),
});
export type TCorrectiveAction = z.infer<typeof ZCorrectiveAction>;
export const ZCorrectiveActionList = z.object({ items: z.array(ZCorrectiveAction) });
export const ZCorrectiveActionListQuery = z.object({ status: ZCorrectiveActionStatus.optional(), unitId: ZId.optional() });
