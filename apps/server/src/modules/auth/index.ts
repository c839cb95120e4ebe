/** Public API of the auth module: login/sessions, API keys, and the authenticate hook for the app. */
export { authRoutes, type AuthRouteOptions } from './auth.routes.ts';
export { authenticate, actorFromStaff, type AuthSettings } from './auth.service.ts';
export { ROLE_PERMISSIONS, permissionsOf } from './permissions.ts';
