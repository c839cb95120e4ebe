import { FAMILY_RELATIONSHIP_TYPES, type TAddRelationshipRequest, type TFieldParams, type TRelationshipType } from '@anxin/contracts';
import type { Actor } from '../../platform/actor.ts';
import type { Insertable } from 'kysely';
import { inTransaction, type Executor, type Tx } from '../../platform/db/database.ts';
import type { RelationshipTable } from '../../platform/db/schema/customers.ts';
import type { ModuleDeps } from '../../platform/deps.ts';
import { DomainError, fieldError, forbidden, notFound, rule } from '../../platform/errors.ts';
import { newId } from '../../platform/ids.ts';
import { recordAuditEvent, recordAuditEvents, type AuditEntry } from '../audit/index.ts';
import { recordCustomerViewed, requireVisibleCustomer } from './customer-access.ts';
import { customerScopeOf, mayReadCustomers, mayWriteCustomers, type CustomerScope } from './customer.policy.ts';
import { findCustomerById, findCustomerSummaries } from './customer.repository.ts';
import { deleteRelationshipPair, findRelationship, findRelationshipBetween, findRelationshipsAmong, insertRelationships, listRelationships as listRelationshipRows, type RelationshipRow } from './relationship.repository.ts';

/** The inverse of each relationship type: if B is A's child, A is B's parent. */
export const INVERSE_RELATIONSHIP: Record<TRelationshipType, TRelationshipType> = {
  spouse: 'spouse',
  child: 'parent',
  parent: 'child',
  employer: 'employee',
  employee: 'employer',
  other: 'other',
};

const invalidRelationship = (message: string, params?: TFieldParams) => new DomainError('CUSTOMER_INVALID_RELATIONSHIP', message, [{ field: 'body.type', message, rule: params ? 'already_related' : 'relationship_kinds', ...(params ? { params } : {}) }]);
const alreadyRelated = (type: string) => invalidRelationship(`these customers are already related as ${type}; remove that first`, { type });

/** The rules of a link (not to oneself; family links two persons; employer/employee between an organisation and a person). */
function checkRelationship(customer: { id: string; kind: string }, related: { id: string; kind: string }, type: TRelationshipType) {
  if (related.id === customer.id) throw new DomainError('CUSTOMER_INVALID_RELATIONSHIP', 'A customer cannot be related to itself', [{ field: 'body.relatedCustomerId', message: 'must be another customer', rule: 'self_relationship' }]);
  const family = (FAMILY_RELATIONSHIP_TYPES as readonly string[]).includes(type);
  if (family && (customer.kind !== 'person' || related.kind !== 'person')) throw invalidRelationship(`${type} links two persons`);
  if (type === 'employer' && related.kind !== 'organisation') throw invalidRelationship('an employer must be an organisation customer');
  if (type === 'employee' && customer.kind !== 'organisation') throw invalidRelationship('only an organisation has employees');
  if (type === 'employee' && related.kind !== 'person') throw invalidRelationship('an employee must be a person');
}

/** Both stored directions of a new link and their `customer.relationship_changed` events. */
function linkBothWays(customerId: string, relatedId: string, type: TRelationshipType, id: string, now: Date) {
  const rows = [
    { customer_id: customerId, id, related_customer_id: relatedId, type, created_at: now },
    { customer_id: relatedId, id: newId(), related_customer_id: customerId, type: INVERSE_RELATIONSHIP[type], created_at: now },
  ];
  const events: AuditEntry[] = rows.map((r) => ({ action: 'customer.relationship_changed', entityType: 'customer', entityId: r.customer_id, customerId: r.customer_id, data: { change: 'added', relatedCustomerId: r.related_customer_id, type: r.type } }));
  return { rows, events };
}

/**
 * Links many pairs in the caller's transaction (bulk import), each checked as `addRelationship`
 * checks one (both visible, the kinds fit the type, an existing pair of the same type is left as it
 * is and one of another type refused); the customers and existing pairs are read at once and the
 * links and events written with multi-row inserts. Per pair: created, skipped (already linked so) or
 * the DomainError. A pair must not appear twice in one call.
 */
export async function addRelationships(deps: ModuleDeps & { db: Tx }, actor: Actor, inputs: readonly { customerId: string; relatedCustomerId: string; type: TRelationshipType }[]) {
  if (!mayWriteCustomers(actor)) throw forbidden('You may not change customers');
  const tx = deps.db;
  const ids = [...new Set(inputs.flatMap((i) => [i.customerId, i.relatedCustomerId]))];
  const customers = new Map<string, { id: string; kind: string }>();
  for (let i = 0; i < ids.length; i += 1000) for (const c of await findCustomerSummaries(tx, ids.slice(i, i + 1000), customerScopeOf(actor))) customers.set(c.id, c);
  const existing = await findRelationshipsAmong(tx, inputs.map((i) => i.customerId));
  const now = new Date();
  const rows: Insertable<RelationshipTable>[] = [];
  const events: AuditEntry[] = [];
  const outcomes = inputs.map((input): 'created' | 'skipped' | DomainError => {
    try {
      const customer = customers.get(input.customerId);
      if (!customer) throw notFound('Customer');
      const related = customers.get(input.relatedCustomerId);
      if (!related) throw fieldError('body.relatedCustomerId', rule('not_found', 'customer not found'), 'NOT_FOUND');
      checkRelationship(customer, related, input.type);
      const stored = existing.get(`${customer.id}|${related.id}`);
      if (stored) {
        if (stored === input.type) return 'skipped';
        throw alreadyRelated(stored);
      }
      const link = linkBothWays(customer.id, related.id, input.type, newId(), now);
      rows.push(...link.rows);
      events.push(...link.events);
      return 'created';
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      return error;
    }
  });
  await insertRelationships(tx, rows);
  await recordAuditEvents(tx, actor, events);
  return outcomes;
}

