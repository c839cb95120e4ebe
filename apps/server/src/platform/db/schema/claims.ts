// Table types of the claims slice; DDL in migrations/0005_claims.sql.
import type { TClaimChannel, TClaimClockKind, TClaimStatus, TFastTrackDecision, TProductLine } from '@anxin/contracts';
import type { ColumnType, Generated } from 'kysely';

type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type NullableTimestamp = ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
/** jsonb: objects in, objects out (Kysely passes JSON.stringify'd text on write). */
type Json<T> = ColumnType<T, string | undefined, string>;

export interface ClaimClockRuleTable {
  line: string;
  clock: TClaimClockKind;
  days: number;
  warn_days: number;
  source: string;
  version: Generated<number>;
  updated_at: Timestamp;
}

export interface ClaimSettingTable {
  key: string;
  value: Json<unknown>;
  updated_at: Timestamp;
  version: Generated<number>;
}

export interface ClaimTable {
  customer_id: string;
  id: string;
  claim_no: string;
  policy_id: string;
  product_id: string;
  line: TProductLine;
  status: TClaimStatus;
  channel: TClaimChannel;
  reported_at: Timestamp;
  incident_at: Timestamp;
  incident_kind: 'motor' | 'medical' | 'illness' | 'property';
  incident_enc: string;
  reporter_name: string | null;
  reporter_phone_enc: string | null;
  reporter_phone_masked: string | null;
  amount_claimed_fen: number;
  amount_approved_fen: number | null;
  amount_paid_fen: Generated<number>;
  assignee_id: string | null;
  assignee_name: string | null;
  org_unit_id: string;
  org_path: string;
  agent_id: string | null;
  owner_agent_id: string | null;
  green_channel: Generated<boolean>;
  multi_claim: Generated<boolean>;
  fraud_suspected: Generated<boolean>;
  fast_track: Generated<boolean>;
  fast_track_decision: ColumnType<TFastTrackDecision | null, string | null | undefined, string | null>;
  denial_reason: string | null;
  denial_clause: string | null;
  documents_complete_at: NullableTimestamp;
  adjusted_by: string | null;
  approved_by: string | null;
  approved_at: NullableTimestamp;
  closed_at: NullableTimestamp;
  created_by_name: string;
  created_at: Timestamp;
  updated_at: Timestamp;
  version: Generated<number>;
}

export interface ClaimInvoiceTable {
  customer_id: string;
  claim_id: string;
  invoice_no: string;
  amount_fen: number;
}

export interface ClaimEventTable {
  customer_id: string;
  id: Generated<number>;
  claim_id: string;
  type: string;
  from_status: TClaimStatus | null;
  to_status: TClaimStatus | null;
  reason: string | null;
  data: Json<Record<string, unknown>>;
  actor_id: string;
  actor_name: string;
  at: Timestamp;
}

export interface ClaimClockTable {
  customer_id: string;
  claim_id: string;
  kind: TClaimClockKind;
  started_at: Timestamp;
  due_at: Timestamp;
  paused_at: NullableTimestamp;
  stopped_at: NullableTimestamp;
  warned_at: NullableTimestamp;
  breached_at: NullableTimestamp;
  rule_days: number;
  rule_warn_days: number;
  rule_source: string;
  rule_version: number;
}

export interface ClaimDocumentTable {
  customer_id: string;
  id: string;
  claim_id: string;
  code: string;
  file_name: string;
  content_type: string;
  size_bytes: number;
  sha256: string;
  storage_key: string;
  uploaded_at: Timestamp;
  uploaded_by_name: string;
}

export interface ClaimDocumentNoticeTable {
  customer_id: string;
  id: string;
  claim_id: string;
  codes: string[];
  first: boolean;
  late_reason: string | null;
  sent_at: Timestamp;
  sent_by_name: string;
}

export interface ClaimAdjustmentLineTable {
  customer_id: string;
  claim_id: string;
  line_no: number;
  coverage_code: string;
  description: string;
  claimed_fen: number;
  excluded_fen: number;
  deductible_fen: number;
  ratio_pct: number;
  limit_fen: number | null;
  payable_fen: number;
  reason: string;
}

export interface ClaimPaymentTable {
  customer_id: string;
  id: string;
  claim_id: string;
  kind: 'advance' | 'partial' | 'final';
  payee_name: string;
  bank_account_enc: string;
  bank_account_masked: string;
  amount_fen: number;
  paid_at: Timestamp;
  recorded_by_name: string;
}

export interface OutboxTable {
  id: Generated<number>;
  topic: string;
  customer_id: string | null;
  aggregate_id: string | null;
  payload: Json<Record<string, unknown>>;
  created_at: Timestamp;
  published_at: NullableTimestamp;
  attempts: Generated<number>;
  last_error: ColumnType<string | null, string | null | undefined, string | null>;
}

export interface ClaimTables {
  claim_clock_rule: ClaimClockRuleTable;
  claim_setting: ClaimSettingTable;
  claim: ClaimTable;
  claim_invoice: ClaimInvoiceTable;
  claim_event: ClaimEventTable;
  claim_clock: ClaimClockTable;
  claim_document: ClaimDocumentTable;
  claim_document_notice: ClaimDocumentNoticeTable;
  claim_adjustment_line: ClaimAdjustmentLineTable;
  claim_payment: ClaimPaymentTable;
  outbox: OutboxTable;
}
