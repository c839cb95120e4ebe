import type { TPolicy, TProductLine, TUnderwritingDecisionList, TUnderwritingDecisionRequest, TUnderwritingQueue } from '@anxin/contracts';
import { keepPreviousData, useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { apiFetch } from './client.ts';
import { customerKeys } from './customers.ts';
import { policyKeys } from './policies.ts';

export interface UnderwritingQueueFilters {
  line?: TProductLine;
  /** Only applications held for the blacklist (`true`), or only the others (`false`). */
  blacklistReferral?: 'true' | 'false';
}

export const underwritingKeys = {
  all: ['underwriting'] as const,
  queues: () => [...underwritingKeys.all, 'queue'] as const,
  queue: (filters: UnderwritingQueueFilters) => [...underwritingKeys.queues(), filters] as const,
  decisions: (policyId: string) => [...underwritingKeys.all, 'decisions', policyId] as const,
};

/** Applications in scope, the longest waiting first, one keyset page at a time. */
export function useUnderwritingQueue(filters: UnderwritingQueueFilters) {
  return useInfiniteQuery({
    queryKey: underwritingKeys.queue(filters),
    queryFn: ({ signal, pageParam }) => apiFetch<TUnderwritingQueue>('/underwriting/queue', { signal, query: { ...filters, cursor: pageParam, limit: 20 } }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    placeholderData: keepPreviousData,
  });
}

/** A policy's underwriting decisions, oldest first. */
export function useUnderwritingDecisions(policyId: string) {
  return useQuery({
    queryKey: underwritingKeys.decisions(policyId),
    queryFn: ({ signal }) => apiFetch<TUnderwritingDecisionList>(`/policies/${policyId}/underwriting-decisions`, { signal }),
  });
}

/** Decides an application: the policy is issued or cancelled, the queue and the customers' views refresh. */
export function useDecideApplication(policyId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: TUnderwritingDecisionRequest) => apiFetch<TPolicy>(`/policies/${policyId}/underwriting-decisions`, { method: 'POST', body }),
    onSuccess: (policy) => queryClient.setQueryData(policyKeys.detail(policy.id), policy),
    onSettled: async () => {
      await queryClient.invalidateQueries({ queryKey: underwritingKeys.all });
      await queryClient.invalidateQueries({ queryKey: policyKeys.all });
      await queryClient.invalidateQueries({ queryKey: customerKeys.details() });
    },
  });
}
