import { z } from 'zod';
import { ZId, ZInstant, ZVersion } from './common.ts';

const ZText = (max: number) => z.string().trim().min(1).max(max);

// ——— Tasks ———

/** What a task is for: by hand, or created by a rule, a survey answer or a visit. */
export const TASK_KINDS = ['manual', 'coverage_review', 'renewal_reminder', 'retention', 'service_recovery', 'visit_problem', 'health_intervention', 'underwriting_referral'] as const;
export const ZTaskKind = z.enum(TASK_KINDS);
export type TTaskKind = z.infer<typeof ZTaskKind>;
export const TASK_PRIORITIES = ['low', 'normal', 'high', 'urgent'] as const;
export const ZTaskPriority = z.enum(TASK_PRIORITIES);
export type TTaskPriority = z.infer<typeof ZTaskPriority>;
export const TASK_STATUSES = ['open', 'in_progress', 'done', 'cancelled'] as const;
export const ZTaskStatus = z.enum(TASK_STATUSES);
export type TTaskStatus = z.infer<typeof ZTaskStatus>;
export const TASK_SOURCES = ['manual', 'rule', 'survey', 'visit'] as const;
/**
 * The texts of the tasks the system creates, by name: a client says title, detail and reason in its
 * reader's language from `text.key` and `text.params` (the stored `title`/`detail`/`reason` are
 * English, for API users).
 */
export const TASK_TEXTS = ['birthday_review', 'renewal_reminder', 'lapse_retention', 'claim_then_no_renewal', 'health_intervention', 'coverage_upgrade', 'service_recovery', 'underwriting_referral', 'visit_problem', 'visit_problem_case'] as const;
export const ZTaskText = z.object({ key: z.enum(TASK_TEXTS), params: z.record(z.string(), z.union([z.string(), z.number()])) });
export type TTaskText = z.infer<typeof ZTaskText>;

/** A task in an inbox: the customer (masked name), assignee, due time, priority, where it came from and why. */
export const ZTask = z.object({
  id: ZId,
  customer: z.object({ id: ZId, name: z.string() }),
  kind: ZTaskKind,
  title: z.string(),
  detail: z.string().nullable(),
  /** A system task's texts by name (null for a task created by hand). */
  text: ZTaskText.nullable(),
  priority: ZTaskPriority,
  status: ZTaskStatus,
  assignee: z.object({ id: ZId, name: z.string() }).nullable(),
  unit: z.object({ id: ZId, name: z.string() }),
  dueAt: ZInstant,
  overdue: z.boolean(),
  source: z.object({ type: z.enum(TASK_SOURCES), id: z.string().nullable() }),
  reason: z.string().nullable(),
  escalatedAt: ZInstant.nullable(),
  escalatedTo: z.object({ id: ZId, name: z.string() }).nullable(),
  outcome: z.string().nullable(),
  completedAt: ZInstant.nullable(),
  createdBy: z.string(),
  createdAt: ZInstant,
  version: z.number().int(),
});
export type TTask = z.infer<typeof ZTask>;
export const ZTaskList = z.object({ items: z.array(ZTask), nextCursor: z.string().nullable() });
export type TTaskList = z.infer<typeof ZTaskList>;

export const ZTaskListQuery = z.object({
  /** `mine`: assigned to me (or escalated to me); `unit`: everything in my unit's subtree. */
  inbox: z.enum(['mine', 'unit']).default('mine'),
  status: z.enum(['active', ...TASK_STATUSES]).default('active'),
  customerId: ZId.optional(),
  overdueOnly: z.enum(['true', 'false']).optional(),
  cursor: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});
export type TTaskListQuery = z.infer<typeof ZTaskListQuery>;

export const ZCreateTaskRequest = z.object({
  customerId: ZId,
  title: ZText(200),
  detail: ZText(2000).optional(),
  priority: ZTaskPriority.default('normal'),
  /** Defaults to the caller. */
  assigneeId: ZId.optional(),
  dueAt: ZInstant,
});
export type TCreateTaskRequest = z.infer<typeof ZCreateTaskRequest>;

