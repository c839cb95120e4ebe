import type { Insertable, Updateable } from 'kysely';
import { sql } from 'kysely';
import type { Executor } from '../../platform/db/database.ts';
import type { CustomerAttributeDefinitionTable } from '../../platform/db/schema/customers.ts';

export type AttributeDefinitionRow = Awaited<ReturnType<typeof listAttributeDefinitions>>[number];

export async function listAttributeDefinitions(db: Executor) {
  return selectAttributeDefinitions(db).execute();
}

/** Every definition in entry order (the 360 view reads them as a JSON column). */
export function selectAttributeDefinitions(db: Executor) {
  return db.selectFrom('customer_attribute_definition').selectAll().orderBy('created_at').orderBy('id');
}

export async function findAttributeDefinition(db: Executor, id: string) {
  return db.selectFrom('customer_attribute_definition').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function findAttributeDefinitionByKey(db: Executor, key: string) {
  return db.selectFrom('customer_attribute_definition').selectAll().where('key', '=', key).executeTakeFirst();
}

export async function insertAttributeDefinition(db: Executor, row: Insertable<CustomerAttributeDefinitionTable>) {
  await db.insertInto('customer_attribute_definition').values(row).execute();
}

export async function updateAttributeDefinitionRow(db: Executor, id: string, version: number, patch: Updateable<CustomerAttributeDefinitionTable>) {
  return db
    .updateTable('customer_attribute_definition')
    .set({ ...patch, updated_at: new Date(), version: sql<number>`version + 1` })
    .where('id', '=', id)
    .where('version', '=', version)
    .returning('id')
    .executeTakeFirst();
}

export async function deleteAttributeDefinition(db: Executor, id: string) {
  await db.deleteFrom('customer_attribute_definition').where('id', '=', id).execute();
}

/** The values customers hold under an attribute key (also one no longer defined), each with how many hold it. */
export async function storedAttributeValues(db: Executor, key: string): Promise<{ value: unknown; customers: number }[]> {
  const rows = await sql<{ value: unknown; customers: string | number }>`
    SELECT attributes -> ${key}::text AS value, count(*) AS customers FROM customer WHERE attributes ? ${key}::text GROUP BY 1`.execute(db);
  return rows.rows.map((r) => ({ value: r.value, customers: Number(r.customers) }));
}
