import { sql } from 'kysely';
import type { Executor } from '../../platform/db/database.ts';

export async function countRecentChallenges(db: Executor, customerId: string, since: Date) {
  const row = await db
    .selectFrom('portal_login_challenge')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .where('customer_id', '=', customerId)
    .where('created_at', '>=', since)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export async function insertChallenge(
  db: Executor,
  row: { customer_id: string; id: string; policy_id: string; contact_id: string; code_hash: string; expires_at: Date; ip: string | null; created_at: Date },
) {
  await db.insertInto('portal_login_challenge').values(row).execute();
}

export async function findChallenge(db: Executor, id: string) {
  return db.selectFrom('portal_login_challenge').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function countFailedAttempt(db: Executor, id: string) {
  await db.updateTable('portal_login_challenge').set({ attempts: sql`attempts + 1` }).where('id', '=', id).execute();
}

/** Marks the challenge used; false when another request used it first. */
export async function consumeChallenge(db: Executor, id: string, at: Date) {
  const row = await db.updateTable('portal_login_challenge').set({ consumed_at: at }).where('id', '=', id).where('consumed_at', 'is', null).returning('id').executeTakeFirst();
  return row !== undefined;
}

export async function insertPortalSession(
  db: Executor,
  row: { customer_id: string; id: string; token_hash: string; expires_at: Date; ip: string | null; user_agent: string | null; created_at: Date; last_seen_at: Date },
) {
  await db.insertInto('portal_session').values(row).execute();
}

export async function findPortalSession(db: Executor, tokenHash: string) {
  return db.selectFrom('portal_session').selectAll().where('token_hash', '=', tokenHash).executeTakeFirst();
}

export async function touchPortalSession(db: Executor, id: string, at: Date) {
  await db.updateTable('portal_session').set({ last_seen_at: at }).where('id', '=', id).execute();
}

export async function revokePortalSession(db: Executor, tokenHash: string, at: Date) {
  return db.updateTable('portal_session').set({ revoked_at: at }).where('token_hash', '=', tokenHash).where('revoked_at', 'is', null).returning(['id', 'customer_id']).executeTakeFirst();
}