export const ZTaskActionRequest = z.discriminatedUnion('action', [
  z.object({ action: z.literal('start'), version: ZVersion }),
  z.object({ action: z.literal('complete'), outcome: ZText(2000), version: ZVersion }),
  z.object({ action: z.literal('cancel'), outcome: ZText(2000), version: ZVersion }),
  z.object({ action: z.literal('reassign'), assigneeId: ZId, version: ZVersion }),
]);
export type TTaskActionRequest = z.infer<typeof ZTaskActionRequest>;

// ——— Follow-up visits (回访) ———

/** Visit types (glossary: 承保回访 new_policy, 查勘回访 survey, 结案回访 case_closure). */
export const VISIT_TYPES = ['new_policy', 'survey', 'case_closure', 'complaint_closure', 'holiday_care'] as const;
export const ZVisitType = z.enum(VISIT_TYPES);
export type TVisitType = z.infer<typeof ZVisitType>;
export const VISIT_METHODS = ['phone', 'on_site', 'letter'] as const;
export const ZVisitMethod = z.enum(VISIT_METHODS);
export type TVisitMethod = z.infer<typeof ZVisitMethod>;
export const VISIT_STATUSES = ['scheduled', 'completed', 'refused'] as const;
export const ZVisitStatus = z.enum(VISIT_STATUSES);
export type TVisitStatus = z.infer<typeof ZVisitStatus>;
/** What happened on one attempt. */
export const VISIT_OUTCOMES = ['reached', 'not_reached', 'refused', 'letter_sent'] as const;
export const ZVisitOutcome = z.enum(VISIT_OUTCOMES);

/** A question of a visit script: the answer kinds the outcome form offers. */
export const ZScriptQuestion = z.object({
  key: z.string(),
  kind: z.enum(['yes_no', 'text', 'csat']),
  required: z.boolean(),
  /** A "no" makes the visit a problem case (问题件) that must be followed up. */
  problemIfNo: z.boolean(),
});

/** Why a visit has its method, for a reader's own wording: the rule's case and its figures (amounts in fen), and who overrode it. */
export const VISIT_METHOD_WHYS = ['tier_entitled', 'large_customer', 'below_thresholds', 'by_phone', 'not_reached'] as const;
export const ZVisitMethodWhy = z.object({
  key: z.enum(VISIT_METHOD_WHYS),
  params: z.record(z.string(), z.union([z.string(), z.number()])),
  /** Set when a person chose another method than the rule's. */
  chosenBy: z.string().optional(),
});
export type TVisitMethodWhy = z.infer<typeof ZVisitMethodWhy>;

export const ZFollowUpVisit = z.object({
  id: ZId,
  customer: z.object({ id: ZId, name: z.string() }),
  visitType: ZVisitType,
  method: ZVisitMethod,
  /** The reason in English (logs, API users). */
  methodReason: z.string(),
  /** The same reason as a key and figures; null on visits scheduled before it was kept. */
  methodWhy: ZVisitMethodWhy.nullable(),
  status: ZVisitStatus,
  dueAt: ZInstant,
  overdue: z.boolean(),
  attempts: z.number().int(),
  attemptLog: z.array(z.object({ at: ZInstant, outcome: ZVisitOutcome, by: z.string(), note: z.string().nullable() })),
  policyId: ZId.nullable(),
  claimId: ZId.nullable(),
  complaintId: ZId.nullable(),
  source: z.string(),
  assignee: z.object({ id: ZId, name: z.string() }).nullable(),
  unit: z.object({ id: ZId, name: z.string() }),
  script: z.array(ZScriptQuestion),
  answers: z.record(z.string(), z.union([z.string(), z.number(), z.boolean()])).nullable(),
  /** On the visit's own read: whether the visit survey can reach the customer (its link goes by SMS, which needs their service consent). */
  surveyReachable: z.boolean().optional(),
  /** The script's points answered "no": a problem case (问题件) when not empty, followed up by `problemTaskId`. */
  problemAnswers: z.array(z.string()),
  outcomeNote: z.string().nullable(),
  problemTaskId: ZId.nullable(),
  completedAt: ZInstant.nullable(),
  createdAt: ZInstant,
  version: z.number().int(),
});
export type TFollowUpVisit = z.infer<typeof ZFollowUpVisit>;
export const ZFollowUpVisitList = z.object({ items: z.array(ZFollowUpVisit), nextCursor: z.string().nullable() });
export type TFollowUpVisitList = z.infer<typeof ZFollowUpVisitList>;
export const ZVisitListQuery = z.object({
  status: ZVisitStatus.optional(),
  visitType: ZVisitType.optional(),
  customerId: ZId.optional(),
  mine: z.enum(['true', 'false']).optional(),
  cursor: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});
