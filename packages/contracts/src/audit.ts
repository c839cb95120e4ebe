import { z } from 'zod';
import { ZId, ZInstant, ZJobRun, ZPage, ZPageQuery } from './common.ts';

/**
 * The closed catalogue of audit actions. Each names a business event; later modules add theirs here.
 */
export const AUDIT_ACTIONS = [
  /** A staff member logged in. */
  'auth.login',
  /** A login attempt failed (wrong password, locked or disabled account). */
  'auth.login_failed',
  /** A staff member logged out. */
  'auth.logout',
  /** A staff member changed their own password. */
  'auth.password_changed',
  /** An API key was created. */
  'api_key.created',
  /** An API key was revoked. */
  'api_key.revoked',
  /** An org unit was created. */
  'org_unit.created',
  /** An org unit was renamed or closed. */
  'org_unit.updated',
  /** A staff account was created. */
  'staff.created',
  /** A staff account was changed (roles, unit, contact, licence, status). */
  'staff.updated',
  /** An administrator reset a staff member's password. */
  'staff.password_reset',
  /** Unmasked personal data of a staff member was read. */
  'staff.viewed',
  /** A customer was created. */
  'customer.created',
  /** A customer's profile, contacts, tier, owner or attributes changed. */
  'customer.updated',
  /** Sensitive customer data (ID number, health notes, bank account) was read unmasked, with a purpose. */
  'customer.unmasked',
  /** A customer's 360° view was opened (a read of personal data). */
  'customer.viewed',
  /** A relationship between two customers was added or removed. */
  'customer.relationship_changed',
  /** A consent was granted or withdrawn. */
  'consent.changed',
  /** An interaction (touchpoint) was logged. */
  'interaction.logged',
  /** A custom attribute definition was created or changed. */
  'customer_attribute.defined',
  /** A product was created or changed. */
  'product.changed',
  /** A policy was entered. */
  'policy.created',
  /** A policy's status or data changed. */
  'policy.updated',
  /** An endorsement (保全) was recorded on a policy. */
  'policy.endorsed',
  /** An application was decided by underwriting (issued or declined). */
  'policy.underwritten',
  /** A policy's underwriting decisions (their exclusions and reasons, which may name an illness) were read. */
  'policy.underwriting_viewed',
  /** A claim was reported (报案). */
  'claim.reported',
  /** A claim moved along its workflow, was assigned, adjusted, approved, denied or flagged. */
  'claim.updated',
  /** A claim payment (advance, partial, final) was recorded. */
  'claim.paid',
  /** A claim document was uploaded. */
  'claim.document_added',
  /** A claim setting or clock rule was changed (before and after in the entry). */
  'claim.settings_changed',
  /** A one-time portal login code was requested and queued to the customer's mobile. */
  'portal.code_sent',
  /** A customer logged in to the portal (policy number, ID number, one-time code). */
  'portal.login',
  /** A portal identification or code check failed. */
  'portal.login_failed',
  /** A customer logged out of the portal. */
  'portal.logout',
  /** A customer read their own claims or a claim's progress in the portal. */
  'portal.claims_read',
  /** A customer read one of their own complaints in the portal. */
  'portal.complaint_read',
  /** Staff read the development message inbox (queued messages, one-time codes). */
  'outbox.read',
  /** A complaint was registered. */
  'complaint.created',
  /** A complaint moved along the procedure (a record was written), was transferred, escalated, extended, closed or reopened. */
  'complaint.updated',
  /** A corrective action (纠改措施) was created, completed, verified, rejected or escalated when overdue. */
  'corrective_action.changed',
  /** A complaint's details (the customer's own words, the records) were read. */
  'complaint.viewed',
  /** A task was created, started, completed, cancelled, reassigned or escalated. */
  'task.changed',
  /** A follow-up visit was scheduled or an attempt's outcome recorded. */
  'visit.changed',
  /** A survey was sent to a customer (tokenised link). */
  'survey.sent',
  /** A customer answered a survey through its link. */
  'survey.answered',
  /** A survey template was created or changed. */
  'survey_template.changed',
  /** An automation rule was switched on or off or its parameters changed. */
  'automation_rule.changed',
  /** An automation rule fired for a customer (what it did is in the run record). */
  'automation.fired',
  /** A message to a customer was queued, sent, deferred, suppressed or failed. */
  'message.changed',
  /** The message log (recipients, rendered text) was read. */
  'message.read',
  /** A health reading (encrypted) was received from a health-data feed. */
  'health_reading.recorded',
  /** Loyalty points were awarded or a referral was recorded. */
  'loyalty.changed',
  /** The segmentation batch ran (metrics, segments, tags, tiers, alerts), with counts. */
  'segmentation.run',
  'segmentation.run_requested',
  /** A tag rule, tier rule or segmentation setting was created or changed. */
  'segmentation_rule.changed',
  /** A saved segment was created, changed or deleted. */
  'segment.changed',
  /** A segment's members were exported (masked). */
  'segment.exported',
  /** Customers were clustered, or a cluster was renamed. */
  'cluster.changed',
  /** A model was trained, activated or scored. */
  'model.changed',
  /** Model scores (ranked customers) were read or exported. */
  'model.scores_read',
  /** A risk alert was opened, assigned, reviewed or closed. */
  'risk_alert.changed',
  /** The blacklist was looked up (a list, or a customer's entries). */
  'blacklist.viewed',
  /** A blacklist entry was requested, approved, rejected or lifted. */
  'blacklist.changed',
  /** An import was run (dry run or commit), with row counts. */
  'import.run',
  /** A list of customers or policies was exported (masked), with the filter and row count. */
  'export.created',
  /** The audit trail itself was searched. */
  'audit.searched',
  'audit.verify_requested',
  /** The first administrator or the demo data was created at start. */
  'system.bootstrapped',
] as const;
export const ZAuditAction = z.enum(AUDIT_ACTIONS);
export type TAuditAction = z.infer<typeof ZAuditAction>;

