import type { Insertable } from 'kysely';
import { sql } from 'kysely';
import { compileOnce } from '../../platform/db/compiled.ts';
import { PREPARED, type Executor } from '../../platform/db/database.ts';
import type { InteractionTable } from '../../platform/db/schema/customers.ts';

export type InteractionRow = Awaited<ReturnType<typeof listInteractions>>[number];

export async function insertInteractions(db: Executor, rows: Insertable<InteractionTable>[]) {
  if (rows.length > 0) await db.insertInto('interaction').values(rows).execute();
}

/** The timeline newest first, keyset by (occurred_at, id); staff names from the staff table when known. */
export async function listInteractions(db: Executor, customerId: string, limit: number, options: { channel?: string; after?: { at: string; id: string } } = {}) {
  return interactionPage(db, { customerId, take: limit + 1, channel: options.channel, afterAt: options.after?.at, afterId: options.after?.id });
}

const interactionPage = compileOnce((db, v: InteractionPageValues) => selectInteractions(db, v).modifyEnd(PREPARED));

type InteractionPageValues = { customerId: string; take: number; channel?: string | undefined; afterAt?: string | undefined; afterId?: string | undefined };

/** A page of the timeline: `take` rows from the cursor, newest first (the 360 view reads the first as a JSON column). */
export function selectInteractions(db: Executor, v: InteractionPageValues) {
  let q = db
    .selectFrom('interaction as i')
    .leftJoin('staff as s', 's.id', 'i.staff_id')
    .select(['i.id', 'i.customer_id', 'i.channel', 'i.direction', 'i.staff_id', 'i.occurred_at', 'i.summary', 'i.policy_id', 'i.claim_id', 'i.complaint_id', 'i.created_at'])
    .select((eb) => eb.fn.coalesce('s.display_name', 'i.staff_name').as('staff_name'))
    .where('i.customer_id', '=', v.customerId);
  if (v.channel !== undefined) q = q.where('i.channel', '=', v.channel);
  if (v.afterAt !== undefined) q = q.where(sql<boolean>`(i.occurred_at, i.id) < (${v.afterAt}::timestamptz, ${v.afterId}::uuid)`);
  return q.orderBy('i.occurred_at', 'desc').orderBy('i.id', 'desc').limit(v.take);
}

export async function findInteraction(db: Executor, customerId: string, id: string) {
  return (await listInteractionsById(db, customerId, id))[0];
}

async function listInteractionsById(db: Executor, customerId: string, id: string) {
  return db
    .selectFrom('interaction as i')
    .leftJoin('staff as s', 's.id', 'i.staff_id')
    .select(['i.id', 'i.customer_id', 'i.channel', 'i.direction', 'i.staff_id', 'i.occurred_at', 'i.summary', 'i.policy_id', 'i.claim_id', 'i.complaint_id', 'i.created_at'])
    .select((eb) => eb.fn.coalesce('s.display_name', 'i.staff_name').as('staff_name'))
    .where('i.customer_id', '=', customerId)
    .where('i.id', '=', id)
    .execute();
}