/** A customer's relationships to customers the actor may see. */
export async function listRelationships(deps: ModuleDeps, actor: Actor, customerId: string) {
  if (!mayReadCustomers(actor)) throw forbidden('You may not view customers');
  await requireVisibleCustomer(deps.db, actor, customerId);
  return listRelationshipRows(deps.db, customerId, customerScopeOf(actor));
}

/**
 * Links two customers both ways (`type` is what the related customer is to this one; the inverse is
 * stored on the other side). Idempotent: adding an existing link again returns it with `created: false`
 * (import re-runs count it as unchanged).
 */
export async function addRelationship(deps: ModuleDeps, actor: Actor, customerId: string, input: TAddRelationshipRequest) {
  if (!mayWriteCustomers(actor)) throw forbidden('You may not change customers');
  return inTransaction(deps.db, async (tx) => {
    const customer = await requireVisibleCustomer(tx, actor, customerId);
    const related = await findCustomerById(tx, input.relatedCustomerId, customerScopeOf(actor));
    if (!related) throw fieldError('body.relatedCustomerId', rule('not_found', 'customer not found'), 'NOT_FOUND');
    checkRelationship(customer, related, input.type);
    const existing = await findRelationshipBetween(tx, customer.id, related.id);
    if (existing) {
      if (existing.type === input.type) return { ...existing, related_customer_name: related.name, created: false };
      throw alreadyRelated(existing.type);
    }
    const id = newId();
    const { rows, events } = linkBothWays(customer.id, related.id, input.type, id, new Date());
    await insertRelationships(tx, rows);
    await recordAuditEvents(tx, actor, events);
    return { ...(await findRelationship(tx, customer.id, id))!, related_customer_name: related.name, created: true };
  });
}

/** Removes a relationship (both directions); both customers must be in the actor's scope (NOT_FOUND otherwise). */
export async function removeRelationship(deps: ModuleDeps, actor: Actor, customerId: string, relationshipId: string) {
  if (!mayWriteCustomers(actor)) throw forbidden('You may not change customers');
  await inTransaction(deps.db, async (tx) => {
    await requireVisibleCustomer(tx, actor, customerId);
    const rel = await findRelationship(tx, customerId, relationshipId);
    if (!rel) throw notFound('Relationship');
    // Removing deletes the other side and audits on the related customer too: it must be visible as well (as when adding).
    if (!(await findCustomerById(tx, rel.related_customer_id, customerScopeOf(actor)))) throw notFound('Relationship');
    await deleteRelationshipPair(tx, rel.customer_id, rel.related_customer_id);
    for (const [a, b] of [[rel.customer_id, rel.related_customer_id], [rel.related_customer_id, rel.customer_id]] as const) {
      await recordAuditEvent(tx, actor, { action: 'customer.relationship_changed', entityType: 'customer', entityId: a, customerId: a, data: { change: 'removed', relatedCustomerId: b } });
    }
  });
}

/** The household: the customer and the family members (spouse, children, parents) the actor may see. */
export async function getHousehold(deps: ModuleDeps, actor: Actor, customerId: string) {
  if (!mayReadCustomers(actor)) throw forbidden('You may not view customers');
  const household = await loadHousehold(deps, actor, customerId);
  await recordCustomerViewed(deps.db, actor, customerId, 'household');
  return household;
}

/** Household loading without the permission check (the 360 view has checked it). */
export async function loadHousehold(deps: ModuleDeps, actor: Actor, customerId: string) {
  const customer = await requireVisibleCustomer(deps.db, actor, customerId);
  const scope = customerScopeOf(actor);
  const links = await listRelationshipRows(deps.db, customerId, scope, true);
  return { customer, members: await householdMembers(deps.db, scope, links) };
}

/** The household among a customer's relationships: the family links, each with the member's summary. */
export async function householdMembers(db: Executor, scope: CustomerScope, links: readonly RelationshipRow[]) {
  const family = links.filter((l) => isFamily(l.type));
  return householdOf(family, await findCustomerSummaries(db, family.map((l) => l.related_customer_id), scope));
}

const isFamily = (type: string) => (FAMILY_RELATIONSHIP_TYPES as readonly string[]).includes(type);

/** The household from a customer's links and the summaries of the members in scope (a member out of scope is left out). */
export function householdOf<S extends { id: string }>(links: readonly RelationshipRow[], members: readonly S[]) {
  const summaries = new Map(members.map((s) => [s.id, s]));
  return links.filter((l) => isFamily(l.type)).flatMap((l) => {
    const member = summaries.get(l.related_customer_id);
    return member ? [{ customer: member, relationType: l.type }] : [];
  });
}
