import type { TCreateReferralRequest, TLoyaltySummary } from '@anxin/contracts';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { apiFetch } from './client.ts';

export const loyaltyKeys = {
  all: ['loyalty'] as const,
  customer: (customerId: string) => [...loyaltyKeys.all, customerId] as const,
};

/** A customer's points balance, ledger and the customers they referred. */
export function useLoyalty(customerId: string) {
  return useQuery({ queryKey: loyaltyKeys.customer(customerId), queryFn: ({ signal }) => apiFetch<TLoyaltySummary>(`/customers/${customerId}/loyalty`, { signal }) });
}

export function useCreateReferral() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ body, idempotencyKey }: { body: TCreateReferralRequest; idempotencyKey: string }) => apiFetch<unknown>('/referrals', { method: 'POST', body, idempotencyKey }),
    onSuccess: (_, { body }) => void client.invalidateQueries({ queryKey: loyaltyKeys.customer(body.referrerId) }),
  });
}
