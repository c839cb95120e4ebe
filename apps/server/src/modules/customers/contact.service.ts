import type { TCreateContactRequest, TUpdateContactRequest } from '@anxin/contracts';
import type { Insertable } from 'kysely';
import type { Actor } from '../../platform/actor.ts';
import { inTransaction } from '../../platform/db/database.ts';
import type { ModuleDeps } from '../../platform/deps.ts';
import type { ContactPointTable } from '../../platform/db/schema/customers.ts';
import { DomainError, fieldError, fieldProblem, forbidden, notFound, type RuledFieldError, versionConflict } from '../../platform/errors.ts';
import { newId } from '../../platform/ids.ts';
import { recordAuditEvent } from '../audit/index.ts';
import { clearPreferred, deleteContact as deleteContactRow, findContact, insertContacts, listContacts as listContactRows, updateContactRow } from './contact.repository.ts';
import { normaliseContact, normaliseOptionalText } from './customer-validation.ts';
import { mayReadCustomers, mayWriteCustomers } from './customer.policy.ts';
import { recordCustomerViewed, requireVisibleCustomer } from './customer-access.ts';
import { touchCustomer } from './customer.repository.ts';
import { maskContactValue } from './customer-masking.ts';

/**
 * Validates and normalises contacts for a customer; at most one may be preferred. Field errors
 * are named by `fieldOf(index, name)`, e.g. `body.contacts.0.value`.
 */
export function buildContactRows(
  customerId: string,
  contacts: readonly TCreateContactRequest[],
  fieldOf: (index: number, name: string) => string,
  now: Date,
): Insertable<ContactPointTable>[] {
  const errors: RuledFieldError[] = [];
  const rows: Insertable<ContactPointTable>[] = [];
  contacts.forEach((c, i) => {
    const result = normaliseContact(c.channel, c.value);
    if (!result.ok) {
      errors.push(fieldProblem(fieldOf(i, 'value'), result.reason));
      return;
    }
    rows.push({
      customer_id: customerId,
      id: newId(),
      channel: c.channel,
      value: result.value,
      value_normalised: result.normalised,
      verified: c.verified ?? false,
      preferred: c.preferred ?? false,
      label: normaliseOptionalText(c.label),
      created_at: now,
      updated_at: now,
    });
  });
  const preferred = contacts.flatMap((c, i) => (c.preferred ? [i] : []));
  if (preferred.length > 1) errors.push({ field: fieldOf(preferred[1]!, 'preferred'), message: 'only one contact can be preferred', rule: 'one_preferred' });
  if (errors.length > 0) throw new DomainError('VALIDATION_FAILED', `${errors[0]!.field}: ${errors[0]!.message}`, errors);
  return rows;
}

/** A customer's contacts (values masked by the presenter). */
export async function listContacts(deps: ModuleDeps, actor: Actor, customerId: string) {
  if (!mayReadCustomers(actor)) throw forbidden('You may not view customers');
  await requireVisibleCustomer(deps.db, actor, customerId);
  const rows = await listContactRows(deps.db, customerId);
  await recordCustomerViewed(deps.db, actor, customerId, 'contacts');
  return rows;
}

/** Adds a contact; a preferred one replaces the previous preferred contact. */
export async function addContact(deps: ModuleDeps, actor: Actor, customerId: string, input: TCreateContactRequest) {
  if (!mayWriteCustomers(actor)) throw forbidden('You may not change customers');
  return inTransaction(deps.db, async (tx) => {
    await requireVisibleCustomer(tx, actor, customerId);
    const [row] = buildContactRows(customerId, [input], (_i, name) => `body.${name}`, new Date());
    if (row!.preferred) await clearPreferred(tx, customerId);
    await insertContacts(tx, [row!]);
    await touchCustomer(tx, customerId);
    await recordAuditEvent(tx, actor, { action: 'customer.updated', entityType: 'customer', entityId: customerId, customerId, data: { contact: row!.id, change: 'contact_added', channel: input.channel } });
    return (await findContact(tx, customerId, row!.id))!;
  });
}

/**
 * Adds the contacts the customer does not have yet (same channel and normalised value), e.g. from a
 * re-import; existing contacts are left as they are. Returns how many were added.
 */
