// Table types of the customer portal; DDL in migrations/0006_portal.sql.
import type { ColumnType, Generated } from 'kysely';

type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type NullableTimestamp = ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;

export interface PortalLoginChallengeTable {
  customer_id: string;
  id: string;
  policy_id: string;
  contact_id: string;
  code_hash: string;
  attempts: Generated<number>;
  expires_at: Timestamp;
  consumed_at: NullableTimestamp;
  ip: string | null;
  created_at: Timestamp;
}

export interface PortalSessionTable {
  customer_id: string;
  id: string;
  token_hash: string;
  expires_at: Timestamp;
  last_seen_at: Timestamp;
  revoked_at: NullableTimestamp;
  ip: string | null;
  user_agent: string | null;
  created_at: Timestamp;
}

export interface PortalTables {
  portal_login_challenge: PortalLoginChallengeTable;
  portal_session: PortalSessionTable;
}
