import type { TAuditAction, TAuditPage, TAuditVerifyResult } from '@anxin/contracts';
import { keepPreviousData, useMutation, useQuery } from '@tanstack/react-query';
import { apiFetch } from './client.ts';

/** Audit search filters, as the API takes them (`from` inclusive, `to` exclusive, ISO instants). */
export interface AuditEventParams {
  page: number;
  pageSize: number;
  action?: TAuditAction;
  actorId?: string;
  entityType?: string;
  entityId?: string;
  customerId?: string;
  from?: string;
  to?: string;
}

export const auditKeys = {
  all: ['audit-events'] as const,
  lists: () => [...auditKeys.all, 'list'] as const,
  list: (params: AuditEventParams) => [...auditKeys.lists(), params] as const,
};

/** A page of the audit trail, newest first. Note: every search is itself audited by the server. */
export function useAuditEvents(params: AuditEventParams, options: { enabled?: boolean } = {}) {
  return useQuery({
    queryKey: auditKeys.list(params),
    queryFn: ({ signal }) => apiFetch<TAuditPage>('/audit-events', { signal, query: { ...params } }),
    placeholderData: keepPreviousData,
    enabled: options.enabled ?? true,
  });
}

/** Walks the hash chain on the server: an explicit, possibly slow action. */
export function useVerifyAuditChain() {
  return useMutation({
    mutationFn: () => apiFetch<TAuditVerifyResult>('/audit-events/verify'),
  });
}