export type TVisitListQuery = z.infer<typeof ZVisitListQuery>;

export const ZCreateVisitRequest = z.object({
  customerId: ZId,
  visitType: ZVisitType,
  dueAt: ZInstant,
  /** Defaults to the method rule (phone for new and small customers, on-site for long-standing large ones on holiday visits). */
  method: ZVisitMethod.optional(),
  policyId: ZId.optional(),
  assigneeId: ZId.optional(),
});
export type TCreateVisitRequest = z.infer<typeof ZCreateVisitRequest>;

/**
 * One attempt's result. `reached` completes the visit with the script's answers (and sends the
 * visit survey); `not_reached` schedules a retry (after the third phone attempt the visit turns into
 * a letter); `refused` closes it. A problem the customer raised becomes a task.
 */
export const ZVisitOutcomeRequest = z.object({
  outcome: ZVisitOutcome,
  answers: z.record(z.string(), z.union([z.string().max(2000), z.number(), z.boolean()])).optional(),
  note: ZText(2000).optional(),
  problem: ZText(2000).optional(),
  sendSurvey: z.boolean().default(true),
  version: ZVersion,
});
export type TVisitOutcomeRequest = z.infer<typeof ZVisitOutcomeRequest>;

// ——— Surveys, CSAT and NPS ———

export const SURVEY_CONTEXTS = ['claim_closure', 'complaint_closure', 'visit', 'general'] as const;
export const ZSurveyContext = z.enum(SURVEY_CONTEXTS);
export const SURVEY_QUESTION_KINDS = ['csat', 'nps', 'text', 'choice'] as const;
export const ZSurveyQuestion = z.object({
  key: z.string().regex(/^[a-z][a-z0-9_]{0,39}$/, 'key: lower-case letters, digits and _'),
  kind: z.enum(SURVEY_QUESTION_KINDS),
  required: z.boolean().default(false),
  label: z.object({ 'zh-CN': ZText(300), 'en-US': ZText(300) }),
  options: z.array(z.object({ value: z.string().min(1).max(40), label: z.object({ 'zh-CN': ZText(100), 'en-US': ZText(100) }) })).max(10).optional(),
});
export type TSurveyQuestion = z.infer<typeof ZSurveyQuestion>;

export const ZSurveyTemplate = z.object({
  id: ZId,
  code: z.string(),
  name: z.string(),
  context: ZSurveyContext,
  questions: z.array(ZSurveyQuestion),
  active: z.boolean(),
  version: z.number().int(),
});
export type TSurveyTemplate = z.infer<typeof ZSurveyTemplate>;
export const ZSurveyTemplateList = z.object({ items: z.array(ZSurveyTemplate) });

