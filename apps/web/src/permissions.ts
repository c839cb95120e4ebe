import type { TMe } from '@anxin/contracts';

/**
 * Permissions the console checks to show or hide navigation and actions. The server decides
 * (roles → permissions in apps/server/src/modules/auth/permissions.ts); the console only hides what
 * would be refused anyway.
 */
export type Permission =
  | 'org:read'
  | 'org:manage'
  | 'staff:read'
  | 'staff:manage'
  | 'staff:unmask'
  | 'audit:read'
  | 'api_key:manage'
  | 'customer:read'
  | 'customer:write'
  | 'customer:unmask'
  | 'customer:import'
  | 'customer:export'
  | 'customer_attribute:manage'
  | 'product:read'
  | 'product:manage'
  | 'policy:read'
  | 'policy:write'
  | 'underwriting:decide'
  | 'claim:read'
  | 'claim:report'
  | 'claim:handle'
  | 'claim:approve'
  | 'claim_setting:manage'
  | 'complaint:read'
  | 'complaint:register'
  | 'complaint:handle'
  | 'complaint:approve'
  | 'outbox:read'
  | 'service:read'
  | 'service:work'
  | 'service:manage'
  | 'segment:read'
  | 'segment:analyse'
  | 'segment:manage'
  | 'risk_alert:read'
  | 'risk_alert:work'
  | 'blacklist:read'
  | 'blacklist:request'
  | 'blacklist:approve';

export const can = (me: Pick<TMe, 'permissions'> | undefined, permission: Permission): boolean => Boolean(me?.permissions.includes(permission));

/**
 * Whether the user picks colleagues for others (a customer's owner agent, a policy's agent): everyone
 * but an agent with no other role, who sees and sells only for themselves (the server's own-records
 * rule). The colleague directory behind the pickers is open to every staff member.
 */
export const picksColleagues = (me: Pick<TMe, 'roles'> | undefined): boolean => Boolean(me && !me.roles.every((r) => r === 'agent'));
