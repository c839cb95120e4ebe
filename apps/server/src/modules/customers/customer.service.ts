import type { TCreateCustomerRequest, TUnmaskCustomerRequest, TUnmaskedCustomer, TUpdateCustomerRequest } from '@anxin/contracts';
import type { Actor } from '../../platform/actor.ts';
import type { Insertable } from 'kysely';
import { inTransaction, type Executor, type Tx } from '../../platform/db/database.ts';
import type { ContactPointTable, CustomerTable } from '../../platform/db/schema/customers.ts';
import type { ModuleDeps } from '../../platform/deps.ts';
import { DomainError, fieldError, forbidden, notFound, rule, versionConflict } from '../../platform/errors.ts';
import { newId } from '../../platform/ids.ts';
import { recordAuditEvent, recordAuditEvents, type AuditEntry } from '../audit/index.ts';
import { findOrgUnitById, findStaffById } from '../org/index.ts';
import { listAttributeDefinitions } from './attribute.repository.ts';
import { mergeAttributeValues } from './attribute.service.ts';
import { buildContactRows } from './contact.service.ts';
import { findConsentStates } from './consent.repository.ts';
import { changeConsent } from './consent.service.ts';
import { listContacts } from './contact.repository.ts';
import { insertCustomerBatches } from './customer-batch.repository.ts';
import { recordCustomerViewed, requireVisibleCustomer } from './customer-access.ts';
import { buildProfileColumns, throwFieldErrors, type CurrentProfile, type ProfileResult } from './customer-profile.ts';
import { normaliseIdNumber } from './customer-validation.ts';
import { customerScopeOf, mayReadCustomers, mayUnmaskCustomers, mayWriteCustomers } from './customer.policy.ts';
import {
  findCustomerById,
  findCustomerIdByBlindIndex,
  findCustomerIdByExternalId as findIdByExternalId,
  findCustomerSecrets,
  findCustomerIdsInScope,
  updateCustomerRow,
} from './customer.repository.ts';
import { shanghaiDateOf } from '../../platform/business-calendar.ts';

/** Today in China: a birth date entered at 07:00 Shanghai time is today's, not tomorrow's (UTC). */
const today = () => shanghaiDateOf(new Date());

/**
 * Resolves and checks the org unit and owner agent of a customer: the unit must lie in the actor's
 * scope; the owner must be an active agent in scope whose unit contains the customer's unit (so the
 * agent sees the customer); a pure agent can only own customers itself.
 */
async function resolvePlacement(db: Executor, actor: Actor, requested: { orgUnitId?: string; ownerAgentId?: string | null }, current?: { orgUnitId: string; ownerAgentId: string | null }) {
  let ownerAgentId = requested.ownerAgentId === undefined ? (current ? current.ownerAgentId : actor.kind === 'staff' && actor.roles.includes('agent') ? actor.id : null) : requested.ownerAgentId;
  let agentPath: string | null = null;
  let agentUnitId: string | null = null;
  if (ownerAgentId && (requested.ownerAgentId !== undefined || !current)) {
    const agent = await findStaffById(db, ownerAgentId);
    if (!agent || !agent.org_path.startsWith(actor.orgPath)) throw fieldError('body.ownerAgentId', rule('not_found', 'staff member not found'), 'NOT_FOUND');
    if (agent.status !== 'active' || !agent.roles.includes('agent')) throw fieldError('body.ownerAgentId', rule('owner_agent_inactive', 'must be an active agent'));
    agentPath = agent.org_path;
    agentUnitId = agent.org_unit_id;
  }
  if (actor.ownRecordsOnly && ownerAgentId !== actor.id) throw fieldError('body.ownerAgentId', rule('owner_agent_self_only', 'as an agent you can only own customers yourself'));
  const orgUnitId = requested.orgUnitId ?? current?.orgUnitId ?? agentUnitId ?? actor.orgUnitId;
  const unit = await findOrgUnitById(db, orgUnitId);
  if (!unit || !unit.path.startsWith(actor.orgPath)) throw fieldError('body.orgUnitId', rule('not_found', 'org unit not found'), 'NOT_FOUND');
  if (unit.status !== 'active' && orgUnitId !== current?.orgUnitId) throw fieldError('body.orgUnitId', rule('org_unit_closed', 'org unit is closed'));
  if (ownerAgentId && !agentPath && requested.orgUnitId !== undefined) {
    // Moving a customer to another unit: the existing owner must still see it.
    const agent = await findStaffById(db, ownerAgentId);
    agentPath = agent?.org_path ?? null;
  }
  if (ownerAgentId && agentPath && !unit.path.startsWith(agentPath)) {
    throw fieldError('body.ownerAgentId', rule('owner_agent_outside_unit', 'the owner agent must work in the customer’s org unit or a unit above it'));
  }
  ownerAgentId = ownerAgentId ?? null;
  return { orgUnitId: unit.id, ownerAgentId };
}

