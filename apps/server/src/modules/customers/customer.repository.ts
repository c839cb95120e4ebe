import { FAMILY_RELATIONSHIP_TYPES, type TCustomerSort } from '@anxin/contracts';
import { sql, type ExpressionBuilder, type Insertable, type Updateable } from 'kysely';
import { compileOnce } from '../../platform/db/compiled.ts';
import { PREPARED, type Executor } from '../../platform/db/database.ts';
import type { DB } from '../../platform/db/schema.ts';
import type { CustomerTable } from '../../platform/db/schema/customers.ts';
import type { CustomerScope } from './customer.policy.ts';

type CustomerEb = ExpressionBuilder<DB & { c: CustomerTable }, 'c'>;

const escapeLike = (value: string) => value.replace(/[\\%_]/g, (ch) => `\\${ch}`);

/** A scope as query values (ScopeValues). */
export function scopeValues(scope: CustomerScope): ScopeValues {
  return { pathPattern: `${escapeLike(scope.orgPath)}%`, ownerAgentId: scope.ownerAgentId ?? undefined };
}

/** Restricts `c` to customers of units whose path matches `pathPattern` (and of one owner when given). */
function inScopeOf(values: { pathPattern: string; ownerAgentId?: string | undefined }) {
  return (eb: CustomerEb) =>
    eb.and([
      eb('c.org_unit_id', 'in', eb.selectFrom('org_unit').select('org_unit.id').where('org_unit.path', 'like', values.pathPattern)),
      ...(values.ownerAgentId !== undefined ? [eb('c.owner_agent_id', '=', values.ownerAgentId)] : []),
    ]);
}

/** Restricts `c` to the scope: customers of units under the scope's path (and of one owner for pure agents). */
export function inScope(scope: CustomerScope) {
  return inScopeOf(scopeValues(scope));
}

const summaryColumns = [
  'c.id',
  'c.kind',
  'c.name',
  'c.gender',
  'c.birth_date',
  'c.id_number_masked',
  'c.lifecycle_stage',
  'c.tier',
  'c.owner_agent_id',
  'c.org_unit_id',
  'c.external_id',
  'c.created_at',
  'c.updated_at',
  'c.version',
  'o.name as org_unit_name',
  'o.code as org_unit_code',
  'o.path as org_path',
  's.display_name as owner_agent_name',
] as const;

const detailColumns = [
  ...summaryColumns,
  'c.name_pinyin',
  'c.name_initials',
  'c.occupation',
  'c.income_band',
  'c.unified_social_credit_code',
  'c.industry',
  'c.attributes',
  'c.bank_account_masked',
] as const;

function base(db: Executor) {
  return db
    .selectFrom('customer as c')
    .innerJoin('org_unit as o', 'o.id', 'c.org_unit_id')
    .leftJoin('staff as s', 's.id', 'c.owner_agent_id')
    .select((eb) => [
      // The preferred mobile, else the first one entered: shown (masked) in lists.
      eb
        .selectFrom('contact_point as cp')
        .select('cp.value')
        .whereRef('cp.customer_id', '=', 'c.id')
        .where('cp.channel', '=', 'mobile')
        .orderBy('cp.preferred', 'desc')
        .orderBy('cp.created_at')
        .limit(1)
        .as('mobile'),
      sql<boolean>`c.health_notes_enc IS NOT NULL`.as('has_health_notes'),
    ]);
}

export type CustomerSummaryRow = Awaited<ReturnType<typeof findCustomerSummaries>>[number];
export type CustomerRow = NonNullable<Awaited<ReturnType<typeof findCustomerById>>>;

/** Values of a scoped look-up: the unit path pattern, and the owner for pure agents (absent otherwise). */
export type ScopeValues = { pathPattern: string; ownerAgentId?: string | undefined };

/** One customer with its detail columns, when in scope (the 360 view adds its lists to this query). */
export function selectCustomerIn(db: Executor, v: { id: string } & Partial<ScopeValues>) {
  let q = base(db).select(detailColumns).where('c.id', '=', v.id);
  if (v.pathPattern !== undefined) q = q.where(inScopeOf({ pathPattern: v.pathPattern, ownerAgentId: v.ownerAgentId }));
  return q;
}

const customerById = compileOnce((db, v: { id: string; pathPattern?: string; ownerAgentId?: string }) => selectCustomerIn(db, v).modifyEnd(PREPARED));

/** One customer with its unit and owner, or undefined; `scope` limits it to what an actor may see. */
export async function findCustomerById(db: Executor, id: string, scope?: CustomerScope) {
  return (await customerById(db, { id, ...(scope ? scopeValues(scope) : {}) }))[0];
}

