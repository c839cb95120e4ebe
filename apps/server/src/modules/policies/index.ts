/** Public API of the policies module (policies, parties, endorsements, renewals, the 360 policies section). */
export { policyRoutes } from './policy.routes.ts';
export { policiesSection } from './policies-section.ts';
