import { z } from 'zod';
import { ZDate, ZId, ZInstant, ZJobRun, ZVersion } from './common.ts';
import { TAG_DIMENSIONS, ZTier } from './customers.ts';

const ZText = (max: number) => z.string().trim().min(1).max(max);

// ——— Metrics ———

export const CONTACT_TRENDS = ['none', 'rising', 'steady', 'falling'] as const;
/** RFM named segments (S2), from the quintile scores. */
export const RFM_SEGMENTS = ['champions', 'loyal', 'promising', 'needs_attention', 'high_value_at_risk', 'hibernating', 'regular'] as const;
export const ZRfmSegment = z.enum(RFM_SEGMENTS);
/** Lifecycle segments (S1): potential (awaken needs), loyal (cross-sell), churn risk (retain), developing. */
export const LIFECYCLE_SEGMENTS = ['potential', 'loyal', 'churn_risk', 'developing'] as const;
export const ZLifecycleSegment = z.enum(LIFECYCLE_SEGMENTS);
/** Satisfaction × loyalty quadrants (S4), each with its recommended strategy. */
export const QUADRANTS = ['care_and_retain', 'may_switch', 'repair_relationship', 'evaluate'] as const;
export const ZQuadrant = z.enum(QUADRANTS);
export const ZTagDimension = z.enum(TAG_DIMENSIONS);

/** A customer's metrics as the last batch or event refresh computed them. Money in fen. */
export const ZCustomerMetrics = z.object({
  customerId: ZId,
  computedAt: ZInstant,
  age: z.number().int().nullable(),
  firstPolicyOn: ZDate.nullable(),
  tenureYears: z.number().int(),
  policiesTotal: z.number().int(),
  policiesInForce: z.number().int(),
  inForceByLine: z.record(z.string(), z.number().int()),
  annualPremiumFen: z.number().int(),
  lifetimePremiumFen: z.number().int(),
  earnedPremium3yFen: z.number().int(),
  claimsCount: z.number().int(),
  claims12m: z.number().int(),
  claimsPaidFen: z.number().int(),
  claimsPaid3yFen: z.number().int(),
  /** Claims paid ÷ earned premium over the last three years, in percent with two decimals; null without earned premium. */
  lossRatio3yPct: z.number().nullable(),
  lastClaimAt: ZInstant.nullable(),
  lastPurchaseOn: ZDate.nullable(),
  lastContactAt: ZInstant.nullable(),
  contacts12m: z.number().int(),
  contacts90d: z.number().int(),
  contactsPrev90d: z.number().int(),
  contactTrend: z.enum(CONTACT_TRENDS),
  renewals: z.number().int(),
  lapses: z.number().int(),
  lapses12m: z.number().int(),
  complaintsCount: z.number().int(),
  complaints12m: z.number().int(),
  latestCsat: z.number().int().nullable(),
  latestNps: z.number().int().nullable(),
  referralCount: z.number().int(),
  householdSize: z.number().int(),
  children: z.number().int(),
  rfm: z.object({ r: z.number().int(), f: z.number().int(), m: z.number().int(), segment: ZRfmSegment }).nullable(),
  lifecycleSegment: ZLifecycleSegment.nullable(),
  quadrant: ZQuadrant.nullable(),
  clusterNo: z.number().int().nullable(),
});
export type TCustomerMetrics = z.infer<typeof ZCustomerMetrics>;

// ——— Conditions (tag rules, segments) ———

export const CONDITION_OPS = ['=', '!=', '>', '>=', '<', '<=', 'between', 'in', 'has', 'has_not'] as const;
export const ZConditionOp = z.enum(CONDITION_OPS);
/**
 * One condition: a field (a metric such as `claims_12m`, `line.medical` for policies in force in a
 * line, `attr.<key>` for a custom attribute, `tag` for a customer tag, `tier`, `rfm_segment`, …), an
 * operator and a value (a pair for `between`, a list for `in`). GET /segmentation/fields lists them.
 */
export const ZCondition = z.object({
  field: z.string().trim().min(1).max(60),
  op: ZConditionOp,
  value: z.union([z.number(), z.string().max(200), z.boolean(), z.array(z.union([z.number(), z.string().max(200)])).max(50)]),
});
export type TCondition = z.infer<typeof ZCondition>;
export const ZConditions = z.array(ZCondition).max(20);

