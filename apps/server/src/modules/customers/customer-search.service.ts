import type { TCustomerFilterQuery, TCustomerListQuery } from '@anxin/contracts';
import type { Actor } from '../../platform/actor.ts';
import { maskEmail, maskMobile } from '../../platform/crypto/masking.ts';
import type { ModuleDeps } from '../../platform/deps.ts';
import { forbidden } from '../../platform/errors.ts';
import { findOrgUnitById } from '../org/index.ts';
import { listAttributeDefinitions } from './attribute.repository.ts';
import { attributeFilters } from './attribute.service.ts';
import type { CustomerSearchLookup } from './customer360-section.ts';
import { normaliseIdNumber, normaliseMobile, normaliseText } from './customer-validation.ts';
import { customerScopeOf, mayReadCustomers } from './customer.policy.ts';
import { findCustomerIdsByExactKeys, findFirstContacts, listCustomers as listCustomerRows, sortValueOf, type CustomerListFilter, type CustomerSearch } from './customer.repository.ts';
import { decodeCursor, encodeCursor } from './cursor.ts';

const HAS_CJK = /[\u3400-\u9fff\uf900-\ufaff]/u;

/**
 * Works out what a search term can mean: Chinese text → name contains; letters → full pinyin or
 * initials prefix; a valid-looking ID number → exact (blind index); a mobile → exact; anything
 * else without Chinese → exact external id, or a policy number through the lookups.
 */
export async function planSearch(deps: ModuleDeps, q: string, lookups: readonly CustomerSearchLookup[]): Promise<CustomerSearch> {
  const text = normaliseText(q);
  const search: CustomerSearch = {};
  if (text === '') return search;
  if (HAS_CJK.test(text)) {
    search.nameContains = text.replace(/\s+/g, '');
    return search;
  }
  const letters = text.toLowerCase().replace(/[\s'-]/g, '');
  if (/^[a-z]+$/.test(letters)) {
    search.pinyinPrefix = letters;
    search.initialsPrefix = letters;
  }
  const idNumber = normaliseIdNumber(text);
  const mobile = normaliseMobile(text);
  const ids = await findCustomerIdsByExactKeys(deps.db, {
    externalId: text,
    ...(mobile ? { mobile } : {}),
    ...(/^\d{17}[\dX]$/.test(idNumber) ? { idNumberBidx: deps.cipher.blindIndex(idNumber) } : {}),
  });
  if (text.length >= 4 && lookups.length > 0) ids.push(...(await Promise.all(lookups.map((l) => l.findCustomerIds(deps, text)))).flat());
  if (ids.length > 0) search.customerIds = [...new Set(ids)].slice(0, 200);
  return search;
}

async function buildFilter(deps: ModuleDeps, actor: Actor, query: TCustomerFilterQuery, lookups: readonly CustomerSearchLookup[]): Promise<CustomerListFilter> {
  const filter: CustomerListFilter = {};
  if (query.q) filter.search = await planSearch(deps, query.q, lookups);
  if (query.stage) filter.stage = query.stage;
  if (query.tier) filter.tier = query.tier;
  if (query.kind) filter.kind = query.kind;
  if (query.ownerAgentId) filter.ownerAgentId = query.ownerAgentId;
  if (query.orgUnitId) {
    const unit = await findOrgUnitById(deps.db, query.orgUnitId);
    // A unit outside the caller's scope yields an empty list rather than revealing it exists.
    filter.unitPath = unit && unit.path.startsWith(actor.orgPath) ? unit.path : '/nowhere/';
  }
  if (Object.keys(query).some((k) => k.startsWith('attr.'))) filter.attributes = attributeFilters(await listAttributeDefinitions(deps.db), query);
  return filter;
}

/** Customers in the actor's scope matching the filters, one keyset page at a time. */
export async function listCustomers(deps: ModuleDeps, actor: Actor, query: TCustomerListQuery, lookups: readonly CustomerSearchLookup[] = []) {
  if (!mayReadCustomers(actor)) throw forbidden('You may not view customers');
  const after = query.cursor ? decodeCursor(query.cursor) : undefined;
  const filter = await buildFilter(deps, actor, query, lookups);
  const rows = await listCustomerRows(deps.db, customerScopeOf(actor), filter, query.sort, query.limit, after);
  const items = rows.slice(0, query.limit);
  const last = items[items.length - 1];
  return { items, nextCursor: rows.length > query.limit && last ? encodeCursor({ value: sortValueOf(last, query.sort), id: last.id }) : null };
}

/** One exported customer: already masked (ID number, mobile, e-mail), never sensitive values in clear. */
export interface ExportCustomerRow {
  id: string;
  externalId: string | null;
  kind: string;
  name: string;
  gender: string | null;
  birthDate: string | null;
  idNumber: string | null;
  mobile: string | null;
  email: string | null;
  lifecycleStage: string;
  tier: string;
  orgUnitCode: string;
  orgUnitName: string;
  ownerAgentName: string | null;
  attributes: Record<string, string | number | boolean>;
  createdAt: string;
}

/**
 * Every customer in the actor's scope matching the filters, in batches (for exports). Values are
 * masked here so that an export can never carry them in clear.
 */
export async function* listCustomersForExport(
  deps: ModuleDeps,
  actor: Actor,
  query: TCustomerFilterQuery,
  options: { batchSize?: number; lookups?: readonly CustomerSearchLookup[] } = {},
): AsyncGenerator<ExportCustomerRow[]> {
  if (!mayReadCustomers(actor)) throw forbidden('You may not view customers');
  const batchSize = options.batchSize ?? 500;
  const sort = query.sort ?? '-createdAt';
  const filter = await buildFilter(deps, actor, query, options.lookups ?? []);
  let after: { value: string; id: string } | undefined;
  for (;;) {
    const rows = await listCustomerRows(deps.db, customerScopeOf(actor), filter, sort, batchSize, after);
    const batch = rows.slice(0, batchSize);
    if (batch.length === 0) return;
    const emails = await findFirstContacts(deps.db, batch.map((r) => r.id), 'email');
    yield batch.map((r) => ({
      id: r.id,
      externalId: r.external_id,
      kind: r.kind,
      name: r.name,
      gender: r.gender,
      birthDate: r.birth_date,
      idNumber: r.id_number_masked,
      mobile: maskMobile(r.mobile),
      email: maskEmail(emails.get(r.id) ?? null),
      lifecycleStage: r.lifecycle_stage,
      tier: r.tier,
      orgUnitCode: r.org_unit_code,
      orgUnitName: r.org_unit_name,
      ownerAgentName: r.owner_agent_name,
      attributes: r.attributes ?? {},
      createdAt: r.created_at.toISOString(),
    }));
    if (rows.length <= batchSize) return;
    const last = batch[batch.length - 1]!;
    after = { value: sortValueOf(last, sort), id: last.id };
  }
}