/** Which of the given customers lie in `scope` (ids only: a bulk write's check of the parties it names). */
export async function findCustomerIdsInScope(db: Executor, ids: readonly string[], scope: CustomerScope) {
  if (ids.length === 0) return [];
  return (await db.selectFrom('customer as c').select('c.id').where('c.id', 'in', ids).where(inScope(scope)).execute()).map((r) => r.id);
}

/** Summaries of the given customers that lie in `scope`. */
export async function findCustomerSummaries(db: Executor, ids: readonly string[], scope: CustomerScope) {
  if (ids.length === 0) return [];
  return base(db).select(summaryColumns).where('c.id', 'in', ids).where(inScope(scope)).modifyEnd(PREPARED).execute();
}

/** Summaries of the customers in scope that `customerId` links to with a family type (the household, read beside the links). */
export function selectFamilySummaries(db: Executor, v: { customerId: string } & ScopeValues) {
  return base(db)
    .select(summaryColumns)
    .where('c.id', 'in', (eb) =>
      eb
        .selectFrom('relationship as r')
        .select('r.related_customer_id')
        .where('r.customer_id', '=', v.customerId)
        .where('r.type', 'in', FAMILY_RELATIONSHIP_TYPES),
    )
    .where(inScopeOf(v));
}

/** The encrypted sensitive fields of a customer, for an audited unmask. */
export async function findCustomerSecrets(db: Executor, id: string) {
  return db.selectFrom('customer').select(['id_number_enc', 'health_notes_enc', 'bank_account_enc']).where('id', '=', id).executeTakeFirst();
}

export async function findCustomerIdByBlindIndex(db: Executor, bidx: string) {
  return (await db.selectFrom('customer').select('id').where('id_number_bidx', '=', bidx).executeTakeFirst())?.id;
}

export async function findCustomerIdByExternalId(db: Executor, externalId: string) {
  return (await db.selectFrom('customer').select('id').where('external_id', '=', externalId).executeTakeFirst())?.id;
}

export async function insertCustomers(db: Executor, rows: Insertable<CustomerTable>[]) {
  if (rows.length > 0) await db.insertInto('customer').values(rows).execute();
}

/** Optimistic update; undefined when `version` no longer matches. */
export async function updateCustomerRow(db: Executor, id: string, version: number, patch: Updateable<CustomerTable>) {
  return db
    .updateTable('customer')
    .set({ ...patch, updated_at: new Date(), version: sql<number>`version + 1` })
    .where('id', '=', id)
    .where('version', '=', version)
    .returning('id')
    .executeTakeFirst();
}

/** Marks a customer changed (contacts etc.) without a version check. */
export async function touchCustomer(db: Executor, id: string) {
  await db.updateTable('customer').set({ updated_at: new Date(), version: sql<number>`version + 1` }).where('id', '=', id).execute();
}

/**
 * What a search term `q` may match; each present part is ORed. Exact keys (mobile, ID number,
 * external id, policy number) are resolved to `customerIds` first, so that the list query is an OR
 * of index scans (primary key, pinyin and initials prefixes) rather than a filter over every row.
 */
export interface CustomerSearch {
  nameContains?: string;
  pinyinPrefix?: string;
  initialsPrefix?: string;
  customerIds?: readonly string[];
}

/** Ids of customers matching any exact key: mobile (normalised), ID-number blind index, external id. */
export async function findCustomerIdsByExactKeys(db: Executor, keys: { mobile?: string; idNumberBidx?: string; externalId?: string }) {
  const ids: string[] = [];
  if (keys.mobile) ids.push(...(await db.selectFrom('contact_point').select('customer_id').where('channel', '=', 'mobile').where('value_normalised', '=', keys.mobile).limit(200).execute()).map((r) => r.customer_id));
  if (keys.idNumberBidx) {
    const id = await findCustomerIdByBlindIndex(db, keys.idNumberBidx);
    if (id) ids.push(id);
  }
  if (keys.externalId) {
    const id = await findCustomerIdByExternalId(db, keys.externalId);
    if (id) ids.push(id);
  }
  return ids;
}

export interface CustomerListFilter {
  search?: CustomerSearch;
  stage?: string;
  tier?: string;
  kind?: string;
  /** Materialised path of a unit: its subtree. */
  unitPath?: string;
  ownerAgentId?: string;
  /** JSON containment filters on custom attributes, e.g. `{ vip: true }`. */
  attributes?: Record<string, string | number | boolean>[];
}

