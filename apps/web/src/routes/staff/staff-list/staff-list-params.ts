import type { TRole, TStaff } from '@anxin/contracts';
import { ROLES } from '@anxin/contracts';
import type { StaffListParams } from '../../../api/staff.ts';

export const PAGE_SIZES = [10, 20, 50, 100] as const;
const DEFAULT_PAGE_SIZE = 20;

const isRole = (value: string | null): value is TRole => value !== null && (ROLES as readonly string[]).includes(value);
const isStatus = (value: string | null): value is TStaff['status'] => value === 'active' || value === 'disabled';
const positiveInt = (value: string | null, fallback: number) => {
  const n = Number(value);
  return Number.isInteger(n) && n >= 1 ? n : fallback;
};

/** The staff list's filters live in the URL, so a filtered page can be bookmarked and shared. */
export function paramsFromSearch(search: URLSearchParams): StaffListParams {
  const pageSize = positiveInt(search.get('pageSize'), DEFAULT_PAGE_SIZE);
  const role = search.get('role');
  const status = search.get('status');
  return {
    page: positiveInt(search.get('page'), 1),
    pageSize: (PAGE_SIZES as readonly number[]).includes(pageSize) ? pageSize : DEFAULT_PAGE_SIZE,
    q: search.get('q')?.trim() || undefined,
    orgUnitId: search.get('orgUnitId') || undefined,
    includeDescendants: search.get('includeDescendants') !== 'false',
    role: isRole(role) ? role : undefined,
    status: isStatus(status) ? status : undefined,
  };
}

export function searchFromParams(params: StaffListParams): URLSearchParams {
  const search = new URLSearchParams();
  if (params.page > 1) search.set('page', String(params.page));
  if (params.pageSize !== DEFAULT_PAGE_SIZE) search.set('pageSize', String(params.pageSize));
  if (params.q) search.set('q', params.q);
  if (params.orgUnitId) {
    search.set('orgUnitId', params.orgUnitId);
    if (params.includeDescendants === false) search.set('includeDescendants', 'false');
  }
  if (params.role) search.set('role', params.role);
  if (params.status) search.set('status', params.status);
  return search;
}
