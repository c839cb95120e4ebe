import { sql } from 'kysely';
import type { Executor } from '../../platform/db/database.ts';
import type { Insertable } from 'kysely';
import type { ApiKeyTable } from '../../platform/db/schema.ts';

const columns = ['k.id', 'k.name', 'k.prefix', 'k.scopes', 'k.org_unit_id', 'k.created_at', 'k.expires_at', 'k.last_used_at', 'k.revoked_at', 's.display_name as created_by_name'] as const;

export type ApiKeyRow = NonNullable<Awaited<ReturnType<typeof findApiKeyById>>>;

export async function insertApiKey(db: Executor, row: Insertable<ApiKeyTable>) {
  await db.insertInto('api_key').values(row).execute();
}

export async function findApiKeyById(db: Executor, id: string) {
  return db
    .selectFrom('api_key as k')
    .innerJoin('staff as s', 's.id', 'k.created_by')
    .innerJoin('org_unit as o', 'o.id', 'k.org_unit_id')
    .select([...columns, 'o.path as org_path'])
    .where('k.id', '=', id)
    .executeTakeFirst();
}

export async function listApiKeysInSubtree(db: Executor, path: string) {
  return db
    .selectFrom('api_key as k')
    .innerJoin('staff as s', 's.id', 'k.created_by')
    .innerJoin('org_unit as o', 'o.id', 'k.org_unit_id')
    .select([...columns, 'o.path as org_path'])
    .where('o.path', 'like', `${path}%`)
    .orderBy('k.created_at', 'desc')
    .execute();
}

/** The key with its unit, for authentication. */
export async function findApiKeyForAuth(db: Executor, prefix: string) {
  return db
    .selectFrom('api_key as k')
    .innerJoin('org_unit as o', 'o.id', 'k.org_unit_id')
    .select(['k.id', 'k.name', 'k.secret_hash', 'k.scopes', 'k.expires_at', 'k.revoked_at', 'k.last_used_at', 'o.id as org_unit_id', 'o.path as org_path', 'o.level as org_level'])
    .where('k.prefix', '=', prefix)
    .executeTakeFirst();
}

export async function markApiKeyUsed(db: Executor, id: string) {
  await db.updateTable('api_key').set({ last_used_at: sql<Date>`now()` }).where('id', '=', id).execute();
}

export async function revokeApiKey(db: Executor, id: string) {
  await db.updateTable('api_key').set({ revoked_at: sql<Date>`now()` }).where('id', '=', id).where('revoked_at', 'is', null).execute();
}
