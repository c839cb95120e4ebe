import type { TProductListQuery } from '@anxin/contracts';
import { sql, type Insertable, type Updateable } from 'kysely';
import type { Executor } from '../../platform/db/database.ts';
import type { ProductTable } from '../../platform/db/schema/policies.ts';

export type ProductRow = NonNullable<Awaited<ReturnType<typeof findProductById>>>;

export async function findProductById(db: Executor, id: string) {
  return db.selectFrom('product').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function findProductByCode(db: Executor, code: string) {
  return db.selectFrom('product').selectAll().where('code', '=', code).executeTakeFirst();
}

/** The catalogue, by line and code (small: no paging). */
export async function listProducts(db: Executor, query: TProductListQuery) {
  let q = db.selectFrom('product').selectAll();
  if (query.line) q = q.where('line', '=', query.line);
  if (query.active) q = q.where('active', '=', query.active === 'true');
  if (query.q) {
    const like = `%${query.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    q = q.where((eb) => eb.or([eb('name', 'like', like), eb('code', 'ilike', like)]));
  }
  return q.orderBy('line').orderBy('code').execute();
}

export async function insertProducts(db: Executor, rows: Insertable<ProductTable>[]) {
  if (rows.length > 0) await db.insertInto('product').values(rows).execute();
}

/** Optimistic update; undefined when `version` no longer matches. */
export async function updateProduct(db: Executor, id: string, version: number, patch: Updateable<ProductTable>) {
  return db
    .updateTable('product')
    .set({ ...patch, updated_at: sql<Date>`now()`, version: sql<number>`version + 1` })
    .where('id', '=', id)
    .where('version', '=', version)
    .returning('id')
    .executeTakeFirst();
}
