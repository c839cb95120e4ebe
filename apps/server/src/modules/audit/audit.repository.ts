import type { TAuditQuery } from '@anxin/contracts';
import { sql } from 'kysely';
import { PREPARED, type Db, type Executor, type Tx } from '../../platform/db/database.ts';
import type { AuditEventTable } from '../../platform/db/schema.ts';
import { GENESIS_HASH, chainHash, type ChainedFields } from './audit-chain.ts';

/** Advisory-lock id that serialises appends, so each event links to exactly one predecessor. */
const AUDIT_CHAIN_LOCK = 724_611_002;

export type AuditRow = { [K in keyof AuditEventTable]: AuditEventTable[K] extends { __select__: infer S } ? S : AuditEventTable[K] };

/** Rows per INSERT: the audit_event row has 15 columns, well under PostgreSQL's 65,535 parameters. */
const INSERT_CHUNK = 1_000;

/** Appends one event to the chain inside the caller's transaction. */
export async function appendAuditEvent(tx: Tx, fields: Omit<ChainedFields, 'seq'>): Promise<ChainHead> {
  return (await appendAuditEvents(tx, [fields]))[0]!;
}

/** The last link of the chain: the event a new one follows. */
export interface ChainHead {
  seq: number;
  hash: string;
}

/**
 * Appends events to the chain, in the given order, inside the caller's transaction: the lock is
 * taken and the last link read once, each event is linked to the one before it, and the rows are
 * written with multi-row inserts.
 */
export async function appendAuditEvents(tx: Tx, events: readonly Omit<ChainedFields, 'seq'>[]): Promise<ChainHead[]> {
  if (events.length === 0) return [];
  await sql`SELECT pg_advisory_xact_lock(${AUDIT_CHAIN_LOCK}) ${PREPARED}`.execute(tx);
  const last = await tx.selectFrom('audit_event').select(['seq', 'hash']).orderBy('seq', 'desc').limit(1).modifyEnd(PREPARED).executeTakeFirst();
  const { rows, links } = linkEvents(last ?? { seq: 0, hash: GENESIS_HASH }, events);
  for (let i = 0; i < rows.length; i += INSERT_CHUNK) await tx.insertInto('audit_event').values(rows.slice(i, i + INSERT_CHUNK)).execute();
  return links;
}

/**
 * Appends events after `head` — the last link as this process knows it — in one statement of its
 * own transaction (so `db` is not a transaction), without reading the chain: the statement takes the chain lock, so it is ordered
 * with every other append, and if anyone appended after `head` meanwhile, event `head.seq + 1`
 * exists and the primary key refuses the whole statement. Returns null then (nothing was written;
 * the caller appends the locked way, which reads the true last link).
 */
export async function appendAuditEventsAfter(db: Db, head: ChainHead, events: readonly Omit<ChainedFields, 'seq'>[]): Promise<ChainHead[] | null> {
  if (events.length === 0) return [];
  const { rows, links } = linkEvents(head, events);
  const values = rows.map(
    (r) =>
      sql`(${r.seq}::bigint, ${r.id}::uuid, ${r.at}::timestamptz, ${r.actor_id}::text, ${r.actor_name}::text, ${r.actor_org_unit_id}::uuid, ${r.action}::text, ${r.entity_type}::text, ${r.entity_id}::text, ${r.customer_id}::uuid, ${r.purpose}::text, ${r.request_id}::text, ${r.data}::jsonb, ${r.prev_hash}::text, ${r.hash}::text)`,
  );
  try {
    // The lock is the join's other side: taken before the first row is inserted, held to the commit.
    await sql`WITH chain_lock AS MATERIALIZED (SELECT pg_advisory_xact_lock(${AUDIT_CHAIN_LOCK}))
      INSERT INTO audit_event (seq, id, at, actor_id, actor_name, actor_org_unit_id, action, entity_type, entity_id, customer_id, purpose, request_id, data, prev_hash, hash)
      SELECT v.* FROM chain_lock CROSS JOIN (VALUES ${sql.join(values)}) AS v (seq, id, at, actor_id, actor_name, actor_org_unit_id, action, entity_type, entity_id, customer_id, purpose, request_id, data, prev_hash, hash)
      ${PREPARED}`.execute(db);
  } catch (error) {
    if ((error as { code?: unknown }).code === '23505') return null;
    throw error;
  }
  return links;
}

/** Links each event to the one before it, starting after `head`: the rows to insert and their links. */
function linkEvents(head: ChainHead, events: readonly Omit<ChainedFields, 'seq'>[]) {
  let { seq, hash: prevHash } = head;
  const links: ChainHead[] = [];
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
  return { rows, links };
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