const duplicateIdNumber = () => fieldError('body.idNumber', rule('duplicate', 'another customer already has this ID number'), 'DUPLICATE');
const duplicateExternalId = (externalId: string) => fieldError('body.externalId', rule('duplicate', `external id ${externalId} is already used by another customer`, { value: externalId }), 'DUPLICATE');

async function assertUniqueIdentity(db: Executor, deps: ModuleDeps, idNumber: string | undefined, externalId: string | null | undefined, selfId?: string) {
  if (idNumber) {
    const other = await findCustomerIdByBlindIndex(db, deps.cipher.blindIndex(idNumber));
    if (other && other !== selfId) throw duplicateIdNumber();
  }
  if (externalId) {
    const other = await findIdByExternalId(db, externalId);
    if (other && other !== selfId) throw duplicateExternalId(externalId);
  }
}

/** A create request checked without the database: the stored columns and contacts it becomes. */
interface PreparedCustomer {
  id: string;
  input: TCreateCustomerRequest;
  kind: 'person' | 'organisation';
  profile: ProfileResult;
  contacts: Insertable<ContactPointTable>[];
}

/** Validates a create request (profile, contacts, the health-data consent rule); throws one DomainError with every field error. */
function prepareCustomer(deps: ModuleDeps, input: TCreateCustomerRequest, now: Date): PreparedCustomer {
  const kind = input.kind ?? 'person';
  const profile = buildProfileColumns(deps.cipher, kind, input, null, shanghaiDateOf(now));
  const id = newId();
  let contacts: Insertable<ContactPointTable>[] = [];
  try {
    contacts = buildContactRows(id, input.contacts ?? [], (i, name) => `body.contacts.${i}.${name}`, now);
  } catch (error) {
    if (!(error instanceof DomainError)) throw error;
    profile.errors.push(...error.errors.map((e) => ({ ...e, code: 'VALIDATION_FAILED' as const })));
  }
  throwFieldErrors(profile.errors);
  // Health notes are sensitive personal information: a new customer may carry them only with the
  // separate health_data consent given in the same request (PIPL art. 29).
  const healthConsent = (input.consents ?? []).some((c) => c.purpose === 'health_data' && (c.channel ?? 'any') === 'any');
  if (profile.columns.health_notes_enc && !healthConsent) {
    throw new DomainError('CONSENT_REQUIRED', 'Storing health notes needs the customer’s separate consent to health_data', [
      { field: 'body.healthNotes', message: 'add the health_data consent (with its evidence) to consents', rule: 'health_consent_required' },
    ]);
  }
  return { id, input, kind, profile, contacts };
}

/**
 * Writes prepared customers inside `tx`. Each one's placement, custom attributes and identity
 * (ID number and external id unique, also within the batch) are checked on its own — a failing one
 * gets its DomainError and the others are written — and then the rows, contacts and
 * `customer.created` events go in with multi-row inserts: a bulk import costs a few statements per
 * thousand customers instead of a dozen per customer, with the same checks as one create.
 */
