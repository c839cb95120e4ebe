/** Public API of the audit module: other modules record events through here. */
export { recordAuditEvent, recordAuditEvents, recordStandaloneAuditEvent, verifyAuditChain, type AuditEntry } from './audit.service.ts';
export { auditRoutes } from './audit.routes.ts';
export { AUDIT_VERIFY_JOB } from './audit-verification.ts';