const questionsRefined = z
  .array(ZSurveyQuestion)
  .min(1)
  .max(20)
  .refine((qs) => new Set(qs.map((q) => q.key)).size === qs.length, { message: 'question keys must be unique', params: { rule: 'questions_unique' } })
  .refine((qs) => qs.filter((q) => q.kind === 'csat').length <= 1 && qs.filter((q) => q.kind === 'nps').length <= 1, { message: 'at most one CSAT and one NPS question', params: { rule: 'one_csat_one_nps' } })
  .refine((qs) => qs.every((q) => q.kind !== 'choice' || (q.options?.length ?? 0) >= 2), { message: 'a choice question needs at least two options', params: { rule: 'choice_options' } })
  .refine((qs) => qs.every((q) => new Set((q.options ?? []).map((o) => o.value)).size === (q.options ?? []).length), { message: 'the options of a question need different values', params: { rule: 'option_values_unique' } });

export const ZCreateSurveyTemplateRequest = z.object({
  code: z.string().regex(/^[a-z][a-z0-9_]{1,39}$/, 'code: 2–40 lower-case letters, digits and _'),
  name: ZText(100),
  context: ZSurveyContext,
  questions: questionsRefined,
});
export type TCreateSurveyTemplateRequest = z.infer<typeof ZCreateSurveyTemplateRequest>;
export const ZUpdateSurveyTemplateRequest = z.object({ name: ZText(100).optional(), questions: questionsRefined.optional(), active: z.boolean().optional(), version: ZVersion });
export type TUpdateSurveyTemplateRequest = z.infer<typeof ZUpdateSurveyTemplateRequest>;

/** What the public survey page shows: questions only, no personal data. */
export const ZPublicSurvey = z.object({
  status: z.enum(['open', 'answered', 'expired']),
  context: ZSurveyContext,
  questions: z.array(ZSurveyQuestion),
  expiresAt: ZInstant,
});
export type TPublicSurvey = z.infer<typeof ZPublicSurvey>;
export const ZSurveyAnswerRequest = z.object({ answers: z.record(z.string(), z.union([z.string().max(2000), z.number()])) });
export type TSurveyAnswerRequest = z.infer<typeof ZSurveyAnswerRequest>;

/** A sent survey as staff see it (360 section, results list). */
export const ZSurveySummary = z.object({
  id: ZId,
  customerId: ZId,
  context: ZSurveyContext,
  templateCode: z.string(),
  status: z.enum(['sent', 'answered', 'expired']),
  sentAt: ZInstant,
  expiresAt: ZInstant,
  answeredAt: ZInstant.nullable(),
  csat: z.number().int().nullable(),
  nps: z.number().int().nullable(),
  claimId: ZId.nullable(),
  complaintId: ZId.nullable(),
  visitId: ZId.nullable(),
});
export type TSurveySummary = z.infer<typeof ZSurveySummary>;

/** NPS = % promoters (9–10) − % detractors (0–6); CSAT = mean score and % satisfied (4–5). */
export const ZSatisfactionFigures = z.object({
  key: z.string(),
  label: z.string(),
  responses: z.number().int(),
  npsResponses: z.number().int(),
  promoters: z.number().int(),
  passives: z.number().int(),
  detractors: z.number().int(),
  /** −100…100, one decimal; null without NPS answers. */
  nps: z.number().nullable(),
  csatResponses: z.number().int(),
  /** Mean 1–5, two decimals. */
  csatAverage: z.number().nullable(),
  /** % of CSAT answers that are 4 or 5, one decimal. */
  csatSatisfiedPct: z.number().nullable(),
});
export type TSatisfactionFigures = z.infer<typeof ZSatisfactionFigures>;
export const SATISFACTION_GROUPS = ['unit', 'product', 'agent', 'month', 'context'] as const;
export const ZSatisfactionQuery = z.object({
  from: z.iso.date(),
  to: z.iso.date(),
  groupBy: z.enum(SATISFACTION_GROUPS).default('unit'),
  unitId: ZId.optional(),
});
export type TSatisfactionQuery = z.infer<typeof ZSatisfactionQuery>;
export const ZSatisfactionReport = z.object({ from: z.string(), to: z.string(), groupBy: z.enum(SATISFACTION_GROUPS), total: ZSatisfactionFigures, groups: z.array(ZSatisfactionFigures), surveysSent: z.number().int(), responseRatePct: z.number().nullable() });
export type TSatisfactionReport = z.infer<typeof ZSatisfactionReport>;

