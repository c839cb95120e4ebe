import { FAMILY_RELATIONSHIP_TYPES, type TAddRelationshipRequest, type TRelationshipType } from '@anxin/contracts';
import type { Actor } from '../../platform/actor.ts';
import { inTransaction, type Executor } from '../../platform/db/database.ts';
import type { ModuleDeps } from '../../platform/deps.ts';
import { DomainError, fieldError, forbidden, notFound } from '../../platform/errors.ts';
import { newId } from '../../platform/ids.ts';
import { recordAuditEvent } from '../audit/index.ts';
import { recordCustomerViewed, requireVisibleCustomer } from './customer-access.ts';
import { customerScopeOf, mayReadCustomers, mayWriteCustomers, type CustomerScope } from './customer.policy.ts';
import { findCustomerById, findCustomerSummaries } from './customer.repository.ts';
import { deleteRelationshipPair, findRelationship, findRelationshipBetween, insertRelationships, listRelationships as listRelationshipRows, type RelationshipRow } from './relationship.repository.ts';

/** The inverse of each relationship type: if B is A's child, A is B's parent. */
export const INVERSE_RELATIONSHIP: Record<TRelationshipType, TRelationshipType> = {
  spouse: 'spouse',
  child: 'parent',
  parent: 'child',
  employer: 'employee',
  employee: 'employer',
  other: 'other',
};

const invalidRelationship = (message: string) => new DomainError('CUSTOMER_INVALID_RELATIONSHIP', message, [{ field: 'body.type', message }]);

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
    if (!related) throw fieldError('body.relatedCustomerId', 'customer not found', 'NOT_FOUND');
    if (related.id === customer.id) throw new DomainError('CUSTOMER_INVALID_RELATIONSHIP', 'A customer cannot be related to itself', [{ field: 'body.relatedCustomerId', message: 'must be another customer' }]);
    const family = (FAMILY_RELATIONSHIP_TYPES as readonly string[]).includes(input.type);
    if (family && (customer.kind !== 'person' || related.kind !== 'person')) throw invalidRelationship(`${input.type} links two persons`);
    if (input.type === 'employer' && related.kind !== 'organisation') throw invalidRelationship('an employer must be an organisation customer');
    if (input.type === 'employee' && customer.kind !== 'organisation') throw invalidRelationship('only an organisation has employees');
    if (input.type === 'employee' && related.kind !== 'person') throw invalidRelationship('an employee must be a person');
    const existing = await findRelationshipBetween(tx, customer.id, related.id);
    if (existing) {
      if (existing.type === input.type) return { ...existing, related_customer_name: related.name, created: false };
      throw invalidRelationship(`these customers are already related as ${existing.type}; remove that first`);
    }
    const now = new Date();
    const id = newId();
    await insertRelationships(tx, [
      { customer_id: customer.id, id, related_customer_id: related.id, type: input.type, created_at: now },
      { customer_id: related.id, id: newId(), related_customer_id: customer.id, type: INVERSE_RELATIONSHIP[input.type], created_at: now },
    ]);
    for (const [a, b, type] of [[customer.id, related.id, input.type], [related.id, customer.id, INVERSE_RELATIONSHIP[input.type]]] as const) {
      await recordAuditEvent(tx, actor, { action: 'customer.relationship_changed', entityType: 'customer', entityId: a, customerId: a, data: { change: 'added', relatedCustomerId: b, type } });
    }
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
  const links = await listRelationshipRows(deps.db, customerId, scope, FAMILY_RELATIONSHIP_TYPES);
  return { customer, members: await householdMembers(deps.db, scope, links) };
}

/** The household among a customer's relationships: the family links, each with the member's summary. */
export async function householdMembers(db: Executor, scope: CustomerScope, links: readonly RelationshipRow[]) {
  const family = links.filter((l) => (FAMILY_RELATIONSHIP_TYPES as readonly string[]).includes(l.type));
  const summaries = new Map((await findCustomerSummaries(db, family.map((l) => l.related_customer_id), scope)).map((s) => [s.id, s]));
  return family.flatMap((l) => {
    const member = summaries.get(l.related_customer_id);
    return member ? [{ customer: member, relationType: l.type }] : [];
  });
}
