import type { TCreateVisitRequest, TFollowUpVisit, TVisitOutcomeRequest, TVisitStatus, TVisitType } from '@anxin/contracts';
import { keepPreviousData, useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { apiFetch } from './client.ts';
import { surveyKeys } from './surveys.ts';
import { taskKeys } from './tasks.ts';

export interface VisitFilters {
  status?: TVisitStatus;
  visitType?: TVisitType;
  customerId?: string;
  /** Sent only when true (the server reads any value as true). */
  mine?: boolean;
}

export const visitKeys = {
  all: ['visits'] as const,
  lists: () => [...visitKeys.all, 'list'] as const,
  list: (filters: VisitFilters, limit: number) => [...visitKeys.lists(), filters, limit] as const,
  detail: (id: string) => [...visitKeys.all, 'detail', id] as const,
};

/** The follow-up visit worklist (回访), nearest due first, one keyset page at a time. */
export function useVisits(filters: VisitFilters, options: { limit?: number } = {}) {
  const limit = options.limit ?? 50;
  return useInfiniteQuery({
    queryKey: visitKeys.list(filters, limit),
    queryFn: ({ signal, pageParam }) =>
      apiFetch<{ items: TFollowUpVisit[]; nextCursor: string | null }>('/visits', {
        signal,
        query: { status: filters.status, visitType: filters.visitType, customerId: filters.customerId, mine: filters.mine ? 'true' : undefined, cursor: pageParam, limit },
      }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    placeholderData: keepPreviousData,
  });
}

/** One visit with its script and attempt log. */
export function useVisit(id: string | undefined) {
  return useQuery({ queryKey: visitKeys.detail(id ?? ''), queryFn: ({ signal }) => apiFetch<TFollowUpVisit>(`/visits/${id}`, { signal }), enabled: Boolean(id) });
}

export function useCreateVisit() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ body, idempotencyKey }: { body: TCreateVisitRequest; idempotencyKey: string }) => apiFetch<TFollowUpVisit>('/visits', { method: 'POST', body, idempotencyKey }),
    onSuccess: (visit) => {
      client.setQueryData(visitKeys.detail(visit.id), visit);
      void client.invalidateQueries({ queryKey: visitKeys.lists() });
    },
  });
}

/** Records one attempt's outcome; a problem found opens a task and a reached visit may send a survey. */
export function useRecordVisitOutcome(id: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: TVisitOutcomeRequest) => apiFetch<TFollowUpVisit>(`/visits/${id}/outcome`, { method: 'POST', body }),
    onSuccess: (visit) => {
      client.setQueryData(visitKeys.detail(id), visit);
      void client.invalidateQueries({ queryKey: visitKeys.lists() });
      void client.invalidateQueries({ queryKey: taskKeys.lists() });
      void client.invalidateQueries({ queryKey: surveyKeys.customer(visit.customer.id) });
    },
  });
}
