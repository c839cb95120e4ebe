import type { TApiKey, TApiKeyScope, TMe } from '@anxin/contracts';
import type { StaffRow } from '../org/index.ts';
import type { ApiKeyRow } from './api-key.repository.ts';
import { permissionsOf } from './permissions.ts';
import type { TRole } from '@anxin/contracts';

/** The signed-in user as the console needs it. */
export function presentMe(staff: StaffRow): TMe {
  const roles = staff.roles as TRole[];
  return {
    id: staff.id,
    username: staff.username,
    displayName: staff.display_name,
    roles,
    permissions: [...permissionsOf(roles)].sort(),
    orgUnitId: staff.org_unit_id,
    orgUnitName: staff.org_unit_name,
    orgUnitLevel: staff.org_unit_level,
    mustChangePassword: staff.must_change_password,
    locale: staff.locale,
  };
}

export function presentApiKey(row: ApiKeyRow): TApiKey {
  return {
    id: row.id,
    name: row.name,
    prefix: row.prefix,
    scopes: row.scopes as TApiKeyScope[],
    orgUnitId: row.org_unit_id,
    createdBy: row.created_by_name,
    createdAt: row.created_at.toISOString(),
    expiresAt: row.expires_at?.toISOString() ?? null,
    lastUsedAt: row.last_used_at?.toISOString() ?? null,
    revokedAt: row.revoked_at?.toISOString() ?? null,
  };
}
