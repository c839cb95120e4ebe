// Table types of the policies slice (product, policy, policy_party, endorsement); DDL in migrations/0003_products_policies.sql.
import type {
  TClaimDocumentItem,
  TCoverage,
  TEndorsementType,
  TPaymentFrequency,
  TPaymentMethod,
  TPolicyPartyRole,
  TPolicyStatus,
  TProductLine,
  TRiskLevel,
  TUnderwritingDecisionKind,
} from '@anxin/contracts';
import type { ColumnType, Generated } from 'kysely';

type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
/** jsonb: objects in, objects out (Kysely passes JSON.stringify'd text on write). */
type Json<T> = ColumnType<T, string | undefined, string>;

export interface ProductTable {
  id: string;
  code: string;
  name: string;
  line: TProductLine;
  risk_level: TRiskLevel;
  coverages: Json<TCoverage[]>;
  waiting_days: Generated<number>;
  cooling_off_days: Generated<number>;
  /** The usual term of cover in months (migration 0024); null = none. */
  term_months: ColumnType<number | null, number | null | undefined, number | null>;
  claim_documents: Json<TClaimDocumentItem[]>;
  description: string | null;
  active: Generated<boolean>;
  created_at: Timestamp;
  updated_at: Timestamp;
  version: Generated<number>;
}

export interface PolicyTable {
  id: string;
  /** The policyholder. */
  customer_id: string;
  policy_no: string;
  product_id: string;
  status: TPolicyStatus;
  status_reason: string | null;
  status_changed_on: string | null;
  sum_insured_fen: number;
  premium_fen: number;
  payment_frequency: TPaymentFrequency;
  payment_method: TPaymentMethod | null;
  bank_account_enc: string | null;
  bank_account_masked: string | null;
  effective_on: string;
  expires_on: string;
  cooling_off_ends_on: string;
  renewal_of_id: string | null;
  surrender_value_fen: number | null;
  agent_id: string;
  org_unit_id: string;
  created_by: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
  version: Generated<number>;
}

export interface PolicyPartyTable {
  customer_id: string;
  policy_id: string;
  role: TPolicyPartyRole;
  share_pct: number | null;
  created_at: Timestamp;
}

export interface EndorsementTable {
  customer_id: string;
  id: string;
  policy_id: string;
  type: TEndorsementType;
  effective_on: string;
  reason: string;
  summary: string;
  details: Json<Record<string, unknown>>;
  surrender_value_fen: number | null;
  created_by: string;
  created_by_name: string;
  created_at: Timestamp;
}

/** An underwriting decision on an application (migration 0026); customer_id is the policyholder. */
export interface UnderwritingDecisionTable {
  customer_id: string;
  id: string;
  policy_id: string;
  decision: TUnderwritingDecisionKind;
  premium_adjustment_pct: number | null;
  /** Encrypted (may name an illness). */
  exclusions_enc: string | null;
  /** Encrypted (may name an illness). */
  reason_enc: string | null;
  premium_before_fen: number;
  premium_after_fen: number;
  decided_by: string;
  decided_by_name: string;
  decided_at: Timestamp;
}

export interface PolicyTables {
  product: ProductTable;
  policy: PolicyTable;
  policy_party: PolicyPartyTable;
  endorsement: EndorsementTable;
  underwriting_decision: UnderwritingDecisionTable;
}
