/** Public API of the messages module: the message outbox with channel adapters, templates, consent, quiet hours and the frequency cap; the development inbox. */
export { messageRoutes, type MessageRouteOptions } from './messages.routes.ts';
export { queueMessage, deliverDueMessages, type QueueMessageInput, type DeliveryTally } from './message.service.ts';
export { messageAdapters, developmentAdapter, smtpAdapter, quietHoursEnd, type ChannelAdapter, type MessageAdapters, type MessageSettings } from './message-delivery.ts';
export { isMessageTemplate, type MessageTemplateCode } from './message-templates.ts';
