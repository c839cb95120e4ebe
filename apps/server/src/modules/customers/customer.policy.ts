import { hasPermission, type Actor } from '../../platform/actor.ts';

// Order of checks (docs/api.md): the permission first (403 whatever the target), then the data
// scope, enforced in the SQL query (404 for a customer outside it; see customer.repository.ts).

/** May the actor read customers (masked), their contacts, consents, interactions and 360 view? */
export const mayReadCustomers = (actor: Actor) => hasPermission(actor, 'customer:read');

/** May the actor create and change customers, contacts, relationships and consents, and log interactions? */
export const mayWriteCustomers = (actor: Actor) => hasPermission(actor, 'customer:write');

/** May the actor see sensitive customer fields unmasked (with a purpose)? */
export const mayUnmaskCustomers = (actor: Actor) => hasPermission(actor, 'customer:unmask');

/** May the actor define custom customer attributes? */
export const mayManageAttributes = (actor: Actor) => hasPermission(actor, 'customer_attribute:manage');

/** The part of the actor that decides which customers it sees: its org subtree, and its own book for pure agents. */
export interface CustomerScope {
  orgPath: string;
  ownerAgentId: string | null;
}

/** The data scope of customers for an actor: its subtree; pure agents only the customers they own. */
export const customerScopeOf = (actor: Actor): CustomerScope => ({ orgPath: actor.orgPath, ownerAgentId: actor.ownRecordsOnly ? actor.id : null });
