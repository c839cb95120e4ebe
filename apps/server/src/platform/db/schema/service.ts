// Table types of the service-operations and automation slice; DDL in migrations/0012_service.sql.
import type { TMessageChannel, TMessageStatus, TTaskKind, TTaskPriority, TTaskStatus, TVisitMethod, TVisitMethodWhy, TVisitStatus, TVisitType } from '@anxin/contracts';
import type { ColumnType, Generated } from 'kysely';

type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type NullableTimestamp = ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
/** jsonb: read as parsed JSON, written as a JSON string. */
type Json<T = unknown> = ColumnType<T, string | undefined, string>;
type NullableJson<T = unknown> = ColumnType<T | null, string | null | undefined, string | null>;

export interface TaskTable {
  customer_id: string;
  id: string;
  kind: TTaskKind;
  title: string;
  detail: string | null;
  priority: TTaskPriority;
  status: TTaskStatus;
  assignee_id: string | null;
  org_unit_id: string;
  org_path: string;
  due_at: Timestamp;
  source_type: 'manual' | 'rule' | 'survey' | 'visit';
  source_id: string | null;
  reason: string | null;
  /** A system task's texts by name and params (migration 0017); null for one created by hand. */
  text_key: ColumnType<string | null, string | null | undefined, string | null>;
  text_params: ColumnType<Record<string, string | number> | null, string | null | undefined, string | null>;
  escalated_at: NullableTimestamp;
  escalated_to_id: ColumnType<string | null, string | null | undefined, string | null>;
  outcome: ColumnType<string | null, string | null | undefined, string | null>;
  completed_at: NullableTimestamp;
  created_by_name: string;
  created_at: Timestamp;
  updated_at: Timestamp;
  version: Generated<number>;
}

export interface FollowUpVisitTable {
  customer_id: string;
  id: string;
  visit_type: TVisitType;
  method: TVisitMethod;
  method_reason: string;
  /** The method reason as a key and its figures (migration 0020); null on older visits. */
  method_why: NullableJson<TVisitMethodWhy>;
  status: TVisitStatus;
  due_at: Timestamp;
  attempts: Generated<number>;
  attempt_log: Json;
  policy_id: string | null;
  claim_id: string | null;
  complaint_id: string | null;
  source: string;
  assignee_id: string | null;
  org_unit_id: string;
  org_path: string;
  answers: NullableJson;
  outcome_note: ColumnType<string | null, string | null | undefined, string | null>;
  problem_task_id: ColumnType<string | null, string | null | undefined, string | null>;
  completed_at: NullableTimestamp;
  created_at: Timestamp;
  updated_at: Timestamp;
  version: Generated<number>;
}

export interface SurveyTemplateTable {
  id: string;
  code: string;
  name: string;
  context: 'claim_closure' | 'complaint_closure' | 'visit' | 'general';
  questions: Json;
  active: Generated<boolean>;
  created_at: Timestamp;
  updated_at: Timestamp;
  version: Generated<number>;
}

export interface SurveyTable {
  customer_id: string;
  id: string;
  template_id: string;
  context: string;
  questions: Json;
  claim_id: string | null;
  complaint_id: string | null;
  visit_id: string | null;
  org_unit_id: string;
  org_path: string;
  product_id: string | null;
  agent_id: string | null;
  token_hash: string;
  status: 'sent' | 'answered';
  sent_at: Timestamp;
  expires_at: Timestamp;
  answered_at: NullableTimestamp;
  csat: ColumnType<number | null, number | null | undefined, number | null>;
  nps: ColumnType<number | null, number | null | undefined, number | null>;
  answers: NullableJson;
}

export interface AutomationRuleTable {
  code: string;
  trigger: 'schedule' | 'event';
  enabled: boolean;
  params: Json<Record<string, unknown>>;
  updated_by_name: string | null;
  updated_at: Timestamp;
  version: Generated<number>;
  /** A scheduled rule limited to the members of a saved segment (null: everyone). */
  audience_segment_id: Generated<string | null>;
}

export interface AutomationRunTable {
  customer_id: string;
  rule_code: string;
  period_key: string;
  fired_at: Timestamp;
  reason: string;
  /** The reason's params, for the console to word it per rule (migration 0018); null on older runs. */
  reason_params: ColumnType<Record<string, string | number> | null, string | null | undefined, string | null>;
  actions: Json<{ kind: string; id: string | null }[]>;
}

export interface JobTable {
  id: Generated<number>;
  kind: string;
  dedupe_key: string;
  payload: Json<Record<string, unknown>>;
  run_at: Timestamp;
  status: 'pending' | 'running' | 'done' | 'failed';
  attempts: Generated<number>;
  locked_by: string | null;
  locked_until: NullableTimestamp;
  last_error: string | null;
  result: NullableJson;
  created_at: Generated<Date>;
  finished_at: NullableTimestamp;
}

export interface MessageTable {
  customer_id: string;
  id: string;
  channel: TMessageChannel;
  template: string;
  locale: 'zh-CN' | 'en-US';
  purpose: 'service' | 'marketing';
  params: Json;
  recipient_masked: ColumnType<string | null, string | null | undefined, string | null>;
  status: TMessageStatus;
  status_reason: ColumnType<string | null, string | null | undefined, string | null>;
  attempts: Generated<number>;
  next_attempt_at: Timestamp;
  adapter: ColumnType<string | null, string | null | undefined, string | null>;
  provider_ref: ColumnType<string | null, string | null | undefined, string | null>;
  last_error: ColumnType<string | null, string | null | undefined, string | null>;
  sent_at: NullableTimestamp;
  source: string;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface LoyaltyEntryTable {
  customer_id: string;
  id: string;
  points: number;
  reason: 'claim_free_year' | 'referral' | 'adjustment';
  source_id: string | null;
  note: string | null;
  created_at: Timestamp;
}

export interface ReferralTable {
  customer_id: string;
  id: string;
  referred_customer_id: string;
  policy_id: string | null;
  org_unit_id: string;
  org_path: string;
  referred_on: string;
  created_by_name: string;
  created_at: Timestamp;
}

export interface HealthReadingTable {
  customer_id: string;
  id: string;
  kind: 'blood_pressure';
  measured_on: string;
  value_enc: string;
  source: string;
  created_at: Timestamp;
}

export interface CustomerTagTable {
  customer_id: string;
  tag: string;
  dimension: 'risk' | 'value' | 'need';
  reason: string;
  source: string;
  applied_at: Timestamp;
  /** Why the tag applies, as facts a console can render in any language: [{field, op, threshold, value}]. */
  facts: ColumnType<TagFact[], string | undefined, string>;
}

export interface TagFact {
  field: string;
  op: string;
  threshold: unknown;
  value: unknown;
}

export interface ServiceTables {
  customer_tag: CustomerTagTable;
  health_reading: HealthReadingTable;
  task: TaskTable;
  follow_up_visit: FollowUpVisitTable;
  survey_template: SurveyTemplateTable;
  survey: SurveyTable;
  automation_rule: AutomationRuleTable;
  automation_run: AutomationRunTable;
  job: JobTable;
  message: MessageTable;
  loyalty_entry: LoyaltyEntryTable;
  referral: ReferralTable;
}
