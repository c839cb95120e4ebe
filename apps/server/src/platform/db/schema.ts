import type { ColumnType, Generated } from 'kysely';
import type { ClaimTables } from './schema/claims.ts';
import type { PortalTables } from './schema/portal.ts';
import type { ComplaintTables } from './schema/complaints.ts';
import type { CustomerTables } from './schema/customers.ts';
import type { ImportTables } from './schema/imports.ts';
import type { PolicyTables } from './schema/policies.ts';
import type { ServiceTables } from './schema/service.ts';
import type { SegmentationTables } from './schema/segmentation.ts';

/** Table types for Kysely; one interface per table, columns in snake_case as in the migrations. */
export type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
export type NullableTimestamp = ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;

export interface OrgUnitTable {
  id: string;
  parent_id: string | null;
  level: 'hq' | 'province' | 'city' | 'outlet';
  code: string;
  name: string;
  path: string;
  status: Generated<'active' | 'closed'>;
  created_at: Timestamp;
  updated_at: Timestamp;
  version: Generated<number>;
}

export interface StaffTable {
  id: string;
  org_unit_id: string;
  username: string;
  display_name: string;
  email: string | null;
  mobile: string | null;
  roles: string[];
  password_hash: string;
  must_change_password: Generated<boolean>;
  password_changed_at: NullableTimestamp;
  status: Generated<'active' | 'disabled'>;
  failed_login_count: Generated<number>;
  locked_until: NullableTimestamp;
  last_login_at: NullableTimestamp;
  locale: Generated<'zh-CN' | 'en-US'>;
  licence_no: string | null;
  licence_valid_from: string | null;
  licence_valid_to: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
  version: Generated<number>;
}

export interface SessionTable {
  id: string;
  token_hash: string;
  staff_id: string;
  created_at: Timestamp;
  last_seen_at: Timestamp;
  expires_at: Timestamp;
  revoked_at: NullableTimestamp;
  ip: string | null;
  user_agent: string | null;
}

export interface ApiKeyTable {
  id: string;
  name: string;
  prefix: string;
  secret_hash: string;
  scopes: string[];
  org_unit_id: string;
  created_by: string;
  created_at: Timestamp;
  expires_at: NullableTimestamp;
  last_used_at: NullableTimestamp;
  revoked_at: NullableTimestamp;
}

export interface IdempotencyRecordTable {
  principal: string;
  key: string;
  method: string;
  path: string;
  request_hash: string;
  status_code: number | null;
  response_body: string | null;
  response_type: string | null;
  created_at: Timestamp;
  completed_at: NullableTimestamp;
}

export interface AuditEventTable {
  seq: number;
  id: string;
  at: ColumnType<Date, Date, never>;
  actor_id: string | null;
  actor_name: string | null;
  actor_org_unit_id: string | null;
  action: string;
  entity_type: string;
  entity_id: string | null;
  customer_id: string | null;
  purpose: string | null;
  request_id: string | null;
  data: ColumnType<Record<string, unknown>, string, never>;
  prev_hash: string;
  hash: string;
}

/**
 * Every table. Each slice keeps its table types in `schema/<slice>.ts` and its DDL in a numbered
 * migration; this interface joins them.
 */
export interface DB extends CustomerTables, PolicyTables, ImportTables, ClaimTables, PortalTables, ComplaintTables, ServiceTables, SegmentationTables {
  org_unit: OrgUnitTable;
  staff: StaffTable;
  session: SessionTable;
  api_key: ApiKeyTable;
  idempotency_record: IdempotencyRecordTable;
  audit_event: AuditEventTable;
}
