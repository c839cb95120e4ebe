import type { Insertable, Updateable } from 'kysely';
import { sql } from 'kysely';
import { PREPARED, type Executor } from '../../platform/db/database.ts';
import type { ContactPointTable } from '../../platform/db/schema/customers.ts';

const columns = ['customer_id', 'id', 'channel', 'value', 'value_normalised', 'verified', 'preferred', 'label', 'created_at', 'updated_at', 'version'] as const;
export type ContactRow = Awaited<ReturnType<typeof listContacts>>[number];

/** A customer's contacts: preferred first, then by channel and entry order. */
export async function listContacts(db: Executor, customerId: string) {
  return selectContacts(db, customerId).modifyEnd(PREPARED).execute();
}

/** The contacts query (see listContacts); the 360 view reads it as a JSON column. */
export function selectContacts(db: Executor, customerId: string) {
  return db.selectFrom('contact_point').select(columns).where('customer_id', '=', customerId).orderBy('preferred', 'desc').orderBy('channel').orderBy('created_at').orderBy('id');
}

export async function findContact(db: Executor, customerId: string, id: string) {
  return db.selectFrom('contact_point').select(columns).where('customer_id', '=', customerId).where('id', '=', id).executeTakeFirst();
}

export async function insertContacts(db: Executor, rows: Insertable<ContactPointTable>[]) {
  if (rows.length > 0) await db.insertInto('contact_point').values(rows).execute();
}

/** Clears the preferred flag on the customer's other contacts (one preferred per customer). */
export async function clearPreferred(db: Executor, customerId: string, exceptId?: string) {
  let q = db.updateTable('contact_point').set({ preferred: false, updated_at: new Date(), version: sql<number>`version + 1` }).where('customer_id', '=', customerId).where('preferred', '=', true);
  if (exceptId) q = q.where('id', '<>', exceptId);
  await q.execute();
}

export async function updateContactRow(db: Executor, customerId: string, id: string, version: number, patch: Updateable<ContactPointTable>) {
  return db
    .updateTable('contact_point')
    .set({ ...patch, updated_at: new Date(), version: sql<number>`version + 1` })
    .where('customer_id', '=', customerId)
    .where('id', '=', id)
    .where('version', '=', version)
    .returning('id')
    .executeTakeFirst();
}

export async function deleteContact(db: Executor, customerId: string, id: string) {
  const r = await db.deleteFrom('contact_point').where('customer_id', '=', customerId).where('id', '=', id).executeTakeFirst();
  return Number(r.numDeletedRows) > 0;
}