export const FIELD_TYPES = ['number', 'money', 'percent', 'enum', 'boolean', 'tag', 'text'] as const;
/** A field usable in conditions, with its type, allowed operators and (for enums) its values. */
export const ZSegmentationField = z.object({
  field: z.string(),
  type: z.enum(FIELD_TYPES),
  group: z.enum(['metric', 'line', 'segment', 'profile', 'attribute', 'tag']),
  ops: z.array(ZConditionOp),
  values: z.array(z.string()).optional(),
  labelZh: z.string().optional(),
  labelEn: z.string().optional(),
});
export const ZSegmentationFieldList = z.object({ items: z.array(ZSegmentationField) });
export type TSegmentationField = z.infer<typeof ZSegmentationField>;

/** Why a tag applies to a customer: the condition and the customer's value. */
export const ZTagFact = z.object({ field: z.string(), op: z.string(), threshold: z.unknown(), value: z.unknown() });

// ——— Tag rules ———

export const ZTagDefinition = z.object({
  code: z.string(),
  dimension: ZTagDimension,
  nameZh: z.string(),
  nameEn: z.string(),
  conditions: ZConditions,
  active: z.boolean(),
  builtin: z.boolean(),
  /** Customers carrying the tag now. */
  customers: z.number().int(),
  updatedAt: ZInstant,
  version: ZVersion,
});
export type TTagDefinition = z.infer<typeof ZTagDefinition>;
export const ZTagDefinitionList = z.object({ items: z.array(ZTagDefinition) });
export const ZCreateTagDefinitionRequest = z.object({
  code: z.string().regex(/^[a-z][a-z0-9_]{1,39}$/, 'lower-case letters, digits and _, starting with a letter'),
  dimension: ZTagDimension,
  nameZh: ZText(40),
  nameEn: ZText(60),
  conditions: ZConditions.min(1),
});
export const ZUpdateTagDefinitionRequest = z.object({
  nameZh: ZText(40).optional(),
  nameEn: ZText(60).optional(),
  conditions: ZConditions.min(1).optional(),
  active: z.boolean().optional(),
  version: ZVersion,
});

// ——— Tiers and entitlements ———

export const ZEntitlements = z.object({
  /** A dedicated 1-to-1 advisor. */
  dedicatedAdvisor: z.boolean(),
  /** Claims go through the green channel (fast registration and review). */
  greenChannel: z.boolean(),
  /** Follow-up visits on site rather than by phone. */
  onSiteVisits: z.boolean(),
  /** Priority service: tasks about the customer are raised one priority level when created. */
  priorityService: z.boolean(),
  /** Service standard: first response within this many hours. */
  serviceHours: z.number().int().min(1).max(720),
});
export type TEntitlements = z.infer<typeof ZEntitlements>;
export const ZTierRule = z.object({
  tier: ZTier,
  rank: z.number().int(),
  minAnnualPremiumFen: z.number().int().min(0),
  minTenureYears: z.number().int().min(0).max(100),
  entitlements: ZEntitlements,
  /** Customers in the tier now. */
  customers: z.number().int(),
  version: ZVersion,
});
export type TTierRule = z.infer<typeof ZTierRule>;
export const ZTierRuleList = z.object({ items: z.array(ZTierRule) });
export const ZUpdateTierRulesRequest = z.object({
  items: z
    .array(z.object({ tier: ZTier, minAnnualPremiumFen: z.number().int().min(0), minTenureYears: z.number().int().min(0).max(100), entitlements: ZEntitlements, version: ZVersion }))
    .length(4),
});
/** What a customer is entitled to, for other modules and the console; the tier is informative. */
export const ZCustomerEntitlements = z.object({ customerId: ZId, tier: ZTier, entitlements: ZEntitlements });

// ——— Settings ———

