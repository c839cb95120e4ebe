/** Public API of the customer portal module (identification by one-time code, portal sessions, the customer's own policies and claims). */
export { portalRoutes, type PortalRouteOptions } from './portal.routes.ts';
export { authenticatePortal, type PortalDeps } from './portal-auth.service.ts';
