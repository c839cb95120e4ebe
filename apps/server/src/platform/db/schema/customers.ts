// Table types of the customers slice (customer, contact_point, relationship, customer_attribute_definition, consent, consent_event, interaction); DDL in migrations/0002_customers.sql.
import type { ColumnType, Generated } from 'kysely';

type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type NullableTimestamp = ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
/** jsonb: objects in, objects out (Kysely passes JSON.stringify'd text on write). */
type Json<T> = ColumnType<T, string | undefined, string>;

export interface CustomerTable {
  id: string;
  kind: 'person' | 'organisation';
  name: string;
  name_pinyin: string;
  name_initials: string;
  gender: 'male' | 'female' | null;
  birth_date: string | null;
  id_number_enc: string | null;
  id_number_bidx: string | null;
  id_number_masked: string | null;
  health_notes_enc: string | null;
  bank_account_enc: string | null;
  bank_account_masked: string | null;
  occupation: string | null;
  income_band: string | null;
  unified_social_credit_code: string | null;
  industry: string | null;
  lifecycle_stage: Generated<'prospect' | 'active' | 'lapsed' | 'former'>;
  tier: Generated<'platinum' | 'gold' | 'silver' | 'standard'>;
  owner_agent_id: string | null;
  org_unit_id: string;
  external_id: string | null;
  attributes: Json<Record<string, string | number | boolean>>;
  created_by: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
  version: Generated<number>;
}

export interface ContactPointTable {
  customer_id: string;
  id: string;
  channel: 'mobile' | 'landline' | 'email' | 'address' | 'wechat';
  value: string;
  value_normalised: string;
  verified: Generated<boolean>;
  preferred: Generated<boolean>;
  label: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
  version: Generated<number>;
}

export interface RelationshipTable {
  customer_id: string;
  id: string;
  related_customer_id: string;
  type: 'spouse' | 'child' | 'parent' | 'employer' | 'employee' | 'other';
  created_at: Timestamp;
}

export interface CustomerAttributeDefinitionTable {
  id: string;
  key: string;
  label_zh: string;
  label_en: string;
  type: 'text' | 'number' | 'date' | 'boolean' | 'enum';
  options: Json<{ value: string; labelZh: string; labelEn: string }[]>;
  required: Generated<boolean>;
  filterable: Generated<boolean>;
  created_at: Timestamp;
  updated_at: Timestamp;
  version: Generated<number>;
}

export interface ConsentTable {
  customer_id: string;
  purpose: string;
  channel: string;
  separate: boolean;
  granted: boolean;
  granted_at: NullableTimestamp;
  withdrawn_at: NullableTimestamp;
  evidence_kind: string;
  evidence_reference: string;
  updated_at: Timestamp;
}

export interface ConsentEventTable {
  customer_id: string;
  id: string;
  purpose: string;
  channel: string;
  action: 'granted' | 'withdrawn';
  separate: boolean;
  evidence_kind: string;
  evidence_reference: string;
  staff_id: string | null;
  staff_name: string | null;
  at: Timestamp;
}

export interface InteractionTable {
  customer_id: string;
  id: string;
  channel: string;
  direction: 'inbound' | 'outbound';
  staff_id: string | null;
  staff_name: string | null;
  occurred_at: Timestamp;
  summary: string;
  policy_id: string | null;
  claim_id: string | null;
  complaint_id: string | null;
  created_at: Timestamp;
}

export interface CustomerTables {
  customer: CustomerTable;
  contact_point: ContactPointTable;
  relationship: RelationshipTable;
  customer_attribute_definition: CustomerAttributeDefinitionTable;
  consent: ConsentTable;
  consent_event: ConsentEventTable;
  interaction: InteractionTable;
}