export const SEGMENTATION_SETTING_KEYS = ['alerts', 'quadrants', 'lists'] as const;
export const ZSegmentationSettingKey = z.enum(SEGMENTATION_SETTING_KEYS);
export const ZAlertSettings = z.object({
  multiClaimCount: z.number().int().min(2).max(50),
  multiClaimMonths: z.number().int().min(1).max(60),
  lossRatioPct: z.number().int().min(1).max(10000),
  lossRatioYears: z.number().int().min(1).max(10),
  /** Ignore loss ratios built on paid claims below this (fen), so one small claim on a tiny premium does not alert. */
  lossRatioMinPaidFen: z.number().int().min(0),
});
export const ZQuadrantSettings = z.object({
  satisfiedCsat: z.number().int().min(1).max(5),
  satisfiedNps: z.number().int().min(0).max(10),
  loyalTenureYears: z.number().int().min(0).max(50),
  loyalRenewals: z.number().int().min(0).max(50),
});
export const ZListSettings = z.object({
  goodClaimFreeYears: z.number().int().min(1).max(20),
  goodTenureYears: z.number().int().min(0).max(50),
  goodCsat: z.number().int().min(1).max(5),
  badLossRatioPct: z.number().int().min(1).max(10000),
  badComplaints12m: z.number().int().min(1).max(100),
});
export const ZSegmentationSettings = z.object({
  alerts: ZAlertSettings,
  quadrants: ZQuadrantSettings,
  lists: ZListSettings,
  versions: z.object({ alerts: ZVersion, quadrants: ZVersion, lists: ZVersion }),
});
export type TSegmentationSettings = z.infer<typeof ZSegmentationSettings>;
export const ZUpdateSegmentationSettingRequest = z.object({ value: z.record(z.string(), z.unknown()), version: ZVersion });

// ——— Batch run and overview ———

export const ZSegmentRunResult = z.object({
  customers: z.number().int(),
  tagsApplied: z.number().int(),
  tiersChanged: z.number().int(),
  alertsOpened: z.number().int(),
  seconds: z.number(),
  computedAt: ZInstant,
});
export type TSegmentRunResult = z.infer<typeof ZSegmentRunResult>;

/** A run of the segmentation batch as a job (nightly, or "Run now"). */
export const ZSegmentationRun = ZJobRun.extend({
  /** `nightly`: the scheduled batch (02:00 Asia/Shanghai); `manual`: "Run now". */
  trigger: z.enum(['nightly', 'manual']),
  /** The counts, once done. */
  result: ZSegmentRunResult.nullable(),
});
export type TSegmentationRun = z.infer<typeof ZSegmentationRun>;
export const ZSegmentationRunList = z.object({ items: z.array(ZSegmentationRun) });

const ZCount = z.object({ key: z.string(), customers: z.number().int() });
/** Counts by segment, tier, quadrant and tag over the customers in the caller's scope. */
export const ZSegmentationOverview = z.object({
  customers: z.number().int(),
  computedAt: ZInstant.nullable(),
  rfm: z.array(ZCount),
  lifecycle: z.array(ZCount),
  quadrants: z.array(ZCount),
  tiers: z.array(ZCount),
  tags: z.array(ZCount.extend({ dimension: ZTagDimension })),
  /** Share of annual premium from the top 20 % of customers (the 80/20 check), in percent. */
  top20PremiumSharePct: z.number().nullable(),
});
export type TSegmentationOverview = z.infer<typeof ZSegmentationOverview>;

// ——— Segments ———

/** The profile of a set of customers: size, averages and distributions. */
export const ZSegmentProfile = z.object({
  size: z.number().int(),
  avgAge: z.number().nullable(),
  avgAnnualPremiumFen: z.number().int().nullable(),
  avgTenureYears: z.number().nullable(),
  avgPoliciesInForce: z.number().nullable(),
  avgClaims12m: z.number().nullable(),
  lossRatio3yPct: z.number().nullable(),
  tiers: z.array(ZCount),
  lifecycle: z.array(ZCount),
  lines: z.array(ZCount),
  genders: z.array(ZCount),
});
export type TSegmentProfile = z.infer<typeof ZSegmentProfile>;
export const ZSegmentPreviewRequest = z.object({ conditions: ZConditions });
export const ZSegment = z.object({
  id: ZId,
  name: z.string(),
  description: z.string().nullable(),
  conditions: ZConditions,
  createdAt: ZInstant,
  updatedAt: ZInstant,
  version: ZVersion,
});
export type TSegment = z.infer<typeof ZSegment>;
export const ZSegmentList = z.object({ items: z.array(ZSegment) });
export const ZCreateSegmentRequest = z.object({ name: ZText(80), description: ZText(500).optional(), conditions: ZConditions });
export const ZUpdateSegmentRequest = z.object({ name: ZText(80).optional(), description: ZText(500).nullable().optional(), conditions: ZConditions.optional(), version: ZVersion });
/** A member of a segment: name (as in customer lists; exports mask it), tier, segments and the figures the explorer shows. */
export const ZSegmentMember = z.object({
  id: ZId,
  name: z.string(),
  tier: ZTier,
  age: z.number().int().nullable(),
  annualPremiumFen: z.number().int(),
  policiesInForce: z.number().int(),
  rfmSegment: ZRfmSegment.nullable(),
  lifecycleSegment: ZLifecycleSegment.nullable(),
});
export const ZSegmentMemberList = z.object({ items: z.array(ZSegmentMember), nextCursor: z.string().nullable() });
export const ZSegmentMemberQuery = z.object({ cursor: z.string().max(200).optional(), limit: z.coerce.number().int().min(1).max(200).default(50) });

