import type { TRole } from '@anxin/contracts';
import { PERMISSIONS, type Permission } from '../../platform/actor.ts';

/**
 * What each role may do. Later modules add their permissions here (e.g. `claims:adjust` for
 * claims adjusters). Data scope (which org subtree) is separate: it comes from the staff's unit.
 */
export const ROLE_PERMISSIONS: Record<TRole, readonly Permission[]> = {
  admin: PERMISSIONS,
  branch_manager: ['org:read', 'staff:read', 'staff:unmask'],
  compliance_auditor: ['org:read', 'staff:read', 'audit:read'],
  analyst: ['org:read'],
  agent: ['org:read'],
  csr: ['org:read'],
  underwriter: ['org:read'],
  claims_adjuster: ['org:read'],
  complaint_handler: ['org:read'],
};

export function permissionsOf(roles: readonly TRole[]): Set<Permission> {
  return new Set(roles.flatMap((r) => ROLE_PERMISSIONS[r] ?? []));
}

/** An agent with no other role sees only the customers they own (issue: data scope). */
export const seesOwnRecordsOnly = (roles: readonly TRole[]) => roles.length > 0 && roles.every((r) => r === 'agent');