async function writeCustomers(deps: ModuleDeps & { db: Tx }, actor: Actor, prepared: readonly PreparedCustomer[], now: Date): Promise<(string | DomainError)[]> {
  const tx = deps.db;
  const definitions = await listAttributeDefinitions(tx);
  const placements = new Map<string, Promise<{ orgUnitId: string; ownerAgentId: string | null }>>();
  const placementOf = (input: TCreateCustomerRequest) => {
    const requested = { ...(input.orgUnitId ? { orgUnitId: input.orgUnitId } : {}), ...(input.ownerAgentId !== undefined ? { ownerAgentId: input.ownerAgentId } : {}) };
    const key = `${requested.orgUnitId ?? ''}|${requested.ownerAgentId === undefined ? '~' : (requested.ownerAgentId ?? '')}`;
    if (!placements.has(key)) placements.set(key, resolvePlacement(tx, actor, requested));
    return placements.get(key)!;
  };
  const bidxOf = (p: PreparedCustomer) => (p.profile.idNumber ? deps.cipher.blindIndex(p.profile.idNumber) : null);
  const taken = await findTakenIdentities(tx, prepared.flatMap((p) => bidxOf(p) ?? []), prepared.flatMap((p) => p.profile.columns.external_id ?? []));
  const outcomes: (string | DomainError)[] = [];
  const rows: Insertable<CustomerTable>[] = [];
  const contacts: Insertable<ContactPointTable>[] = [];
  const events: AuditEntry[] = [];
  for (const p of prepared) {
    try {
      const attributes = mergeAttributeValues(definitions, p.input.attributes, {}, true);
      const placement = await placementOf(p.input);
      const bidx = bidxOf(p);
      const c = p.profile.columns;
      if (bidx && taken.blindIndexes.has(bidx)) throw duplicateIdNumber();
      if (c.external_id && taken.externalIds.has(c.external_id)) throw duplicateExternalId(c.external_id);
      if (bidx) taken.blindIndexes.add(bidx);
      if (c.external_id) taken.externalIds.add(c.external_id);
      rows.push({
        id: p.id,
        kind: p.kind,
        name: c.name!,
        name_pinyin: c.name_pinyin!,
        name_initials: c.name_initials!,
        gender: c.gender ?? null,
        birth_date: c.birth_date ?? null,
        id_number_enc: c.id_number_enc ?? null,
        id_number_bidx: c.id_number_bidx ?? null,
        id_number_masked: c.id_number_masked ?? null,
        health_notes_enc: c.health_notes_enc ?? null,
        bank_account_enc: c.bank_account_enc ?? null,
        bank_account_masked: c.bank_account_masked ?? null,
        occupation: c.occupation ?? null,
        income_band: c.income_band ?? null,
        unified_social_credit_code: c.unified_social_credit_code ?? null,
        industry: c.industry ?? null,
        lifecycle_stage: p.input.lifecycleStage ?? 'prospect',
        tier: p.input.tier ?? 'standard',
        owner_agent_id: placement.ownerAgentId,
        org_unit_id: placement.orgUnitId,
        external_id: c.external_id ?? null,
        attributes: JSON.stringify(attributes),
        created_by: actor.id,
        created_at: now,
        updated_at: now,
      });
      contacts.push(...p.contacts);
      events.push({
        action: 'customer.created',
        entityType: 'customer',
        entityId: p.id,
        customerId: p.id,
        data: { kind: p.kind, orgUnitId: placement.orgUnitId, ownerAgentId: placement.ownerAgentId, contacts: p.contacts.length, fields: Object.keys(p.input).filter((k) => (p.input as Record<string, unknown>)[k] !== undefined) },
      });
      outcomes.push(p.id);
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      outcomes.push(error);
    }
  }
  await insertCustomerBatches(tx, { customers: rows, contacts });
  await recordAuditEvents(tx, actor, events);
  return outcomes;
}

/** Creates a customer with its contacts, custom attribute values and consents; returns the stored record. */
export async function createCustomer(deps: ModuleDeps, actor: Actor, input: TCreateCustomerRequest) {
  if (!mayWriteCustomers(actor)) throw forbidden('You may not create customers');
  const now = new Date();
  const prepared = prepareCustomer(deps, input, now);
  return inTransaction(deps.db, async (tx) => {
    const [outcome] = await writeCustomers({ ...deps, db: tx }, actor, [prepared], now);
    if (outcome instanceof DomainError) throw outcome;
    for (const consent of input.consents ?? []) await changeConsent({ ...deps, db: tx }, actor, prepared.id, 'granted', consent);
    return (await findCustomerById(tx, prepared.id))!;
  });
}

/**
 * Creates many customers in the caller's transaction (bulk import), each checked exactly as
 * `createCustomer` checks one; per request the new id or the DomainError that refused it. Consents
 * are not part of a bulk create.
 */
export async function createCustomers(deps: ModuleDeps & { db: Tx }, actor: Actor, inputs: readonly TCreateCustomerRequest[]): Promise<(string | DomainError)[]> {
  if (!mayWriteCustomers(actor)) throw forbidden('You may not create customers');
  const now = new Date();
  const outcomes: (string | DomainError)[] = new Array(inputs.length);
  const prepared: PreparedCustomer[] = [];
  const positions: number[] = [];
  inputs.forEach((input, i) => {
    try {
      if (input.consents?.length) throw fieldError('body.consents', rule('not_accepted_here', 'consents are not part of a bulk create'));
      prepared.push(prepareCustomer(deps, input, now));
      positions.push(i);
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      outcomes[i] = error;
    }
  });
  const written = await writeCustomers(deps, actor, prepared, now);
  written.forEach((outcome, j) => (outcomes[positions[j]!] = outcome));
  return outcomes;
}

