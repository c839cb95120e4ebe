// Table types of the complaints slice; DDL in migrations/0008_complaints.sql.
import type { TComplaintCategory, TComplaintChannel, TComplaintStatus, TComplaintTier } from '@anxin/contracts';
import type { ColumnType, Generated } from 'kysely';

type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type NullableTimestamp = ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;

export interface ComplaintTable {
  customer_id: string;
  id: string;
  complaint_no: string;
  channel: TComplaintChannel;
  category: TComplaintCategory;
  sub_reason: string;
  severity: 'normal' | 'serious' | 'critical';
  collective: boolean;
  representatives: number | null;
  regulator_ref: string | null;
  policy_id: string | null;
  claim_id: string | null;
  staff_concerned_id: string | null;
  subject: string;
  description_enc: string;
  demand_enc: string | null;
  status: TComplaintStatus;
  home_unit_id: string;
  home_path: string;
  org_unit_id: string;
  org_path: string;
  tier: TComplaintTier;
  assignee_id: string | null;
  assignee_name: string | null;
  received_at: Timestamp;
  due_at: Timestamp;
  /** The deadline the desk shows and sorts by (review clock while reviewing, else decision); generated (migration 0016). */
  desk_due_at: ColumnType<Date, never, never>;
  /** Closed or withdrawn: listed after the open complaints on the desk; generated (migration 0027). */
  desk_settled: ColumnType<boolean, never, never>;
  extension_level: Generated<number>;
  warned_at: NullableTimestamp;
  breached_at: NullableTimestamp;
  decided_at: NullableTimestamp;
  customer_response: 'accepts' | 'disputes' | null;
  responded_at: NullableTimestamp;
  review_due_at: NullableTimestamp;
  review_breached_at: NullableTimestamp;
  closed_at: NullableTimestamp;
  reopen_count: Generated<number>;
  created_by_name: string;
  created_at: Timestamp;
  updated_at: Timestamp;
  version: Generated<number>;
}

export interface ComplaintRecordTable {
  customer_id: string;
  id: string;
  complaint_id: string;
  kind: string;
  data_enc: string;
  from_unit_id: string | null;
  to_unit_id: string | null;
  actor_id: string;
  actor_name: string;
  at: Timestamp;
}

export interface ComplaintPlaybookStepTable {
  customer_id: string;
  complaint_id: string;
  step: string;
  done_at: Timestamp;
  note: string | null;
  actor_name: string;
}

export interface CorrectiveActionTable {
  id: string;
  complaint_id: string | null;
  analysis_month: string | null;
  owner_unit_id: string;
  owner_path: string;
  title: string;
  root_cause: string;
  due_on: string;
  status: 'open' | 'done' | 'verified' | 'overdue_escalated';
  evidence: string | null;
  effect: string | null;
  escalated_at: NullableTimestamp;
  source: Generated<'complaint' | 'analysis' | 'survey'>;
  survey_id: string | null;
  /** The system's own actions: what they are about, for the console to word (migration 0025). */
  text_key: ColumnType<string | null, string | null | undefined, string | null>;
  text_params: ColumnType<Record<string, string | number> | null, string | null | undefined, string | null>;
  created_by_name: string;
  created_at: Timestamp;
  updated_at: Timestamp;
  version: Generated<number>;
}

export interface ComplaintTables {
  complaint: ComplaintTable;
  complaint_record: ComplaintRecordTable;
  complaint_playbook_step: ComplaintPlaybookStepTable;
  corrective_action: CorrectiveActionTable;
}
