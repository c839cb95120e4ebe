/** Public API of the customers module (party, contacts, relationships, consents, attributes, interactions, 360). */
export type { Customer360Section, Customer360Figures } from './customer360-section.ts';
export { customerRoutes } from './customer.routes.ts';
