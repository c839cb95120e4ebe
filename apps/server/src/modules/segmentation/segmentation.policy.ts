import { hasPermission, type Actor } from '../../platform/actor.ts';

// Order of checks (docs/api.md): the permission first (403), then the data scope, enforced in SQL (404).
export const mayReadSegmentation = (actor: Actor) => hasPermission(actor, 'segment:read');
export const mayAnalyseSegmentation = (actor: Actor) => hasPermission(actor, 'segment:analyse');
export const mayManageSegmentation = (actor: Actor) => hasPermission(actor, 'segment:manage');