// ——— Clusters ———

export const ZCluster = z.object({
  no: z.number().int(),
  size: z.number().int(),
  /** Mean of each feature in the cluster (original units; money in fen). */
  profile: z.record(z.string(), z.number()),
  /** Traits behind the suggested name, e.g. `young`, `family`, `high_premium`, `medical_gap`. */
  traits: z.array(z.string()),
  suggestedName: z.object({ zh: z.string(), en: z.string() }),
  name: z.string().nullable(),
  segmentId: ZId.nullable(),
});
export const ZClusterRun = z.object({
  id: ZId,
  createdAt: ZInstant,
  k: z.number().int(),
  silhouette: z.number(),
  candidates: z.array(z.object({ k: z.number().int(), silhouette: z.number() })),
  features: z.array(z.object({ name: z.string(), mean: z.number(), sd: z.number() })),
  clusters: z.array(ZCluster),
  sampleSize: z.number().int(),
  customers: z.number().int(),
  active: z.boolean(),
});
export type TClusterRun = z.infer<typeof ZClusterRun>;
export const ZClusterRunList = z.object({ items: z.array(ZClusterRun) });
export const ZRunClustersRequest = z.object({ kMin: z.number().int().min(2).max(12).default(2), kMax: z.number().int().min(2).max(12).default(8), seed: z.number().int().optional() });
/**
 * A clustering asked for with `Prefer: respond-async`: it runs as a job (one at a time; a request
 * while one runs gets that one). Once done, `result` names the cluster run it made (now active).
 */
export const ZClusterJob = ZJobRun.extend({
  result: z.object({ clusterRunId: ZId, k: z.number().int(), customers: z.number().int() }).nullable(),
}).meta({ id: 'ClusterJob' });
export type TClusterJob = z.infer<typeof ZClusterJob>;
export const ZRenameClusterRequest = z.object({ name: ZText(80) });
export const ZSaveClusterSegmentRequest = z.object({ name: ZText(80), description: ZText(500).optional() });

// ——— Models ———

export const ZModelMetrics = z.object({
  auc: z.number(),
  /** Lift at the top 5 / 10 / 20 % of the held-out part (rate in the top slice ÷ base rate). */
  lift: z.object({ top5: z.number(), top10: z.number(), top20: z.number() }),
  /** Cumulative lift by decile of the held-out part, for the lift chart. */
  curve: z.array(z.object({ pct: z.number(), lift: z.number(), captured: z.number() })),
  baseRate: z.number(),
  trainRows: z.number().int(),
  testRows: z.number().int(),
  positives: z.number().int(),
});
export const ZModelFeature = z.object({ name: z.string(), mean: z.number(), sd: z.number(), weight: z.number() });
export const ZModel = z.object({
  id: ZId,
  name: z.string(),
  version: z.number().int(),
  target: z.string(),
  where: z.string().nullable(),
  features: z.array(ZModelFeature),
  metrics: ZModelMetrics,
  active: z.boolean(),
  trainedAt: ZInstant,
  trainedBy: z.string(),
  scoredAt: ZInstant.nullable(),
});
export type TModel = z.infer<typeof ZModel>;
export const ZModelList = z.object({ items: z.array(ZModel) });
export const ZTrainModelRequest = z.object({
  name: z.string().regex(/^[a-z][a-z0-9_-]{1,39}$/, 'lower-case letters, digits, - and _, starting with a letter'),
  target: ZText(500),
  where: ZText(500).optional(),
});
export const ZScoreModelRequest = z.object({ where: ZText(500).optional() });
export const ZScoreModelResult = z.object({ modelId: ZId, scored: z.number().int(), scoredAt: ZInstant });
export const ZModelScore = z.object({
  customer: z.object({ id: ZId, name: z.string() }),
  score: z.number(),
  contributions: z.array(z.object({ name: z.string(), value: z.number(), contribution: z.number() })),
  scoredAt: ZInstant,
});
export const ZModelScoreList = z.object({ items: z.array(ZModelScore) });
export const ZModelScoreQuery = z.object({ top: z.coerce.number().int().min(1).max(1000).default(50) });

// ——— Risk alerts ———

