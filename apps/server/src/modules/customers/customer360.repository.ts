import { sql } from 'kysely';
import { jsonArrayFrom } from 'kysely/helpers/postgres';
import { compileOnce, runWithRiders, type BoundStatement } from '../../platform/db/compiled.ts';
import { PREPARED, type Executor } from '../../platform/db/database.ts';
import { withDates } from '../../platform/db/json-rows.ts';
import type { CustomerTagTable, TagFact } from '../../platform/db/schema/service.ts';
import { selectAttributeDefinitions, type AttributeDefinitionRow } from './attribute.repository.ts';
import { selectConsents, type ConsentRow } from './consent.repository.ts';
import { selectContacts, type ContactRow } from './contact.repository.ts';
import type { CustomerScope } from './customer.policy.ts';
import { scopeValues, selectCustomerIn, selectFamilySummaries, type CustomerSummaryRow, type ScopeValues } from './customer.repository.ts';
import { selectInteractions, type InteractionRow } from './interaction.repository.ts';
import { selectLinks, type RelationshipRow } from './relationship.repository.ts';

/** A tag of the customer as the 360 view shows it. */
export type Customer360Tag = Pick<CustomerTagTable, 'dimension' | 'reason' | 'source'> & { name: string; facts: TagFact[] };

type Values = { id: string; take: number } & ScopeValues;

/**
 * The customer's row (when in scope) with everything of the customers module the 360 view shows, as
 * JSON columns of the same statement: contacts (preferred first, then by channel and entry order),
 * consents (by purpose and channel), tags (by dimension and tag), relationships to customers in
 * scope, the household members' summaries, the first `take` interactions and the attribute
 * definitions. One round trip instead of seven; the lists are the rows the separate reads return.
 */
const customer360 = compileOnce((db, v: Values) => {
  const scope = { pathPattern: v.pathPattern, ownerAgentId: v.ownerAgentId };
  return selectCustomerIn(db, v)
    .select([
      sql<Customer360Tag[]>`(SELECT coalesce(json_agg(json_build_object('dimension', t.dimension, 'name', t.tag, 'reason', t.reason, 'facts', t.facts, 'source', t.source) ORDER BY t.dimension, t.tag), '[]'::json)
         FROM customer_tag t WHERE t.customer_id = ${v.id})`.as('tags'),
      // Kysely's jsonArrayFrom aggregates a subquery in its ORDER BY order (PostgreSQL keeps a sorted
      // subquery's order for a plain, non-parallel aggregate; these are one customer's few rows).
      jsonArrayFrom(selectContacts(db, v.id)).as('contacts_json'),
      jsonArrayFrom(selectConsents(db, v.id)).as('consents_json'),
      jsonArrayFrom(selectLinks(db, { customerId: v.id, ...scope }, false)).as('relationships_json'),
      jsonArrayFrom(selectFamilySummaries(db, { customerId: v.id, ...scope })).as('family_json'),
      jsonArrayFrom(selectInteractions(db, { customerId: v.id, take: v.take })).as('interactions_json'),
      jsonArrayFrom(selectAttributeDefinitions(db)).as('definitions_json'),
    ])
    .modifyEnd(PREPARED);
});

/**
 * The customer and the lists of the 360 view, or undefined when the customer is not in scope; `take`
 * interactions at most. `riders` (the sections' statements) run in the same statement, only if the
 * customer is in scope; their rows come back in `riders`, in order.
 */
export async function findCustomer360(db: Executor, customerId: string, scope: CustomerScope, take: number, riders: readonly (BoundStatement<unknown> | null)[] = []) {
  const found = (await runWithRiders(db, customer360.bound(db, { id: customerId, take, ...scopeValues(scope) }), riders))[0];
  if (!found) return undefined;
  const { contacts_json, consents_json, tags, relationships_json, family_json, interactions_json, definitions_json, ...customer } = found.row;
  return {
    customer,
    contacts: withDates<ContactRow>(contacts_json, ['created_at', 'updated_at']),
    consents: withDates<ConsentRow>(consents_json, ['granted_at', 'withdrawn_at', 'updated_at']),
    tags,
    relationships: withDates<RelationshipRow>(relationships_json, ['created_at']),
    family: withDates<CustomerSummaryRow>(family_json, ['created_at', 'updated_at']),
    interactions: withDates<InteractionRow>(interactions_json, ['occurred_at', 'created_at']),
    definitions: withDates<AttributeDefinitionRow>(definitions_json, ['created_at', 'updated_at']),
    riders: found.riders,
  };
}
