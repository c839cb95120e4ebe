// Table types of the segmentation slice (metrics, settings, tag and tier rules, segments, clusters,
// models, risk alerts, blacklist); DDL in migrations/0013_segmentation.sql.
import type { TCondition } from '@anxin/contracts';
import type { ColumnType, Generated } from 'kysely';

type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type NullableTimestamp = ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
/** jsonb: objects in, objects out (Kysely passes JSON.stringify'd text on write). */
type Json<T> = ColumnType<T, string | undefined, string>;
/** bigint (int8) columns: both drivers parse them to numbers (type-parsers.ts). */
type Big = number;

export interface CustomerMetricTable {
  customer_id: string;
  computed_at: Timestamp;
  age: number | null;
  first_policy_on: string | null;
  tenure_years: number;
  policies_total: number;
  policies_in_force: number;
  in_force_by_line: Json<Record<string, number>>;
  annual_premium_fen: Big;
  lifetime_premium_fen: Big;
  earned_premium_3y_fen: Big;
  claims_count: number;
  claims_12m: number;
  claims_paid_fen: Big;
  claims_paid_3y_fen: Big;
  loss_ratio_3y_bp: number | null;
  last_claim_at: NullableTimestamp;
  last_purchase_on: string | null;
  last_contact_at: NullableTimestamp;
  contacts_12m: number;
  contacts_90d: number;
  contacts_prev_90d: number;
  contact_trend: 'none' | 'rising' | 'steady' | 'falling';
  renewals: number;
  lapses: number;
  lapses_12m: number;
  complaints_count: number;
  complaints_12m: number;
  latest_csat: number | null;
  latest_nps: number | null;
  referral_count: number;
  household_size: number;
  children: number;
  rfm_r: number | null;
  rfm_f: number | null;
  rfm_m: number | null;
  rfm_segment: string | null;
  lifecycle_segment: string | null;
  quadrant: string | null;
  cluster_no: number | null;
}

export interface SegmentationSettingTable {
  key: string;
  value: Json<Record<string, unknown>>;
  updated_at: Timestamp;
  version: Generated<number>;
}

export type Condition = TCondition;

export interface TagDefinitionTable {
  code: string;
  dimension: 'risk' | 'value' | 'need';
  name_zh: string;
  name_en: string;
  conditions: Json<Condition[]>;
  active: Generated<boolean>;
  builtin: Generated<boolean>;
  created_at: Timestamp;
  updated_at: Timestamp;
  version: Generated<number>;
}

export interface Entitlements {
  dedicatedAdvisor: boolean;
  greenChannel: boolean;
  onSiteVisits: boolean;
  priorityService: boolean;
  serviceHours: number;
}

export interface TierRuleTable {
  tier: 'platinum' | 'gold' | 'silver' | 'standard';
  rank: number;
  min_annual_premium_fen: Big;
  min_tenure_years: number;
  entitlements: Json<Entitlements>;
  updated_at: Timestamp;
  version: Generated<number>;
}

export interface SegmentTable {
  id: string;
  name: string;
  description: string | null;
  conditions: Json<Condition[]>;
  created_by: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
  version: Generated<number>;
}

export interface ClusterRunTable {
  id: string;
  created_at: Timestamp;
  created_by: string | null;
  k: number;
  silhouette: number;
  candidates: Json<{ k: number; silhouette: number }[]>;
  features: Json<{ name: string; mean: number; sd: number }[]>;
  clusters: Json<ClusterSummary[]>;
  sample_size: number;
  customers: number;
  active: Generated<boolean>;
}

export interface ClusterSummary {
  no: number;
  size: number;
  centroid: number[];
  profile: Record<string, number>;
  traits: string[];
  suggestedName: { zh: string; en: string };
  name: string | null;
  segmentId: string | null;
}

export interface ModelFeature {
  name: string;
  mean: number;
  sd: number;
  weight: number;
}

export interface ModelTable {
  id: string;
  name: string;
  version: number;
  target_expr: string;
  where_expr: string | null;
  features: Json<ModelFeature[]>;
  intercept: number;
  metrics: Json<Record<string, unknown>>;
  active: Generated<boolean>;
  trained_at: Timestamp;
  trained_by: string;
  scored_at: NullableTimestamp;
}

export interface ModelScoreTable {
  customer_id: string;
  model_id: string;
  score: number;
  contributions: Json<{ name: string; value: number; contribution: number }[]>;
  scored_at: Timestamp;
}

export interface RiskAlertTable {
  customer_id: string;
  id: string;
  kind: 'multi_claim' | 'high_loss_ratio';
  period_key: string;
  figures: Json<Record<string, unknown>>;
  status: 'open' | 'in_review' | 'closed';
  org_unit_id: string;
  org_path: string;
  assignee_id: string | null;
  assignee_name: string | null;
  decision: 'no_action' | 'watch' | 'underwriting_review' | 'fraud_investigation' | 'blacklist_proposed' | null;
  decision_note: string | null;
  opened_at: Timestamp;
  closed_at: NullableTimestamp;
  closed_by_name: string | null;
  updated_at: Timestamp;
  version: Generated<number>;
}

export interface BlacklistEntryTable {
  customer_id: string;
  id: string;
  reason: 'fraud' | 'malicious_complaints' | 'unpaid_debt' | 'sanctions' | 'abusive_conduct' | 'other';
  detail: string;
  evidence: string;
  status: 'pending' | 'active' | 'rejected' | 'lifted';
  starts_on: string;
  expires_on: string | null;
  requested_by: string;
  requested_by_name: string;
  requested_at: Timestamp;
  decided_by: string | null;
  decided_by_name: string | null;
  decided_at: NullableTimestamp;
  decision_note: string | null;
  lifted_at: NullableTimestamp;
  /** Who lifted an active entry early, and why (migration 0021). */
  lifted_by: string | null;
  lifted_by_name: string | null;
  lift_note: string | null;
  updated_at: Timestamp;
  version: Generated<number>;
}

export interface SegmentationTables {
  customer_metric: CustomerMetricTable;
  segmentation_setting: SegmentationSettingTable;
  tag_definition: TagDefinitionTable;
  tier_rule: TierRuleTable;
  segment: SegmentTable;
  cluster_run: ClusterRunTable;
  model: ModelTable;
  model_score: ModelScoreTable;
  risk_alert: RiskAlertTable;
  blacklist_entry: BlacklistEntryTable;
}