export async function mergeContacts(deps: ModuleDeps, actor: Actor, customerId: string, contacts: readonly TCreateContactRequest[]): Promise<number> {
  if (!mayWriteCustomers(actor)) throw forbidden('You may not change customers');
  if (contacts.length === 0) return 0;
  return inTransaction(deps.db, async (tx) => {
    await requireVisibleCustomer(tx, actor, customerId);
    const known = new Set((await listContactRows(tx, customerId)).map((c) => `${c.channel}:${c.value_normalised}`));
    const rows = buildContactRows(customerId, contacts, (i, name) => `body.contacts.${i}.${name}`, new Date()).filter((r) => !known.has(`${r.channel}:${r.value_normalised}`));
    if (rows.length === 0) return 0;
    await insertContacts(tx, rows);
    await touchCustomer(tx, customerId);
    await recordAuditEvent(tx, actor, { action: 'customer.updated', entityType: 'customer', entityId: customerId, customerId, data: { change: 'contacts_merged', channels: rows.map((r) => r.channel) } });
    return rows.length;
  });
}

/** Changes a contact's value, verified or preferred flag (with its version). */
export async function updateContact(deps: ModuleDeps, actor: Actor, customerId: string, contactId: string, input: TUpdateContactRequest) {
  if (!mayWriteCustomers(actor)) throw forbidden('You may not change customers');
  return inTransaction(deps.db, async (tx) => {
    await requireVisibleCustomer(tx, actor, customerId);
    const current = await findContact(tx, customerId, contactId);
    if (!current) throw notFound('Contact');
    let value: { value: string; normalised: string } | undefined;
    if (input.value !== undefined) {
      const result = normaliseContact(current.channel, input.value);
      if (!result.ok) throw fieldError('body.value', result.reason);
      value = result;
    }
    if (input.preferred) await clearPreferred(tx, customerId, contactId);
    const updated = await updateContactRow(tx, customerId, contactId, input.version, {
      ...(value ? { value: value.value, value_normalised: value.normalised } : {}),
      ...(input.verified !== undefined ? { verified: input.verified } : {}),
      ...(input.preferred !== undefined ? { preferred: input.preferred } : {}),
      ...(input.label !== undefined ? { label: normaliseOptionalText(input.label) } : {}),
    });
    if (!updated) throw versionConflict('Contact');
    await touchCustomer(tx, customerId);
    await recordAuditEvent(tx, actor, {
      action: 'customer.updated',
      entityType: 'customer',
      entityId: customerId,
      customerId,
      data: { contact: contactId, change: 'contact_updated', changed: Object.keys(input).filter((k) => k !== 'version') },
    });
    return (await findContact(tx, customerId, contactId))!;
  });
}

/** Removes a contact. */
export async function deleteContact(deps: ModuleDeps, actor: Actor, customerId: string, contactId: string) {
  if (!mayWriteCustomers(actor)) throw forbidden('You may not change customers');
  await inTransaction(deps.db, async (tx) => {
    await requireVisibleCustomer(tx, actor, customerId);
    if (!(await deleteContactRow(tx, customerId, contactId))) throw notFound('Contact');
    await touchCustomer(tx, customerId);
    await recordAuditEvent(tx, actor, { action: 'customer.updated', entityType: 'customer', entityId: customerId, customerId, data: { contact: contactId, change: 'contact_removed' } });
  });
}

/**
 * Where a message to the customer goes on a contact channel: the given contact point, or the
 * preferred, then verified, then newest one — its value for the adapter and its masked form for the message log.
 * Used by the message dispatcher (system), so no actor and no audit of its own.
 */
export async function findMessageRecipient(deps: ModuleDeps, customerId: string, channel: 'mobile' | 'email' | 'wechat', contactId?: string) {
  let q = deps.db.selectFrom('contact_point').select(['value']).where('customer_id', '=', customerId).where('channel', '=', channel);
  // A message meant for one contact point (the mobile a portal code was promised to) goes there only.
  if (contactId) q = q.where('id', '=', contactId);
  const row = await q
    .orderBy('preferred', 'desc')
    .orderBy('verified', 'desc')
    .orderBy('created_at', 'desc')
    .limit(1)
    .executeTakeFirst();
  return row ? { value: row.value, masked: maskContactValue(channel, row.value) } : undefined;
}