/** One row of the append-only, hash-chained audit trail. */
export const ZAuditEvent = z
  .object({
    seq: z.number().int(),
    at: ZInstant,
    actorId: z.string().nullable(),
    actorName: z.string().nullable(),
    actorOrgUnitId: z.string().nullable(),
    action: ZAuditAction,
    entityType: z.string(),
    entityId: z.string().nullable(),
    /** What the entity is called (a complaint, claim or policy number); null when it has no number. */
    entityLabel: z.string().nullable().optional(),
    customerId: z.string().nullable(),
    /** The customer's name, masked (张**). */
    customerName: z.string().nullable().optional(),
    purpose: z.string().nullable(),
    requestId: z.string().nullable(),
    data: z.record(z.string(), z.unknown()),
    hash: z.string(),
  })
  .meta({ id: 'AuditEvent' });
export type TAuditEvent = z.infer<typeof ZAuditEvent>;

export const ZAuditQuery = ZPageQuery.extend({
  action: ZAuditAction.optional(),
  actorId: ZId.optional(),
  entityType: z.string().max(50).optional(),
  entityId: z.string().max(100).optional(),
  customerId: ZId.optional(),
  from: ZInstant.optional(),
  to: ZInstant.optional(),
});
export type TAuditQuery = z.infer<typeof ZAuditQuery>;

export const ZAuditPage = ZPage(ZAuditEvent);
export type TAuditPage = z.infer<typeof ZAuditPage>;

/** Result of walking the hash chain. */
export const ZAuditVerifyResult = z.object({
  ok: z.boolean(),
  checked: z.number().int(),
  /** The first sequence number whose link is broken, if any. */
  brokenAt: z.number().int().nullable(),
  reason: z.string().nullable(),
});
export type TAuditVerifyResult = z.infer<typeof ZAuditVerifyResult>;

/** A walk of the chain as a job (`POST /audit-events/verifications`): polled until `done` (its result) or `failed`. */
export const ZAuditVerification = ZJobRun.extend({ result: ZAuditVerifyResult.nullable() });
export type TAuditVerification = z.infer<typeof ZAuditVerification>;
export const ZAuditVerificationList = z.object({ items: z.array(ZAuditVerification) });
