import { hasPermission, type Actor } from '../../platform/actor.ts';

// The product catalogue is company-wide reference data: no data scope, only permissions.

/** May the actor read the product catalogue? */
export const mayReadProducts = (actor: Actor) => hasPermission(actor, 'product:read');

/** May the actor create and change products? */
export const mayManageProducts = (actor: Actor) => hasPermission(actor, 'product:manage');