/** Which of these blind indexes and external ids stored customers already use. */
async function findTakenIdentities(db: Executor, blindIndexes: readonly string[], externalIds: readonly string[]) {
  const taken = { blindIndexes: new Set<string>(), externalIds: new Set<string>() };
  for (let i = 0; i < blindIndexes.length; i += 1000) {
    for (const r of await db.selectFrom('customer').select('id_number_bidx').where('id_number_bidx', 'in', blindIndexes.slice(i, i + 1000)).execute()) taken.blindIndexes.add(r.id_number_bidx!);
  }
  for (let i = 0; i < externalIds.length; i += 1000) {
    for (const r of await db.selectFrom('customer').select('external_id').where('external_id', 'in', externalIds.slice(i, i + 1000)).execute()) taken.externalIds.add(r.external_id!);
  }
  return taken;
}

/** The ids of the customers with these external ids and ID numbers (bulk look-up for imports); ID numbers are keyed normalised. */
export async function findCustomerIdsByKeys(deps: ModuleDeps, keys: { externalIds: readonly string[]; idNumbers: readonly string[] }) {
  const byExternalId = new Map<string, string>();
  const byIdNumber = new Map<string, string>();
  const externalIds = [...new Set(keys.externalIds.map((e) => e.trim()))];
  for (let i = 0; i < externalIds.length; i += 1000) {
    for (const r of await deps.db.selectFrom('customer').select(['id', 'external_id']).where('external_id', 'in', externalIds.slice(i, i + 1000)).execute()) byExternalId.set(r.external_id!, r.id);
  }
  const bidxToNumber = new Map(keys.idNumbers.map((n) => normaliseIdNumber(n)).map((n) => [deps.cipher.blindIndex(n), n]));
  const bidxs = [...bidxToNumber.keys()];
  for (let i = 0; i < bidxs.length; i += 1000) {
    for (const r of await deps.db.selectFrom('customer').select(['id', 'id_number_bidx']).where('id_number_bidx', 'in', bidxs.slice(i, i + 1000)).execute()) byIdNumber.set(bidxToNumber.get(r.id_number_bidx!)!, r.id);
  }
  return { byExternalId, byIdNumber };
}

/** Changes a customer's profile, placement, tier, stage or attributes, with optimistic concurrency. */
export async function updateCustomer(deps: ModuleDeps, actor: Actor, id: string, input: TUpdateCustomerRequest) {
  if (!mayWriteCustomers(actor)) throw forbidden('You may not change customers');
  return inTransaction(deps.db, async (tx) => {
    const row = await requireVisibleCustomer(tx, actor, id);
    const secrets = await findCustomerSecrets(tx, id);
    const current: CurrentProfile = {
      kind: row.kind,
      idNumber: secrets?.id_number_enc ? deps.cipher.decrypt(secrets.id_number_enc) : null,
      birthDate: row.birth_date,
      gender: row.gender,
    };
    const profile = buildProfileColumns(deps.cipher, row.kind, input, current, today());
    throwFieldErrors(profile.errors);
    // Health notes are sensitive personal information: storing them needs the separate health_data consent.
    if (profile.columns.health_notes_enc && !(await findConsentStates(tx, id, 'health_data', ['any'])).some((c) => c.granted)) {
      throw new DomainError('CONSENT_REQUIRED', 'Storing health notes needs the customer’s separate consent to health_data', [{ field: 'body.healthNotes', message: 'grant the health_data consent first', rule: 'health_consent_required' }]);
    }
    const attributes = input.attributes ? mergeAttributeValues(await listAttributeDefinitions(tx), input.attributes, row.attributes ?? {}, false) : undefined;
    const placement =
      input.orgUnitId !== undefined || input.ownerAgentId !== undefined
        ? await resolvePlacement(
            tx,
            actor,
            { ...(input.orgUnitId !== undefined ? { orgUnitId: input.orgUnitId } : {}), ...(input.ownerAgentId !== undefined ? { ownerAgentId: input.ownerAgentId } : {}) },
            { orgUnitId: row.org_unit_id, ownerAgentId: row.owner_agent_id },
          )
        : undefined;
    await assertUniqueIdentity(tx, deps, profile.idNumber, profile.columns.external_id, id);
    const updated = await updateCustomerRow(tx, id, input.version, {
      ...profile.columns,
      ...(input.lifecycleStage ? { lifecycle_stage: input.lifecycleStage } : {}),
      ...(input.tier ? { tier: input.tier } : {}),
      ...(placement ? { org_unit_id: placement.orgUnitId, owner_agent_id: placement.ownerAgentId } : {}),
      ...(attributes ? { attributes: JSON.stringify(attributes) } : {}),
    });
    if (!updated) throw versionConflict('Customer');
    await recordAuditEvent(tx, actor, {
      action: 'customer.updated',
      entityType: 'customer',
      entityId: id,
      customerId: id,
      data: { changed: Object.keys(input).filter((k) => k !== 'version' && (input as Record<string, unknown>)[k] !== undefined) },
    });
    return (await findCustomerById(tx, id))!;
  });
}

