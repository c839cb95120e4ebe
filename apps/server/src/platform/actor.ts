import type { TOrgLevel, TRole } from '@anxin/contracts';

/** Permissions a caller may hold; roles map onto them (modules/auth/permissions.ts), API keys hold them as scopes. */
export const PERMISSIONS = [
  'org:read',
  'org:manage',
  'staff:read',
  'staff:manage',
  'staff:unmask',
  'audit:read',
  'api_key:manage',
  /** Read customers (masked), their contacts, household, consents, interactions and 360 view. */
  'customer:read',
  /** Create and change customers, contacts, relationships, consents; log interactions. */
  'customer:write',
  /** See sensitive customer fields unmasked (with a stated purpose; audited). */
  'customer:unmask',
  /** Import customers, relationships and policies from CSV/XLSX. */
  'customer:import',
  /** Export filtered customer and policy lists (masked; audited). */
  'customer:export',
  /** Define custom customer attributes (administrators). */
  'customer_attribute:manage',
  /** Read the product catalogue. */
  'product:read',
  /** Create and change products and coverages. */
  'product:manage',
  /** Read policies (in the caller's data scope). */
  'policy:read',
  /** Enter and change policies, record endorsements (保全). */
  'policy:write',
  /** Decide applications (pending policies): issue them at standard, preferential or conditional terms, or decline them. */
  'underwriting:decide',
  /** Read claims (in the caller's data scope), their documents, clocks and the overdue board. */
  'claim:read',
  /** Report a claim (报案) on behalf of a customer, or as a partner (API key scope). */
  'claim:report',
  /** Handle claims: register, assess, request documents, adjust, deny, record payments, assign. */
  'claim:handle',
  /** Approve claims (核赔) up to the role's authority. */
  'claim:approve',
  /** Change claim settings: clock rules per product line, fast track, approval authority. */
  'claim_setting:manage',
  /** Read complaints in the caller's scope (the units handling them or the customers' home units). */
  'complaint:read',
  /** Register a complaint received on any channel. */
  'complaint:register',
  /** Handle complaints: verify, register, transfer, escalate, decide, extend, record the response, close, reopen; the playbook. */
  'complaint:handle',
  /** Approve the second extension (to 60 days) as the higher-level institution or a head-office senior manager. */
  'complaint:approve',
  /** Read tasks, follow-up visits, surveys, satisfaction figures, automation runs and the message log (in scope). */
  'service:read',
  /** Work tasks and follow-up visits: create, start, complete, reassign; record visit outcomes; record referrals. */
  'service:work',
  /** Manage survey templates and automation rules; run due work by hand. */
  'service:manage',
  /** Read customer metrics, segments, clusters, tag and tier rules, models and the segmentation overview (in scope). */
  'segment:read',
  /** Analyse: save and export segments, run and name clusters, train, score and activate models. */
  'segment:analyse',
  /** Manage tag rules, tier rules and entitlements, alert and list settings; run the segmentation batch. */
  'segment:manage',
  /** Read risk alerts (multi-claim, high loss ratio) in scope. */
  'risk_alert:read',
  /** Work risk alerts: assign, review, close with a decision. */
  'risk_alert:work',
  /** Look up the blacklist (every look-up is audited). */
  'blacklist:read',
  /** Request that a customer be blacklisted, with reason and evidence. */
  'blacklist:request',
  /** Approve, reject or lift blacklist entries (not one's own request). */
  'blacklist:approve',
  /** Read the development message inbox (queued messages and one-time codes; administrators, never in production). */
  'outbox:read',
] as const;
export type Permission = (typeof PERMISSIONS)[number];

/**
 * Who is acting: passed first to every service function. Carries what authorization needs —
 * roles, permissions and the data scope (the org subtree the caller may see).
 */
export interface Actor {
  kind: 'staff' | 'api_key' | 'system' | 'customer';
  /** Staff id, API key id, 'system', or the customer's id (portal). */
  id: string;
  /** Username, API key name, 'system' or 'portal': who acted, for the audit trail and logs. */
  name: string;
  /** How people read who acted: the staff member's display name, the API key's name, 'system', 'portal'. Stored as the "by" of user-facing records. */
  displayName: string;
  roles: readonly TRole[];
  permissions: ReadonlySet<Permission>;
  /** The caller's org unit; its subtree is the data scope. */
  orgUnitId: string;
  /** Materialised path of the caller's unit: records under `orgPath%` are in scope. */
  orgPath: string;
  orgLevel: TOrgLevel;
  /** Agents without a managing role see only their own customers. */
  ownRecordsOnly: boolean;
  requestId?: string;
}

export const hasPermission = (actor: Actor, permission: Permission) => actor.permissions.has(permission);

/** The system itself (bootstrap, demo loader, jobs): every permission, HQ scope. */
export function systemActor(hq: { id: string; path: string }): Actor {
  return {
    kind: 'system',
    id: 'system',
    name: 'system',
    displayName: 'system',
    roles: [],
    permissions: new Set(PERMISSIONS),
    orgUnitId: hq.id,
    orgPath: hq.path,
    orgLevel: 'hq',
    ownRecordsOnly: false,
  };
}
