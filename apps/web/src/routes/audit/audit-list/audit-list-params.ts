import type { TAuditAction } from '@anxin/contracts';
import { AUDIT_ACTIONS } from '@anxin/contracts';
import type { AuditEventParams } from '../../../api/audit.ts';
import { shanghaiStartOfDay, shanghaiStartOfNextDay } from '../../../format.ts';

export const PAGE_SIZES = [10, 20, 50, 100] as const;
const DEFAULT_PAGE_SIZE = 20;
const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** What the filter bar shows; dates are Shanghai calendar days, both inclusive. */
export interface AuditFilters {
  action?: TAuditAction;
  actorId?: string;
  entityType?: string;
  entityId?: string;
  customerId?: string;
  fromDate?: string;
  toDate?: string;
}

export interface AuditListState {
  page: number;
  pageSize: number;
  filters: AuditFilters;
}

const isAction = (value: string | null): value is TAuditAction => value !== null && (AUDIT_ACTIONS as readonly string[]).includes(value);
const positiveInt = (value: string | null, fallback: number) => {
  const n = Number(value);
  return Number.isInteger(n) && n >= 1 ? n : fallback;
};

export function stateFromSearch(search: URLSearchParams): AuditListState {
  const pageSize = positiveInt(search.get('pageSize'), DEFAULT_PAGE_SIZE);
  const action = search.get('action');
  const fromDate = search.get('from');
  const toDate = search.get('to');
  return {
    page: positiveInt(search.get('page'), 1),
    pageSize: (PAGE_SIZES as readonly number[]).includes(pageSize) ? pageSize : DEFAULT_PAGE_SIZE,
    filters: {
      action: isAction(action) ? action : undefined,
      actorId: search.get('actorId') || undefined,
      entityType: search.get('entityType') || undefined,
      entityId: search.get('entityId') || undefined,
      customerId: search.get('customerId') || undefined,
      fromDate: fromDate && DATE.test(fromDate) ? fromDate : undefined,
      toDate: toDate && DATE.test(toDate) ? toDate : undefined,
    },
  };
}

export function searchFromState(state: AuditListState): URLSearchParams {
  const search = new URLSearchParams();
  if (state.page > 1) search.set('page', String(state.page));
  if (state.pageSize !== DEFAULT_PAGE_SIZE) search.set('pageSize', String(state.pageSize));
  const { filters } = state;
  if (filters.action) search.set('action', filters.action);
  if (filters.actorId) search.set('actorId', filters.actorId);
  if (filters.entityType) search.set('entityType', filters.entityType);
  if (filters.entityId) search.set('entityId', filters.entityId);
  if (filters.customerId) search.set('customerId', filters.customerId);
  if (filters.fromDate) search.set('from', filters.fromDate);
  if (filters.toDate) search.set('to', filters.toDate);
  return search;
}

/** The API query: calendar days become instants (`from` inclusive, `to` exclusive at the next midnight). */
export function apiParamsOf(state: AuditListState): AuditEventParams {
  const { filters } = state;
  return {
    page: state.page,
    pageSize: state.pageSize,
    action: filters.action,
    actorId: filters.actorId,
    entityType: filters.entityType,
    entityId: filters.entityId,
    customerId: filters.customerId,
    from: filters.fromDate ? shanghaiStartOfDay(filters.fromDate) : undefined,
    to: filters.toDate ? shanghaiStartOfNextDay(filters.toDate) : undefined,
  };
}
