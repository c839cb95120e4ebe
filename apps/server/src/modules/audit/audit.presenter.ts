import type { TAuditAction, TAuditEvent } from '@anxin/contracts';
import type { AuditRow } from './audit.repository.ts';

export function presentAuditEvent(row: AuditRow): TAuditEvent {
  return {
    seq: row.seq,
    at: row.at.toISOString(),
    actorId: row.actor_id,
    actorName: row.actor_name,
    actorOrgUnitId: row.actor_org_unit_id,
    action: row.action as TAuditAction,
    entityType: row.entity_type,
    entityId: row.entity_id,
    customerId: row.customer_id,
    purpose: row.purpose,
    requestId: row.request_id,
    data: row.data,
    hash: row.hash,
  };
}
