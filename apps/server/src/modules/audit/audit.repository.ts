import type { TAuditQuery } from '@anxin/contracts';
import { sql } from 'kysely';
import { PREPARED, type Executor, type Tx } from '../../platform/db/database.ts';
import type { AuditEventTable } from '../../platform/db/schema.ts';
import { GENESIS_HASH, chainHash, type ChainedFields } from './audit-chain.ts';

/** Advisory-lock id that serialises appends, so each event links to exactly one predecessor. */
const AUDIT_CHAIN_LOCK = 724_611_002;

export type AuditRow = { [K in keyof AuditEventTable]: AuditEventTable[K] extends { __select__: infer S } ? S : AuditEventTable[K] };

/** Rows per INSERT: the audit_event row has 15 columns, well under PostgreSQL's 65,535 parameters. */
const INSERT_CHUNK = 1_000;

/** Appends one event to the chain inside the caller's transaction. */
export async function appendAuditEvent(tx: Tx, fields: Omit<ChainedFields, 'seq'>): Promise<{ seq: number; hash: string }> {
  return (await appendAuditEvents(tx, [fields]))[0]!;
}

/**
 * Appends events to the chain, in the given order, inside the caller's transaction: the lock is
 * taken and the last link read once, each event is linked to the one before it, and the rows are
 * written with multi-row inserts.
 */
export async function appendAuditEvents(tx: Tx, events: readonly Omit<ChainedFields, 'seq'>[]): Promise<{ seq: number; hash: string }[]> {
  if (events.length === 0) return [];
  await sql`SELECT pg_advisory_xact_lock(${AUDIT_CHAIN_LOCK}) ${PREPARED}`.execute(tx);
  const last = await tx.selectFrom('audit_event').select(['seq', 'hash']).orderBy('seq', 'desc').limit(1).modifyEnd(PREPARED).executeTakeFirst();
  let seq = last?.seq ?? 0;
  let prevHash = last?.hash ?? GENESIS_HASH;
  const links: { seq: number; hash: string }[] = [];
  const rows = events.map((fields) => {
    seq += 1;
    const hash = chainHash(prevHash, { ...fields, seq });
    const row = {
      seq,
      id: fields.id,
      at: fields.at,
      actor_id: fields.actorId,
      actor_name: fields.actorName,
      actor_org_unit_id: fields.actorOrgUnitId,
      action: fields.action,
      entity_type: fields.entityType,
      entity_id: fields.entityId,
      customer_id: fields.customerId,
      purpose: fields.purpose,
      request_id: fields.requestId,
      data: JSON.stringify(fields.data ?? {}),
      prev_hash: prevHash,
      hash,
    };
    links.push({ seq, hash });
    prevHash = hash;
    return row;
  });
  for (let i = 0; i < rows.length; i += INSERT_CHUNK) await tx.insertInto('audit_event').values(rows.slice(i, i + INSERT_CHUNK)).execute();
  return links;
}

/** A page of events, newest first, limited to events by actors in `orgPath`'s subtree (HQ also sees system events). */
export async function findAuditEvents(db: Executor, query: TAuditQuery, scope: { orgPath: string; includeSystem: boolean }) {
  let q = db.selectFrom('audit_event as e').leftJoin('org_unit as o', 'o.id', 'e.actor_org_unit_id');
  q = q.where((eb) =>
    scope.includeSystem
      ? eb.or([eb('o.path', 'like', `${scope.orgPath}%`), eb('e.actor_org_unit_id', 'is', null)])
      : eb('o.path', 'like', `${scope.orgPath}%`),
  );
  if (query.action) q = q.where('e.action', '=', query.action);
  if (query.actorId) q = q.where('e.actor_id', '=', query.actorId);
  if (query.entityType) q = q.where('e.entity_type', '=', query.entityType);
  if (query.entityId) q = q.where('e.entity_id', '=', query.entityId);
  if (query.customerId) q = q.where('e.customer_id', '=', query.customerId);
  if (query.from) q = q.where('e.at', '>=', new Date(query.from));
  if (query.to) q = q.where('e.at', '<', new Date(query.to));
  const [{ total }] = (await q.select((eb) => eb.fn.countAll<number>().as('total')).execute()) as [{ total: number }];
  const rows = await q
    .selectAll('e')
    .orderBy('e.seq', 'desc')
    .limit(query.pageSize)
    .offset((query.page - 1) * query.pageSize)
    .execute();
  return { total: Number(total), rows };
}

/** Reads the chain in seq order, in batches, for verification. */
export async function readChainBatch(db: Executor, afterSeq: number, limit: number) {
  return db.selectFrom('audit_event').selectAll().where('seq', '>', afterSeq).orderBy('seq', 'asc').limit(limit).execute();
}
