import { CLAIM_SORTS, CLAIM_STATUSES } from '@anxin/contracts';
import type { ClaimListFilters } from '../../../api/claims.ts';

const oneOf = <T extends string>(values: readonly T[], value: string | null): T | undefined =>
  value !== null && (values as readonly string[]).includes(value) ? (value as T) : undefined;

/**
 * The work queue's filters live in the URL (a bookmarkable "my open claims"). Unlike the API, the
 * queue defaults to open claims in priority order; `open=any` shows closed ones too.
 */
export function filtersFromSearch(search: URLSearchParams): ClaimListFilters {
  const open = search.get('open');
  return {
    q: search.get('q')?.trim() || undefined,
    status: oneOf(CLAIM_STATUSES, search.get('status')),
    assigneeId: search.get('assigneeId') || undefined,
    customerId: search.get('customerId') || undefined,
    policyId: search.get('policyId') || undefined,
    open: open === 'any' ? undefined : open === 'false' ? 'false' : 'true',
    sort: oneOf(CLAIM_SORTS, search.get('sort')) ?? 'priority',
  };
}

export function searchFromFilters(filters: ClaimListFilters): URLSearchParams {
  const search = new URLSearchParams();
  const { open, sort, ...rest } = filters;
  for (const [key, value] of Object.entries(rest)) if (typeof value === 'string' && value !== '') search.set(key, value);
  if (open !== 'true') search.set('open', open ?? 'any');
  if (sort && sort !== 'priority') search.set('sort', sort);
  return search;
}
