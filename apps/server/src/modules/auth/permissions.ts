import type { TRole } from '@anxin/contracts';
import { PERMISSIONS, type Permission } from '../../platform/actor.ts';

/** Every role that serves customers reads customers, products and policies (within its data scope). */
const CUSTOMER_READ: readonly Permission[] = ['customer:read', 'product:read', 'policy:read'];

/**
 * What each role may do. Later modules add their permissions here (e.g. `claims:adjust` for
 * claims adjusters). Data scope (which org subtree) is separate: it comes from the staff's unit.
 */
export const ROLE_PERMISSIONS: Record<TRole, readonly Permission[]> = {
  admin: PERMISSIONS,
  branch_manager: ['org:read', 'staff:read', 'staff:unmask', ...CUSTOMER_READ, 'customer:write', 'customer:unmask', 'customer:import', 'customer:export', 'policy:write', 'underwriting:decide', 'claim:read', 'claim:report', 'claim:approve', 'complaint:read', 'complaint:register', 'complaint:handle', 'complaint:approve', 'service:read', 'service:work', 'segment:read', 'risk_alert:read', 'risk_alert:work', 'blacklist:read', 'blacklist:request', 'blacklist:approve'],
  compliance_auditor: ['org:read', 'staff:read', 'audit:read', ...CUSTOMER_READ, 'customer:unmask', 'claim:read', 'complaint:read', 'service:read', 'segment:read', 'risk_alert:read', 'blacklist:read'],
  analyst: ['org:read', ...CUSTOMER_READ, 'customer:export', 'claim:read', 'complaint:read', 'service:read', 'segment:read', 'segment:analyse', 'risk_alert:read'],
  agent: ['org:read', ...CUSTOMER_READ, 'customer:write', 'customer:unmask', 'policy:write', 'claim:read', 'claim:report', 'service:read', 'service:work'],
  csr: ['org:read', ...CUSTOMER_READ, 'customer:write', 'customer:unmask', 'customer:import', 'policy:write', 'claim:read', 'claim:report', 'complaint:read', 'complaint:register', 'service:read', 'service:work'],
  underwriter: ['org:read', ...CUSTOMER_READ, 'customer:unmask', 'underwriting:decide', 'segment:read', 'risk_alert:read', 'risk_alert:work', 'blacklist:read', 'blacklist:request'],
  claims_adjuster: ['org:read', ...CUSTOMER_READ, 'customer:unmask', 'claim:read', 'claim:report', 'claim:handle', 'claim:approve', 'service:read', 'service:work', 'risk_alert:read', 'risk_alert:work', 'blacklist:read', 'blacklist:request'],
  complaint_handler: ['org:read', ...CUSTOMER_READ, 'customer:write', 'customer:unmask', 'claim:read', 'complaint:read', 'complaint:register', 'complaint:handle', 'service:read', 'service:work', 'blacklist:read', 'blacklist:request'],
};

export function permissionsOf(roles: readonly TRole[]): Set<Permission> {
  return new Set(roles.flatMap((r) => ROLE_PERMISSIONS[r] ?? []));
}

/** An agent with no other role sees only the customers they own (issue: data scope). */
export const seesOwnRecordsOnly = (roles: readonly TRole[]) => roles.length > 0 && roles.every((r) => r === 'agent');
