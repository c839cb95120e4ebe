import { hasPermission, type Actor } from '../../platform/actor.ts';

// Order of checks (docs/api.md): the permission first (403), then the data scope, enforced in SQL (404).
export const mayReadService = (actor: Actor) => hasPermission(actor, 'service:read');
export const mayWorkService = (actor: Actor) => hasPermission(actor, 'service:work');
export const mayManageService = (actor: Actor) => hasPermission(actor, 'service:manage');
