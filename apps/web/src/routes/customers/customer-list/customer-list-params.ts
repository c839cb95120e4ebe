import { CUSTOMER_KINDS, CUSTOMER_SORTS, LIFECYCLE_STAGES, TIERS, type TCustomerSort } from '@anxin/contracts';
import type { CustomerListFilters } from '../../../api/customers.ts';

const oneOf = <T extends string>(values: readonly T[], value: string | null): T | undefined =>
  value !== null && (values as readonly string[]).includes(value) ? (value as T) : undefined;

export const DEFAULT_SORT: TCustomerSort = '-createdAt';

/** The customer list's filters live in the URL, so a filtered list can be bookmarked and shared. */
export function filtersFromSearch(search: URLSearchParams): CustomerListFilters {
  const attributes: Record<string, string> = {};
  for (const [key, value] of search) if (key.startsWith('attr.') && value !== '') attributes[key.slice(5)] = value;
  return {
    q: search.get('q')?.trim() || undefined,
    stage: oneOf(LIFECYCLE_STAGES, search.get('stage')),
    tier: oneOf(TIERS, search.get('tier')),
    kind: oneOf(CUSTOMER_KINDS, search.get('kind')),
    orgUnitId: search.get('orgUnitId') || undefined,
    ownerAgentId: search.get('ownerAgentId') || undefined,
    sort: oneOf(CUSTOMER_SORTS, search.get('sort')) ?? DEFAULT_SORT,
    attributes: Object.keys(attributes).length > 0 ? attributes : undefined,
  };
}

export function searchFromFilters(filters: CustomerListFilters): URLSearchParams {
  const search = new URLSearchParams();
  if (filters.q) search.set('q', filters.q);
  if (filters.stage) search.set('stage', filters.stage);
  if (filters.tier) search.set('tier', filters.tier);
  if (filters.kind) search.set('kind', filters.kind);
  if (filters.orgUnitId) search.set('orgUnitId', filters.orgUnitId);
  if (filters.ownerAgentId) search.set('ownerAgentId', filters.ownerAgentId);
  if (filters.sort && filters.sort !== DEFAULT_SORT) search.set('sort', filters.sort);
  for (const [key, value] of Object.entries(filters.attributes ?? {})) if (value !== '') search.set(`attr.${key}`, value);
  return search;
}
