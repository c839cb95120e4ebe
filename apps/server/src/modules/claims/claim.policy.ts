import { hasPermission, type Actor } from '../../platform/actor.ts';
import type { ClaimScope } from './claim.repository.ts';

// Order of checks (docs/api.md): the permission first (403), then the data scope, enforced in SQL (404).

export const mayReadClaims = (actor: Actor) => hasPermission(actor, 'claim:read');
export const mayReportClaims = (actor: Actor) => hasPermission(actor, 'claim:report');
export const mayHandleClaims = (actor: Actor) => hasPermission(actor, 'claim:handle');
export const mayApproveClaims = (actor: Actor) => hasPermission(actor, 'claim:approve');

/** Claims in the actor's org subtree; a pure agent only those on policies it sold or customers it owns. */
export const claimScopeOf = (actor: Actor): ClaimScope => ({ orgPath: actor.orgPath, agentId: actor.ownRecordsOnly ? actor.id : null });
