import type { TCustomerMetrics, ZCustomerEntitlements } from '@anxin/contracts';
import { useQuery } from '@tanstack/react-query';
import type { z } from 'zod';
import { apiFetch, isApiError } from './client.ts';

export type TCustomerEntitlements = z.infer<typeof ZCustomerEntitlements>;

export const customerInsightKeys = {
  all: ['customer-insight'] as const,
  metrics: (customerId: string) => [...customerInsightKeys.all, 'metrics', customerId] as const,
  entitlements: (customerId: string) => [...customerInsightKeys.all, 'entitlements', customerId] as const,
};

/**
 * A customer's segmentation figures as the last batch computed them; `null` when the batch has not
 * run for the customer yet (the server answers 404 until then).
 */
export function useCustomerMetrics(customerId: string) {
  return useQuery({
    queryKey: customerInsightKeys.metrics(customerId),
    queryFn: async ({ signal }) => {
      try {
        return await apiFetch<TCustomerMetrics>(`/customers/${customerId}/metrics`, { signal });
      } catch (error) {
        if (isApiError(error) && error.status === 404) return null;
        throw error;
      }
    },
  });
}

/** What the customer's tier entitles them to (advisor, green channel, visits, priority, response hours). */
export function useCustomerEntitlements(customerId: string) {
  return useQuery({
    queryKey: customerInsightKeys.entitlements(customerId),
    queryFn: ({ signal }) => apiFetch<TCustomerEntitlements>(`/customers/${customerId}/entitlements`, { signal }),
  });
}