export const RISK_ALERT_KINDS = ['multi_claim', 'high_loss_ratio'] as const;
export const ZRiskAlertKind = z.enum(RISK_ALERT_KINDS);
export const RISK_ALERT_STATUSES = ['open', 'in_review', 'closed'] as const;
export const ZRiskAlertStatus = z.enum(RISK_ALERT_STATUSES);
export const RISK_ALERT_DECISIONS = ['no_action', 'watch', 'underwriting_review', 'fraud_investigation', 'blacklist_proposed'] as const;
export const ZRiskAlertDecision = z.enum(RISK_ALERT_DECISIONS);
export const ZRiskAlert = z.object({
  id: ZId,
  customer: z.object({ id: ZId, name: z.string() }),
  kind: ZRiskAlertKind,
  periodKey: z.string(),
  /** The figures that raised it, e.g. {claims: 4, months: 12} or {lossRatioPct: 135.2, paidFen, earnedFen, years}. */
  figures: z.record(z.string(), z.unknown()),
  status: ZRiskAlertStatus,
  unit: z.object({ id: ZId, name: z.string() }),
  assignee: z.object({ id: ZId, name: z.string() }).nullable(),
  decision: ZRiskAlertDecision.nullable(),
  decisionNote: z.string().nullable(),
  openedAt: ZInstant,
  closedAt: ZInstant.nullable(),
  closedBy: z.string().nullable(),
  version: ZVersion,
});
export type TRiskAlert = z.infer<typeof ZRiskAlert>;
export const ZRiskAlertList = z.object({ items: z.array(ZRiskAlert), nextCursor: z.string().nullable() });
export const ZRiskAlertQuery = z.object({
  status: z.enum(['active', ...RISK_ALERT_STATUSES]).default('active'),
  kind: ZRiskAlertKind.optional(),
  customerId: ZId.optional(),
  cursor: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});
export const ZAssignRiskAlertRequest = z.object({ assigneeId: ZId, version: ZVersion });
export const ZReviewRiskAlertRequest = z.object({ version: ZVersion });
export const ZCloseRiskAlertRequest = z.object({ decision: ZRiskAlertDecision, note: ZText(1000), version: ZVersion });

// ——— Blacklist ———

export const BLACKLIST_REASONS = ['fraud', 'malicious_complaints', 'unpaid_debt', 'sanctions', 'abusive_conduct', 'other'] as const;
export const ZBlacklistReason = z.enum(BLACKLIST_REASONS);
export const BLACKLIST_STATUSES = ['pending', 'active', 'rejected', 'lifted'] as const;
export const ZBlacklistStatus = z.enum(BLACKLIST_STATUSES);
export const ZBlacklistEntry = z.object({
  id: ZId,
  customer: z.object({ id: ZId, name: z.string() }),
  reason: ZBlacklistReason,
  detail: z.string(),
  evidence: z.string(),
  status: ZBlacklistStatus,
  /** Active and within its dates today (an approved entry past its expiry is no longer in effect). */
  inEffect: z.boolean(),
  startsOn: ZDate,
  expiresOn: ZDate.nullable(),
  /** Who asked for it (display name) and their id: a request is decided by someone else. */
  requestedBy: z.string(),
  requestedById: z.string(),
  requestedAt: ZInstant,
  /** Who approved or rejected it, when, and the note they gave. */
  decidedBy: z.string().nullable(),
  decidedAt: ZInstant.nullable(),
  decisionNote: z.string().nullable(),
  /** Who lifted it early, when, and why. */
  liftedBy: z.string().nullable(),
  liftedAt: ZInstant.nullable(),
  liftNote: z.string().nullable(),
  version: ZVersion,
});
export type TBlacklistEntry = z.infer<typeof ZBlacklistEntry>;
export const ZBlacklistList = z.object({ items: z.array(ZBlacklistEntry), nextCursor: z.string().nullable() });
export const ZBlacklistQuery = z.object({
  /** `in_effect` today; `in_effect_or_upcoming` also approved entries that start later; or a stored status. */
  status: z.enum(['in_effect', 'in_effect_or_upcoming', ...BLACKLIST_STATUSES]).optional(),
  customerId: ZId.optional(),
  cursor: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});
export const ZCreateBlacklistEntryRequest = z.object({
  customerId: ZId,
  reason: ZBlacklistReason,
  detail: ZText(1000),
  evidence: ZText(1000),
  startsOn: ZDate,
  expiresOn: ZDate.optional(),
});
export const ZDecideBlacklistEntryRequest = z.object({ note: ZText(1000), version: ZVersion });

