import type { TCreateInteractionRequest, TInteraction, TInteractionChannel, TInteractionList } from '@anxin/contracts';
import { useInfiniteQuery, useMutation, useQueryClient } from '@tanstack/react-query';
import { apiFetch } from './client.ts';
import { customerKeys } from './customers.ts';

export const interactionKeys = {
  all: ['interactions'] as const,
  list: (customerId: string, channel: TInteractionChannel | undefined) => [...interactionKeys.all, customerId, { channel }] as const,
};

/** A customer's interaction timeline, newest first, one keyset page at a time. */
export function useInteractions(customerId: string, channel?: TInteractionChannel, options: { enabled?: boolean } = {}) {
  return useInfiniteQuery({
    queryKey: interactionKeys.list(customerId, channel),
    queryFn: ({ signal, pageParam }) =>
      apiFetch<TInteractionList>(`/customers/${customerId}/interactions`, { signal, query: { channel, cursor: pageParam, limit: 20 } }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    enabled: options.enabled ?? true,
  });
}

export function useCreateInteraction(customerId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: TCreateInteractionRequest) => apiFetch<TInteraction>(`/customers/${customerId}/interactions`, { method: 'POST', body }),
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: [...interactionKeys.all, customerId] });
      await queryClient.invalidateQueries({ queryKey: customerKeys.view360(customerId) });
    },
  });
}
