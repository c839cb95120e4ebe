import { FAMILY_RELATIONSHIP_TYPES } from '@anxin/contracts';
import type { Insertable } from 'kysely';
import { compileOnce } from '../../platform/db/compiled.ts';
import { PREPARED, type Executor } from '../../platform/db/database.ts';
import type { RelationshipTable } from '../../platform/db/schema/customers.ts';
import type { CustomerScope } from './customer.policy.ts';

export type RelationshipRow = Awaited<ReturnType<typeof listRelationships>>[number];

/**
 * A customer's relationships (one direction each), with the related customer's name, limited to
 * related customers in `scope`, in entry order; `family` keeps the family links only (the household).
 */
export async function listRelationships(db: Executor, customerId: string, scope: CustomerScope, family = false) {
  const values = { customerId, pathPattern: `${scope.orgPath}%`, ownerAgentId: scope.ownerAgentId ?? undefined };
  return (family ? familyLinks : allLinks)(db, values);
}

type LinkValues = { customerId: string; pathPattern: string; ownerAgentId?: string | undefined };

/** The links query (see listRelationships); the 360 view reads it as a JSON column. */
export function selectLinks(db: Executor, v: LinkValues, family: boolean) {
  let q = db
    .selectFrom('relationship as r')
    .innerJoin('customer as c', 'c.id', 'r.related_customer_id')
    .select(['r.id', 'r.customer_id', 'r.related_customer_id', 'r.type', 'r.created_at', 'c.name as related_customer_name'])
    .where('r.customer_id', '=', v.customerId)
    .where((eb) =>
      eb.and([
        eb('c.org_unit_id', 'in', eb.selectFrom('org_unit').select('org_unit.id').where('org_unit.path', 'like', v.pathPattern)),
        ...(v.ownerAgentId !== undefined ? [eb('c.owner_agent_id', '=', v.ownerAgentId)] : []),
      ]),
    );
  if (family) q = q.where('r.type', 'in', FAMILY_RELATIONSHIP_TYPES);
  return q.orderBy('r.created_at').orderBy('r.id');
}

const allLinks = compileOnce((db, v: LinkValues) => selectLinks(db, v, false).modifyEnd(PREPARED));
const familyLinks = compileOnce((db, v: LinkValues) => selectLinks(db, v, true).modifyEnd(PREPARED));

export async function findRelationshipBetween(db: Executor, customerId: string, relatedCustomerId: string) {
  return db.selectFrom('relationship').selectAll().where('customer_id', '=', customerId).where('related_customer_id', '=', relatedCustomerId).executeTakeFirst();
}

export async function findRelationship(db: Executor, customerId: string, id: string) {
  return db.selectFrom('relationship').selectAll().where('customer_id', '=', customerId).where('id', '=', id).executeTakeFirst();
}

/** The stored links from these customers, as "customer|related" → type. */
export async function findRelationshipsAmong(db: Executor, customerIds: readonly string[]) {
  const links = new Map<string, string>();
  const ids = [...new Set(customerIds)];
  for (let i = 0; i < ids.length; i += 1000) {
    for (const r of await db.selectFrom('relationship').select(['customer_id', 'related_customer_id', 'type']).where('customer_id', 'in', ids.slice(i, i + 1000)).execute()) links.set(`${r.customer_id}|${r.related_customer_id}`, r.type);
  }
  return links;
}

export async function insertRelationships(db: Executor, rows: Insertable<RelationshipTable>[]) {
  for (let i = 0; i < rows.length; i += 1000) await db.insertInto('relationship').values(rows.slice(i, i + 1000)).execute();
}

/** Removes both directions of the relationship between two customers. */
export async function deleteRelationshipPair(db: Executor, a: string, b: string) {
  await db.deleteFrom('relationship').where('customer_id', '=', a).where('related_customer_id', '=', b).execute();
  await db.deleteFrom('relationship').where('customer_id', '=', b).where('related_customer_id', '=', a).execute();
}
