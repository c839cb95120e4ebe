import type { TAuditAction, TAuditEvent } from '@anxin/contracts';
import type { AuditRow } from './audit.repository.ts';

/** What the trail names besides ids: numbers of the records and the customers' masked names. */
export interface AuditLabels {
  entities: ReadonlyMap<string, string>;
  customers: ReadonlyMap<string, string>;
}

export function presentAuditEvent(row: AuditRow, labels?: AuditLabels): TAuditEvent {
  return {
    seq: row.seq,
    at: row.at.toISOString(),
    actorId: row.actor_id,
    actorName: row.actor_name,
    actorOrgUnitId: row.actor_org_unit_id,
    action: row.action as TAuditAction,
    entityType: row.entity_type,
    entityId: row.entity_id,
    entityLabel: (row.entity_id && labels?.entities.get(row.entity_id)) ?? null,
    customerId: row.customer_id,
    customerName: (row.customer_id && labels?.customers.get(row.customer_id)) ?? null,
    purpose: row.purpose,
    requestId: row.request_id,
    data: row.data,
    hash: row.hash,
  };
}
