import { sql } from 'kysely';
import { compileOnce } from '../../platform/db/compiled.ts';
import { PREPARED, type Executor } from '../../platform/db/database.ts';

export async function insertSession(
  db: Executor,
  row: { id: string; token_hash: string; staff_id: string; expires_at: Date; ip: string | null; user_agent: string | null },
) {
  await db.insertInto('session').values(row).execute();
}

/** The session with its staff member and unit, if the token hash matches (every authenticated request). */
export async function findSessionWithStaff(db: Executor, tokenHash: string) {
  return (await sessionWithStaff(db, { tokenHash }))[0];
}

const sessionWithStaff = compileOnce((db, v: { tokenHash: string }) =>
  db
    .selectFrom('session as se')
    .innerJoin('staff as s', 's.id', 'se.staff_id')
    .innerJoin('org_unit as o', 'o.id', 's.org_unit_id')
    .select([
      'se.id as session_id',
      'se.created_at as session_created_at',
      'se.last_seen_at',
      'se.expires_at',
      'se.revoked_at',
      's.id as staff_id',
      's.username',
      's.display_name',
      's.roles',
      's.status',
      's.password_changed_at',
      's.must_change_password',
      's.locale',
      'o.id as org_unit_id',
      'o.name as org_unit_name',
      'o.level as org_unit_level',
      'o.path as org_path',
    ])
    .where('se.token_hash', '=', v.tokenHash)
    .modifyEnd(PREPARED),
);

export async function touchSession(db: Executor, id: string) {
  await db.updateTable('session').set({ last_seen_at: sql<Date>`now()` }).where('id', '=', id).execute();
}

export async function revokeSession(db: Executor, tokenHash: string) {
  return db
    .updateTable('session')
    .set({ revoked_at: sql<Date>`now()` })
    .where('token_hash', '=', tokenHash)
    .where('revoked_at', 'is', null)
    .returning(['id', 'staff_id'])
    .executeTakeFirst();
}

/** Ends every other session of a staff member (after a password change). */
export async function revokeOtherSessions(db: Executor, staffId: string, keepSessionId: string | null) {
  let q = db.updateTable('session').set({ revoked_at: sql<Date>`now()` }).where('staff_id', '=', staffId).where('revoked_at', 'is', null);
  if (keepSessionId) q = q.where('id', '!=', keepSessionId);
  await q.execute();
}

/** Moves a session's start past a password change so that it survives the change. */
export async function redateSession(db: Executor, id: string, createdAt: Date) {
  await db.updateTable('session').set({ created_at: createdAt }).where('id', '=', id).execute();
}
