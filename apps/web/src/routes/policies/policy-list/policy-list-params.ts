import { POLICY_STATUSES, PRODUCT_LINES } from '@anxin/contracts';
import type { PolicyListFilters } from '../../../api/policies.ts';

const oneOf = <T extends string>(values: readonly T[], value: string | null): T | undefined =>
  value !== null && (values as readonly string[]).includes(value) ? (value as T) : undefined;
const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** The policy list's filters live in the URL (bookmarkable renewal work lists). */
export function filtersFromSearch(search: URLSearchParams): PolicyListFilters {
  const expiring = search.get('expiringBefore');
  const from = search.get('expiringFrom');
  return {
    q: search.get('q')?.trim() || undefined,
    status: oneOf(POLICY_STATUSES, search.get('status')),
    line: oneOf(PRODUCT_LINES, search.get('line')),
    productId: search.get('productId') || undefined,
    customerId: search.get('customerId') || undefined,
    agentId: search.get('agentId') || undefined,
    orgUnitId: search.get('orgUnitId') || undefined,
    expiringBefore: expiring && DATE.test(expiring) ? expiring : undefined,
    expiringFrom: from && DATE.test(from) ? from : undefined,
    sort: search.get('sort') === 'expiresOn' ? 'expiresOn' : undefined,
  };
}

export function searchFromFilters(filters: PolicyListFilters): URLSearchParams {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(filters)) if (typeof value === 'string' && value !== '') search.set(key, value);
  return search;
}
