import { sql, type Insertable } from 'kysely';
import type { Executor } from '../../platform/db/database.ts';
import type { OrgUnitTable } from '../../platform/db/schema.ts';

export type OrgUnitRow = Awaited<ReturnType<typeof findOrgUnitById>> & {};

const columns = ['id', 'parent_id', 'level', 'code', 'name', 'path', 'status', 'created_at', 'updated_at', 'version'] as const;

export async function findOrgUnitById(db: Executor, id: string) {
  return db.selectFrom('org_unit').select(columns).where('id', '=', id).executeTakeFirst();
}

export async function findOrgUnitByCode(db: Executor, code: string) {
  return db.selectFrom('org_unit').select(columns).where('code', '=', code).executeTakeFirst();
}

export async function findRootOrgUnit(db: Executor) {
  return db.selectFrom('org_unit').select(columns).where('parent_id', 'is', null).executeTakeFirst();
}

/** Every unit in the subtree under `path`, with its staff count, ordered as a tree walk. */
export async function listOrgUnitsInSubtree(db: Executor, path: string) {
  return db
    .selectFrom('org_unit as o')
    .select(columns.map((c) => `o.${c}` as const))
    .select((eb) =>
      eb.selectFrom('staff as s').whereRef('s.org_unit_id', '=', 'o.id').select(eb.fn.countAll<number>().as('n')).as('staff_count'),
    )
    .where('o.path', 'like', `${path}%`)
    .orderBy('o.path')
    .execute();
}

export async function countOrgUnits(db: Executor) {
  const row = await db.selectFrom('org_unit').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  return Number(row.n);
}

export async function insertOrgUnit(db: Executor, row: Insertable<OrgUnitTable>) {
  return db.insertInto('org_unit').values(row).returning(columns).executeTakeFirstOrThrow();
}

/** Updates when `version` still matches; returns undefined on a concurrent change. */
export async function updateOrgUnit(db: Executor, id: string, version: number, patch: { name?: string; status?: 'active' | 'closed' }) {
  return db
    .updateTable('org_unit')
    .set({ ...patch, updated_at: sql<Date>`now()`, version: sql<number>`version + 1` })
    .where('id', '=', id)
    .where('version', '=', version)
    .returning(columns)
    .executeTakeFirst();
}

export async function countActiveChildrenAndStaff(db: Executor, id: string) {
  const row = await db
    .selectNoFrom((eb) => [
      eb.selectFrom('org_unit').where('parent_id', '=', id).where('status', '=', 'active').select(eb.fn.countAll<number>().as('n')).as('children'),
      eb.selectFrom('staff').where('org_unit_id', '=', id).where('status', '=', 'active').select(eb.fn.countAll<number>().as('n')).as('staff'),
    ])
    .executeTakeFirstOrThrow();
  return { children: Number(row.children ?? 0), staff: Number(row.staff ?? 0) };
}