/** One customer in the actor's scope (masked by the presenter). */
export async function getCustomer(deps: ModuleDeps, actor: Actor, id: string) {
  if (!mayReadCustomers(actor)) throw forbidden('You may not view customers');
  const row = await requireVisibleCustomer(deps.db, actor, id);
  await recordCustomerViewed(deps.db, actor, id, 'profile');
  return row;
}

/**
 * Returns sensitive fields in clear for a stated purpose; needs `customer:unmask`. Every unmask is
 * audited (`customer.unmasked` with the customer, the purpose and the field names).
 */
export async function unmaskCustomer(deps: ModuleDeps, actor: Actor, id: string, input: TUnmaskCustomerRequest): Promise<TUnmaskedCustomer> {
  const purpose = input.purpose?.trim() ?? '';
  if (purpose.length < 2) throw new DomainError('CUSTOMER_PURPOSE_REQUIRED', 'State why you need to see this data (purpose)', [{ field: 'body.purpose', message: 'a purpose is required to unmask personal data', rule: 'purpose_required' }]);
  if (!mayUnmaskCustomers(actor)) throw forbidden('You may not see unmasked customer data');
  if (!mayReadCustomers(actor)) throw forbidden('You may not view customers');
  const fields = [...new Set(input.fields)];
  return inTransaction(deps.db, async (tx) => {
    await requireVisibleCustomer(tx, actor, id);
    const secrets = (await findCustomerSecrets(tx, id))!;
    const decrypt = (value: string | null) => (value ? deps.cipher.decrypt(value) : null);
    const result: TUnmaskedCustomer = { customerId: id };
    if (fields.includes('idNumber')) result.idNumber = decrypt(secrets.id_number_enc);
    if (fields.includes('healthNotes')) result.healthNotes = decrypt(secrets.health_notes_enc);
    if (fields.includes('bankAccount')) result.bankAccount = decrypt(secrets.bank_account_enc);
    if (fields.includes('contacts')) result.contacts = (await listContacts(tx, id)).map((c) => ({ id: c.id, channel: c.channel, value: c.value }));
    await recordAuditEvent(tx, actor, { action: 'customer.unmasked', entityType: 'customer', entityId: id, customerId: id, purpose, data: { fields } });
    return result;
  });
}

/** Identity, placement and version of a customer the actor may see; NOT_FOUND otherwise. No permission check: callers check. */
export async function getVisibleCustomer(deps: ModuleDeps, actor: Actor, customerId: string) {
  const row = await findCustomerById(deps.db, customerId, customerScopeOf(actor));
  if (!row) throw notFound('Customer');
  return { id: row.id, name: row.name, kind: row.kind, orgUnitId: row.org_unit_id, orgPath: row.org_path, ownerAgentId: row.owner_agent_id, version: row.version };
}

/** Which of these customers the actor may see (bulk checks of the parties a batch names). */
export async function findVisibleCustomerIds(deps: ModuleDeps, actor: Actor, customerIds: readonly string[]): Promise<Set<string>> {
  const visible = new Set<string>();
  const ids = [...new Set(customerIds)];
  for (let i = 0; i < ids.length; i += 1000) {
    for (const id of await findCustomerIdsInScope(deps.db, ids.slice(i, i + 1000), customerScopeOf(actor))) visible.add(id);
  }
  return visible;
}

/** The customer with this external (source-system) id, for re-imports. */
export async function findCustomerIdByExternalId(deps: ModuleDeps, externalId: string) {
  return findIdByExternalId(deps.db, externalId.trim());
}

/** The customer with this ID number, found through the blind index (no decryption). */
export async function findCustomerIdByIdNumber(deps: ModuleDeps, idNumber: string) {
  return findCustomerIdByBlindIndex(deps.db, deps.cipher.blindIndex(normaliseIdNumber(idNumber)));
}

/** Name, tier and owner of a customer, without a scope check (for modules that decide scope on their own records). */
export async function findCustomerBasics(deps: ModuleDeps, customerId: string) {
  const row = await deps.db.selectFrom('customer').select(['id', 'name', 'tier', 'owner_agent_id', 'org_unit_id']).where('id', '=', customerId).executeTakeFirst();
  return row ? { id: row.id, name: row.name, tier: row.tier, ownerAgentId: row.owner_agent_id, orgUnitId: row.org_unit_id } : undefined;
}
