/** Public API of the messages module: for now the development inbox over the outbox (channel adapters come with the service-operations work). */
export { messageRoutes, type MessageRouteOptions } from './messages.routes.ts';
