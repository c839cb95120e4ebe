import { hasPermission, type Actor } from '../../platform/actor.ts';

/** Audit-trail readers: administrators and compliance auditors (permission `audit:read`), within their subtree. */
export const canReadAudit = (actor: Actor) => hasPermission(actor, 'audit:read');
