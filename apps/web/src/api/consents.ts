import type { TConsent, TConsentChangeRequest, TConsentHistory } from '@anxin/contracts';
import { useInfiniteQuery, useMutation, useQueryClient } from '@tanstack/react-query';
import { apiFetch } from './client.ts';
import { customerKeys } from './customers.ts';

export const consentKeys = {
  all: ['consents'] as const,
  history: (customerId: string) => [...consentKeys.all, 'history', customerId] as const,
};

/** Every grant and withdrawal of a customer's consents, newest first. */
export function useConsentHistory(customerId: string, options: { enabled?: boolean } = {}) {
  return useInfiniteQuery({
    queryKey: consentKeys.history(customerId),
    queryFn: ({ signal, pageParam }) => apiFetch<TConsentHistory>(`/customers/${customerId}/consents/history`, { signal, query: { cursor: pageParam, limit: 20 } }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    enabled: options.enabled ?? true,
  });
}

/** Grants or withdraws a consent (with its evidence); the 360 view and the history refresh. */
export function useChangeConsent(customerId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ action, ...body }: TConsentChangeRequest & { action: 'grant' | 'withdraw' }) =>
      apiFetch<TConsent>(`/customers/${customerId}/consents/${action}`, { method: 'POST', body }),
    onSettled: async () => {
      await queryClient.invalidateQueries({ queryKey: customerKeys.detail(customerId) });
      await queryClient.invalidateQueries({ queryKey: consentKeys.history(customerId) });
    },
  });
}
