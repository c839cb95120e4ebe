import { hasPermission, type Actor } from '../../platform/actor.ts';

// Order of checks (docs/api.md): the permission first (403 whatever the target), then the data
// scope, enforced in the SQL query (404 for a policy outside it; see policy.repository.ts).

/** May the actor read policies (in its data scope)? */
export const mayReadPolicies = (actor: Actor) => hasPermission(actor, 'policy:read');

/** May the actor enter and change policies and record endorsements? */
export const mayWritePolicies = (actor: Actor) => hasPermission(actor, 'policy:write');

/** May the actor work the underwriting queue and decide applications? */
export const mayUnderwrite = (actor: Actor) => hasPermission(actor, 'underwriting:decide');

/**
 * Which policies an actor sees: those whose org unit lies in its subtree; a pure agent (no managing
 * role) only the policies it sold (agent) or whose policyholder it owns (the customer's owner agent),
 * so an agent who takes over a book sees the policies of the customers handed over.
 */
export interface PolicyScope {
  orgPath: string;
  agentId: string | null;
}

export const policyScopeOf = (actor: Actor): PolicyScope => ({ orgPath: actor.orgPath, agentId: actor.ownRecordsOnly ? actor.id : null });
