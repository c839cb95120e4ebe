import type { TStaffListQuery } from '@anxin/contracts';
import { sql, type Insertable, type Updateable } from 'kysely';
import type { Executor } from '../../platform/db/database.ts';
import type { StaffTable } from '../../platform/db/schema.ts';

const columns = [
  's.id',
  's.org_unit_id',
  's.username',
  's.display_name',
  's.email',
  's.mobile',
  's.roles',
  's.must_change_password',
  's.status',
  's.locked_until',
  's.last_login_at',
  's.locale',
  's.licence_no',
  's.licence_valid_from',
  's.licence_valid_to',
  's.created_at',
  's.updated_at',
  's.version',
  'o.name as org_unit_name',
  'o.level as org_unit_level',
  'o.path as org_path',
] as const;

function baseQuery(db: Executor) {
  return db.selectFrom('staff as s').innerJoin('org_unit as o', 'o.id', 's.org_unit_id');
}

export type StaffRow = NonNullable<Awaited<ReturnType<typeof findStaffById>>>;

export async function findStaffById(db: Executor, id: string) {
  return baseQuery(db).select(columns).where('s.id', '=', id).executeTakeFirst();
}

/** Staff in the subtree `scopePath`, filtered and paged. */
export async function listStaff(db: Executor, scopePath: string, query: TStaffListQuery & { unitPath?: string }) {
  let q = baseQuery(db).where('o.path', 'like', `${scopePath}%`);
  if (query.unitPath) q = query.includeDescendants ? q.where('o.path', 'like', `${query.unitPath}%`) : q.where('s.org_unit_id', '=', query.orgUnitId!);
  if (query.role) q = q.where(sql<boolean>`${query.role} = ANY(s.roles)`);
  if (query.status) q = q.where('s.status', '=', query.status);
  if (query.q) {
    const like = `%${query.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    q = q.where((eb) => eb.or([eb('s.username', 'ilike', like), eb('s.display_name', 'ilike', like)]));
  }
  const { total } = await q.select((eb) => eb.fn.countAll<number>().as('total')).executeTakeFirstOrThrow();
  const rows = await q
    .select(columns)
    .orderBy('o.path')
    .orderBy('s.username')
    .limit(query.pageSize)
    .offset((query.page - 1) * query.pageSize)
    .execute();
  return { total: Number(total), rows };
}

/** Credentials and lockout state for login; never leaves the server. */
export async function findStaffCredentialsByUsername(db: Executor, username: string) {
  return db
    .selectFrom('staff')
    .select(['id', 'username', 'password_hash', 'status', 'failed_login_count', 'locked_until'])
    .where('username', '=', username)
    .executeTakeFirst();
}

export async function findStaffPasswordHash(db: Executor, id: string) {
  const row = await db.selectFrom('staff').select(['password_hash', 'username']).where('id', '=', id).executeTakeFirst();
  return row;
}

export async function insertStaff(db: Executor, row: Insertable<StaffTable>) {
  await db.insertInto('staff').values(row).execute();
}

/** Optimistic update; undefined when `version` no longer matches. */
export async function updateStaff(db: Executor, id: string, version: number, patch: Updateable<StaffTable>) {
  return db
    .updateTable('staff')
    .set({ ...patch, updated_at: sql<Date>`now()`, version: sql<number>`version + 1` })
    .where('id', '=', id)
    .where('version', '=', version)
    .returning('id')
    .executeTakeFirst();
}

/** Unconditional technical update (login counters, password) that does not bump `version`. */
export async function touchStaff(db: Executor, id: string, patch: Updateable<StaffTable>) {
  await db.updateTable('staff').set(patch).where('id', '=', id).execute();
}

export async function incrementFailedLogins(db: Executor, id: string) {
  const row = await db
    .updateTable('staff')
    .set({ failed_login_count: sql<number>`failed_login_count + 1` })
    .where('id', '=', id)
    .returning('failed_login_count')
    .executeTakeFirstOrThrow();
  return row.failed_login_count;
}

export async function countStaff(db: Executor) {
  const row = await db.selectFrom('staff').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  return Number(row.n);
}

/**
 * Active staff of a subtree, names and unit only (for pickers): matching part of the name or
 * username, holding one of `roles`, under `underPath`, or just `id`; by name.
 */
export async function findColleagues(db: Executor, scopePath: string, filter: { q?: string | undefined; roles?: readonly string[] | undefined; underPath?: string | undefined; id?: string | undefined; limit: number }) {
  let q = baseQuery(db).where('o.path', 'like', `${scopePath}%`);
  // Pickers offer active staff; one id is looked up whatever its status (a record names who it names).
  if (!filter.id) q = q.where('s.status', '=', 'active');
  if (filter.underPath) q = q.where('o.path', 'like', `${filter.underPath}%`);
  if (filter.roles) q = filter.roles.length === 0 ? q.where(sql<boolean>`false`) : q.where(sql<boolean>`s.roles && ${sql.val(filter.roles)}::text[]`);
  if (filter.id) q = q.where('s.id', '=', filter.id);
  if (filter.q) {
    const like = `%${filter.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    q = q.where((eb) => eb.or([eb('s.username', 'ilike', like), eb('s.display_name', 'ilike', like)]));
  }
  return q.select(['s.id', 's.username', 's.display_name', 's.status', 'o.name as unit_name']).orderBy('s.display_name').orderBy('s.username').limit(filter.limit).execute();
}
