import type { TRole, TStaff } from '@anxin/contracts';
import { maskEmail, maskMobile } from '../../platform/crypto/masking.ts';
import type { StaffRow } from './staff.repository.ts';

/** Whitelists staff fields; contact data is masked unless `unmasked` (an audited read with a purpose). */
export function presentStaff(row: StaffRow, options: { unmasked?: boolean } = {}): TStaff {
  return {
    id: row.id,
    username: row.username,
    displayName: row.display_name,
    orgUnitId: row.org_unit_id,
    orgUnitName: row.org_unit_name,
    orgUnitLevel: row.org_unit_level,
    roles: row.roles as TRole[],
    email: options.unmasked ? row.email : maskEmail(row.email),
    mobile: options.unmasked ? row.mobile : maskMobile(row.mobile),
    status: row.status,
    locked: row.locked_until !== null && row.locked_until.getTime() > Date.now(),
    mustChangePassword: row.must_change_password,
    licence:
      row.licence_no && row.licence_valid_from && row.licence_valid_to
        ? { number: row.licence_no, validFrom: row.licence_valid_from, validTo: row.licence_valid_to }
        : null,
    lastLoginAt: row.last_login_at?.toISOString() ?? null,
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
    version: row.version,
  };
}
