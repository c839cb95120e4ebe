import { hasPermission, type Actor } from '../../platform/actor.ts';
import type { ComplaintRow, ComplaintScope } from './complaint.repository.ts';

// Order of checks (docs/api.md): the permission first (403), then the data scope, enforced in SQL (404).
export const mayReadComplaints = (actor: Actor) => hasPermission(actor, 'complaint:read');
export const mayRegisterComplaints = (actor: Actor) => hasPermission(actor, 'complaint:register');
export const mayHandleComplaints = (actor: Actor) => hasPermission(actor, 'complaint:handle');
export const mayApproveComplaints = (actor: Actor) => hasPermission(actor, 'complaint:approve');

/** The second extension (to 60 days) is approved by head office or a unit above the customer's home unit. */
export const approvesSecondExtension = (actor: Actor, complaint: Pick<ComplaintRow, 'home_path'>) =>
  mayApproveComplaints(actor) && (actor.orgLevel === 'hq' || (complaint.home_path.startsWith(actor.orgPath) && complaint.home_path !== actor.orgPath));

/** A unit sees the complaints it handles and those of customers it serves, in its subtree; HQ sees all. */
export const complaintScopeOf = (actor: Actor): ComplaintScope => ({ orgPath: actor.orgPath });