// Inferred types of the schemas above.
export type TTagDefinitionList = z.infer<typeof ZTagDefinitionList>;
export type TCreateTagDefinitionRequest = z.infer<typeof ZCreateTagDefinitionRequest>;
export type TUpdateTagDefinitionRequest = z.infer<typeof ZUpdateTagDefinitionRequest>;
export type TTierRuleList = z.infer<typeof ZTierRuleList>;
export type TUpdateTierRulesRequest = z.infer<typeof ZUpdateTierRulesRequest>;
export type TCustomerEntitlements = z.infer<typeof ZCustomerEntitlements>;
export type TUpdateSegmentationSettingRequest = z.infer<typeof ZUpdateSegmentationSettingRequest>;
export type TSegmentPreviewRequest = z.infer<typeof ZSegmentPreviewRequest>;
export type TSegmentList = z.infer<typeof ZSegmentList>;
export type TCreateSegmentRequest = z.infer<typeof ZCreateSegmentRequest>;
export type TUpdateSegmentRequest = z.infer<typeof ZUpdateSegmentRequest>;
export type TSegmentMember = z.infer<typeof ZSegmentMember>;
export type TSegmentMemberList = z.infer<typeof ZSegmentMemberList>;
export type TSegmentMemberQuery = z.infer<typeof ZSegmentMemberQuery>;
export type TCluster = z.infer<typeof ZCluster>;
export type TClusterRunList = z.infer<typeof ZClusterRunList>;
export type TRunClustersRequest = z.infer<typeof ZRunClustersRequest>;
export type TRenameClusterRequest = z.infer<typeof ZRenameClusterRequest>;
export type TSaveClusterSegmentRequest = z.infer<typeof ZSaveClusterSegmentRequest>;
export type TModelMetrics = z.infer<typeof ZModelMetrics>;
export type TModelList = z.infer<typeof ZModelList>;
export type TTrainModelRequest = z.infer<typeof ZTrainModelRequest>;
export type TScoreModelRequest = z.infer<typeof ZScoreModelRequest>;
export type TScoreModelResult = z.infer<typeof ZScoreModelResult>;
export type TModelScore = z.infer<typeof ZModelScore>;
export type TModelScoreList = z.infer<typeof ZModelScoreList>;
export type TModelScoreQuery = z.infer<typeof ZModelScoreQuery>;
export type TRiskAlertList = z.infer<typeof ZRiskAlertList>;
export type TRiskAlertQuery = z.infer<typeof ZRiskAlertQuery>;
export type TAssignRiskAlertRequest = z.infer<typeof ZAssignRiskAlertRequest>;
export type TReviewRiskAlertRequest = z.infer<typeof ZReviewRiskAlertRequest>;
export type TCloseRiskAlertRequest = z.infer<typeof ZCloseRiskAlertRequest>;
export type TBlacklistList = z.infer<typeof ZBlacklistList>;
export type TBlacklistQuery = z.infer<typeof ZBlacklistQuery>;
export type TCreateBlacklistEntryRequest = z.infer<typeof ZCreateBlacklistEntryRequest>;
export type TDecideBlacklistEntryRequest = z.infer<typeof ZDecideBlacklistEntryRequest>;
export type TSegmentationFieldList = z.infer<typeof ZSegmentationFieldList>;
export type TRiskAlertDecision = z.infer<typeof ZRiskAlertDecision>;
export type TRiskAlertKind = z.infer<typeof ZRiskAlertKind>;
export type TRiskAlertStatus = z.infer<typeof ZRiskAlertStatus>;
export type TBlacklistReason = z.infer<typeof ZBlacklistReason>;
export type TBlacklistStatus = z.infer<typeof ZBlacklistStatus>;
export type TRfmSegment = z.infer<typeof ZRfmSegment>;
export type TLifecycleSegment = z.infer<typeof ZLifecycleSegment>;
export type TQuadrant = z.infer<typeof ZQuadrant>;
export type TTagDimension = z.infer<typeof ZTagDimension>;
export type TConditionOp = z.infer<typeof ZConditionOp>;
export type TAlertSettings = z.infer<typeof ZAlertSettings>;
export type TQuadrantSettings = z.infer<typeof ZQuadrantSettings>;
export type TListSettings = z.infer<typeof ZListSettings>;
export type TSegmentationSettingKey = z.infer<typeof ZSegmentationSettingKey>;