const SORT_COLUMN = { createdAt: 'c.created_at', updatedAt: 'c.updated_at', name: 'c.name' } as const;

export type SortValue = string;
export interface Keyset {
  value: SortValue;
  id: string;
}

function sortOf(sort: TCustomerSort) {
  const descending = sort.startsWith('-');
  const key = (descending ? sort.slice(1) : sort) as keyof typeof SORT_COLUMN;
  return { column: SORT_COLUMN[key], key, descending };
}

/** Sort value of a row for the cursor. */
export function sortValueOf(row: CustomerSummaryRow, sort: TCustomerSort): SortValue {
  const { key } = sortOf(sort);
  return key === 'name' ? row.name : (key === 'createdAt' ? row.created_at : row.updated_at).toISOString();
}

function applyFilter(q: ReturnType<typeof base>, filter: CustomerListFilter) {
  let query = q;
  if (filter.stage) query = query.where('c.lifecycle_stage', '=', filter.stage as never);
  if (filter.tier) query = query.where('c.tier', '=', filter.tier as never);
  if (filter.kind) query = query.where('c.kind', '=', filter.kind as never);
  if (filter.ownerAgentId) query = query.where('c.owner_agent_id', '=', filter.ownerAgentId);
  if (filter.unitPath) {
    const path = filter.unitPath;
    query = query.where('c.org_unit_id', 'in', (eb) => eb.selectFrom('org_unit').select('org_unit.id').where('org_unit.path', 'like', `${escapeLike(path)}%`));
  }
  for (const containment of filter.attributes ?? []) query = query.where(sql<boolean>`c.attributes @> ${JSON.stringify(containment)}::jsonb`);
  const s = filter.search;
  if (s) {
    query = query.where((eb) => {
      const any = [];
      if (s.nameContains) {
        // Two characters (most full names) through the name's bigram index; otherwise LIKE, which the
        // trigram index serves from three characters on (migrations 0010, 0011).
        if ([...s.nameContains].length === 2) any.push(sql<boolean>`c.name_bigrams @> ARRAY[${s.nameContains}]::text[]`);
        else any.push(eb('c.name', 'like', `%${escapeLike(s.nameContains)}%`));
      }
      if (s.pinyinPrefix) any.push(eb('c.name_pinyin', 'like', `${escapeLike(s.pinyinPrefix)}%`));
      if (s.initialsPrefix) any.push(eb('c.name_initials', 'like', `${escapeLike(s.initialsPrefix)}%`));
      if (s.customerIds && s.customerIds.length > 0) any.push(eb('c.id', 'in', s.customerIds));
      return any.length > 0 ? eb.or(any) : sql<boolean>`false`;
    });
  }
  return query;
}

/**
 * A keyset page of customers in `scope`: ordered by (sort value, id), starting after `after`.
 * Returns up to `limit + 1` rows so the caller knows whether another page follows.
 */
export async function listCustomers(db: Executor, scope: CustomerScope, filter: CustomerListFilter, sort: TCustomerSort, limit: number, after?: Keyset) {
  const { column, key, descending } = sortOf(sort);
  let q = applyFilter(base(db).where(inScope(scope)), filter);
  if (after) {
    const value = key === 'name' ? sql`${after.value}::text` : sql`${after.value}::timestamptz`;
    q = descending
      ? q.where(sql<boolean>`(${sql.ref(column)}, c.id) < (${value}, ${after.id}::uuid)`)
      : q.where(sql<boolean>`(${sql.ref(column)}, c.id) > (${value}, ${after.id}::uuid)`);
  }
  const direction = descending ? 'desc' : 'asc';
  return q
    .select([...summaryColumns, 'c.attributes'])
    .orderBy(column, direction)
    .orderBy('c.id', direction)
    .limit(limit + 1)
    .execute();
}

/** Extra export columns (e-mail, preferred address) for a set of customers. */
export async function findFirstContacts(db: Executor, customerIds: readonly string[], channel: 'email' | 'address') {
  if (customerIds.length === 0) return new Map<string, string>();
  const rows = await db
    .selectFrom('contact_point')
    .select(['customer_id', 'value', 'preferred', 'created_at'])
    .where('customer_id', 'in', customerIds)
    .where('channel', '=', channel)
    .orderBy('customer_id')
    .orderBy('preferred', 'desc')
    .orderBy('created_at')
    .execute();
  const first = new Map<string, string>();
  for (const r of rows) if (!first.has(r.customer_id)) first.set(r.customer_id, r.value);
  return first;
}