// ——— Automation rules ———

export const AUTOMATION_RULES = [
  'birthday_review',
  'renewal_reminder',
  'lapse_retention',
  'claim_closure_visit',
  'complaint_closure_visit',
  'new_policy_visit',
  'survey_visit',
  'claim_then_no_renewal',
  'claim_free_year',
  'low_score_recovery',
  'overdue_task_escalation',
  'holiday_care_visit',
  'health_intervention',
  'churn_watch',
] as const;
export const ZAutomationRuleCode = z.enum(AUTOMATION_RULES);
export type TAutomationRuleCode = z.infer<typeof ZAutomationRuleCode>;
export const ZAutomationRule = z.object({
  code: ZAutomationRuleCode,
  trigger: z.enum(['schedule', 'event']),
  enabled: z.boolean(),
  params: z.record(z.string(), z.unknown()),
  /** A scheduled rule limited to the members of a saved segment; null: every customer the rule selects. */
  audience: z.object({ id: ZId, name: z.string() }).nullable(),
  runsLast30Days: z.number().int(),
  lastFiredAt: ZInstant.nullable(),
  updatedBy: z.string().nullable(),
  updatedAt: ZInstant,
  version: z.number().int(),
});
export type TAutomationRule = z.infer<typeof ZAutomationRule>;
export const ZAutomationRuleList = z.object({ items: z.array(ZAutomationRule) });
export type TAutomationRuleList = z.infer<typeof ZAutomationRuleList>;
export const ZUpdateAutomationRuleRequest = z.object({
  enabled: z.boolean().optional(),
  params: z.record(z.string(), z.union([z.number(), z.array(z.number())])).optional(),
  /** Limit a scheduled rule to a saved segment (null: no limit). */
  audienceSegmentId: ZId.nullable().optional(),
  version: ZVersion,
});
export type TUpdateAutomationRuleRequest = z.infer<typeof ZUpdateAutomationRuleRequest>;

/** What one rule did for one customer in one period, and why. */
export const ZAutomationRun = z.object({
  ruleCode: ZAutomationRuleCode,
  customerId: ZId,
  customerName: z.string(),
  /** The period the rule fired for (a year, a policy and threshold, a claim…): the rule fires once per customer and period. */
  periodKey: z.string(),
  firedAt: ZInstant,
  /** Why the rule fired, in English. */
  reason: z.string(),
  /** The reason's values, for a client to word it per rule (null on runs recorded before they were kept). */
  reasonParams: z.record(z.string(), z.union([z.string(), z.number()])).nullable(),
  actions: z.array(z.object({ kind: z.string(), id: z.string().nullable() })),
});
export type TAutomationRun = z.infer<typeof ZAutomationRun>;
export const ZAutomationRunList = z.object({ items: z.array(ZAutomationRun) });
export type TAutomationRunList = z.infer<typeof ZAutomationRunList>;
export const ZAutomationRunQuery = z.object({ ruleCode: ZAutomationRuleCode.optional(), customerId: ZId.optional(), limit: z.coerce.number().int().min(1).max(200).default(50) });

/** Result of one pass over due work (`anxin jobs run --once`, the worker loop, the rules page's button). */
export const ZJobRunResult = z.object({ outboxEvents: z.number().int(), jobs: z.number().int(), rulesFired: z.number().int(), messagesSent: z.number().int(), messagesDeferred: z.number().int(), messagesSuppressed: z.number().int(), messagesFailed: z.number().int(), tasksEscalated: z.number().int() });
export type TJobRunResult = z.infer<typeof ZJobRunResult>;

