/** Public API of the policies module (policies, parties, endorsements, renewals, the 360 policies section). */
export { policyRoutes } from './policy.routes.ts';
export { policiesSection, policyNumberLookup } from './policies-section.ts';
export { createPolicy, createPolicies, updatePolicy, changePolicyStatus, getPolicy, listPolicies, findPolicyIdByNumber, findPolicyNumbersTaken, findPolicyForClaim } from './policy.service.ts';
export { recordEndorsement } from './endorsement.service.ts';
export { expireEndedPolicies } from './policy-expiry.ts';
export { presentPolicy, presentPolicySummary } from './policy.presenter.ts';
export type { PolicyRow } from './policy.repository.ts';
// Bulk loading (demo data, benchmarks).
export { insertPolicies, insertParties, insertEndorsements, reservePolicyNumbers } from './policy.repository.ts';
export { addDays, addMonths } from './policy-dates.ts';
export { findPolicyByNumberForPortal, listPolicyPartyIds, listPortalPolicies } from './policy-portal.ts';
