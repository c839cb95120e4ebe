import { createHash } from 'node:crypto';

/** The fields of an audit event that its hash covers, in a fixed order. */
export interface ChainedFields {
  seq: number;
  id: string;
  at: Date;
  actorId: string | null;
  actorName: string | null;
  actorOrgUnitId: string | null;
  action: string;
  entityType: string;
  entityId: string | null;
  customerId: string | null;
  purpose: string | null;
  requestId: string | null;
  data: unknown;
}

/** The hash a chain starts from. */
export const GENESIS_HASH = '0'.repeat(64);

/** JSON with object keys sorted at every depth, so the same data always hashes the same (jsonb reorders keys). */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
}

/** sha256(prev_hash ‖ canonical event): each event's hash seals the whole history before it. */
export function chainHash(prevHash: string, e: ChainedFields): string {
  const body = canonicalJson([
    e.seq,
    e.id,
    e.at.toISOString(),
    e.actorId,
    e.actorName,
    e.actorOrgUnitId,
    e.action,
    e.entityType,
    e.entityId,
    e.customerId,
    e.purpose,
    e.requestId,
    e.data,
  ]);
  return createHash('sha256').update(prevHash).update('\n').update(body).digest('hex');
}