// ——— Health data feed ———

/**
 * A blood-pressure reading from a health-management partner (mmHg, the day it was measured). Kept
 * only when the customer has given separate consent to process health data; stored encrypted.
 */
export const ZHealthReadingRequest = z.object({
  kind: z.literal('blood_pressure'),
  measuredOn: z.iso.date(),
  systolic: z.number().int().min(50).max(300),
  diastolic: z.number().int().min(30).max(200),
  source: ZText(60),
});
export type THealthReadingRequest = z.infer<typeof ZHealthReadingRequest>;

// ——— Messages ———

export const MESSAGE_CHANNELS = ['sms', 'email', 'wechat', 'push'] as const;
export const ZMessageChannel = z.enum(MESSAGE_CHANNELS);
export type TMessageChannel = z.infer<typeof ZMessageChannel>;
export const MESSAGE_STATUSES = ['queued', 'deferred', 'sent', 'failed', 'suppressed'] as const;
export const ZMessageStatus = z.enum(MESSAGE_STATUSES);
export type TMessageStatus = z.infer<typeof ZMessageStatus>;
export const ZMessage = z.object({
  id: ZId,
  customerId: ZId,
  channel: ZMessageChannel,
  template: z.string(),
  locale: z.enum(['zh-CN', 'en-US']),
  purpose: z.enum(['service', 'marketing']),
  recipient: z.string().nullable(),
  /** The rendered text; secrets (codes, survey links) only in development with the message-inbox permission. */
  subject: z.string().nullable(),
  body: z.string(),
  status: ZMessageStatus,
  statusReason: z.string().nullable(),
  attempts: z.number().int(),
  nextAttemptAt: ZInstant.nullable(),
  adapter: z.string().nullable(),
  sentAt: ZInstant.nullable(),
  lastError: z.string().nullable(),
  createdAt: ZInstant,
});
export type TMessage = z.infer<typeof ZMessage>;
export const ZMessageList = z.object({ items: z.array(ZMessage), nextCursor: z.string().nullable() });
export type TMessageList = z.infer<typeof ZMessageList>;
export const ZMessageListQuery = z.object({
  customerId: ZId.optional(),
  status: ZMessageStatus.optional(),
  channel: ZMessageChannel.optional(),
  cursor: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});
export type TMessageListQuery = z.infer<typeof ZMessageListQuery>;

// ——— Loyalty and referrals ———

export const ZLoyaltySummary = z.object({
  points: z.number().int(),
  entries: z.array(z.object({ id: ZId, points: z.number().int(), reason: z.enum(['claim_free_year', 'referral', 'adjustment']), note: z.string().nullable(), createdAt: ZInstant })),
  referrals: z.array(z.object({ id: ZId, referredCustomer: z.object({ id: ZId, name: z.string() }), policyId: ZId.nullable(), referredOn: z.string() })),
});
export type TLoyaltySummary = z.infer<typeof ZLoyaltySummary>;
export const ZCreateReferralRequest = z.object({ referrerId: ZId, referredCustomerId: ZId, policyId: ZId.optional(), referredOn: z.iso.date() });
export type TCreateReferralRequest = z.infer<typeof ZCreateReferralRequest>;

/** Customer-service KPIs for the dashboard (M1): NPS, CSAT, renewal and referral rates over a period. */
export const ZServiceKpis = z.object({
  from: z.string(),
  to: z.string(),
  nps: z.number().nullable(),
  npsResponses: z.number().int(),
  csatAverage: z.number().nullable(),
  /** Policies that expired in the period and were renewed ÷ policies that expired, %. */
  renewalRatePct: z.number().nullable(),
  /** New customers in the period who came by referral ÷ new customers, %. */
  referralRatePct: z.number().nullable(),
  openTasks: z.number().int(),
  overdueTasks: z.number().int(),
  visitsDue: z.number().int(),
});
export type TServiceKpis = z.infer<typeof ZServiceKpis>;
