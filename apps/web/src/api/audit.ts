import type { TAuditAction, TAuditPage, TAuditVerification } from '@anxin/contracts';
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

/** Starts a walk of the hash chain on the server (a job: the answer comes at once, the result later). */
export function useStartAuditVerification() {
  return useMutation({
    mutationFn: () => apiFetch<TAuditVerification>('/audit-events/verifications', { method: 'POST' }),
  });
}

/** One walk of the chain, polled every second until it is done or failed. */
export function useAuditVerification(id: string | null) {
  return useQuery({
    queryKey: [...auditKeys.all, 'verification', id] as const,
    queryFn: ({ signal }) => apiFetch<TAuditVerification>(`/audit-events/verifications/${id}`, { signal }),
    enabled: id !== null,
    refetchInterval: (query) => (query.state.data?.status === 'done' || query.state.data?.status === 'failed' ? false : 1_000),
  });
}
