import { hasPermission, type Actor } from '../../platform/actor.ts';
import type { ComplaintScope } from './complaint.repository.ts';

// Order of checks (docs/api.md): the permission first (403), then the data scope, enforced in SQL (404).
export const mayReadComplaints = (actor: Actor) => hasPermission(actor, 'complaint:read');
export const mayRegisterComplaints = (actor: Actor) => hasPermission(actor, 'complaint:register');
export const mayHandleComplaints = (actor: Actor) => hasPermission(actor, 'complaint:handle');
export const mayApproveComplaints = (actor: Actor) => hasPermission(actor, 'complaint:approve');

/** A unit sees the complaints it handles and those of customers it serves, in its subtree; HQ sees all. */
export const complaintScopeOf = (actor: Actor): ComplaintScope => ({ orgPath: actor.orgPath });
