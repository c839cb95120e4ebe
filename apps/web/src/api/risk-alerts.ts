import type { TRiskAlert, ZRiskAlertDecision, ZRiskAlertKind, ZRiskAlertList } from '@anxin/contracts';
import { keepPreviousData, useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import { apiFetch } from './client.ts';

export type TRiskAlertList = z.infer<typeof ZRiskAlertList>;
export type TRiskAlertKind = z.infer<typeof ZRiskAlertKind>;
export type TRiskAlertDecision = z.infer<typeof ZRiskAlertDecision>;

export interface RiskAlertFilters {
  /** `active`: open and in review (the server's default). */
  status: 'active' | TRiskAlert['status'];
  kind?: TRiskAlertKind;
  customerId?: string;
}

export const riskAlertKeys = {
  all: ['risk-alerts'] as const,
  lists: () => [...riskAlertKeys.all, 'list'] as const,
  list: (filters: RiskAlertFilters) => [...riskAlertKeys.lists(), filters] as const,
  detail: (id: string) => [...riskAlertKeys.all, 'detail', id] as const,
};

/** The alerts queue in scope, newest first, one keyset page at a time. */
export function useRiskAlerts(filters: RiskAlertFilters) {
  return useInfiniteQuery({
    queryKey: riskAlertKeys.list(filters),
    queryFn: ({ signal, pageParam }) =>
      apiFetch<TRiskAlertList>('/risk-alerts', { signal, query: { status: filters.status, kind: filters.kind, customerId: filters.customerId, cursor: pageParam, limit: 50 } }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    placeholderData: keepPreviousData,
  });
}

/** One alert; the list row it was opened from is shown until the fresh copy arrives. */
export function useRiskAlert(id: string | undefined, placeholder?: TRiskAlert) {
  return useQuery({
    queryKey: riskAlertKeys.detail(id ?? ''),
    queryFn: ({ signal }) => apiFetch<TRiskAlert>(`/risk-alerts/${id}`, { signal }),
    enabled: Boolean(id),
    placeholderData: placeholder,
  });
}

export type RiskAlertAction =
  | { action: 'assign'; body: { assigneeId: string; version: number } }
  | { action: 'review'; body: { version: number } }
  | { action: 'close'; body: { decision: TRiskAlertDecision; note: string; version: number } };

/**
 * Assign, start review or close an alert with the version the user saw. A version conflict reloads
 * the alert, so the next attempt works on what is there now.
 */
export function useRiskAlertAction(id: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ action, body }: RiskAlertAction) => apiFetch<TRiskAlert>(`/risk-alerts/${id}/${action}`, { method: 'POST', body }),
    onSuccess: (alert) => {
      client.setQueryData(riskAlertKeys.detail(id), alert);
      void client.invalidateQueries({ queryKey: riskAlertKeys.lists() });
    },
    onError: () => void client.invalidateQueries({ queryKey: riskAlertKeys.all }),
  });
}
