import type { TMessage, TMessageChannel, TMessageStatus } from '@anxin/contracts';
import { keepPreviousData, useInfiniteQuery } from '@tanstack/react-query';
import { apiFetch } from './client.ts';

/** Filters of the customer message log (not the development inbox in messages.ts). */
export interface ServiceMessageFilters {
  customerId?: string;
  status?: TMessageStatus;
  channel?: TMessageChannel;
}

export const serviceMessageKeys = {
  all: ['service-messages'] as const,
  list: (filters: ServiceMessageFilters, limit: number) => [...serviceMessageKeys.all, 'list', filters, limit] as const,
};

/** Messages to customers with their delivery status, newest first, one keyset page at a time. */
export function useServiceMessages(filters: ServiceMessageFilters, options: { limit?: number } = {}) {
  const limit = options.limit ?? 50;
  return useInfiniteQuery({
    queryKey: serviceMessageKeys.list(filters, limit),
    queryFn: ({ signal, pageParam }) => apiFetch<{ items: TMessage[]; nextCursor: string | null }>('/messages', { signal, query: { ...filters, cursor: pageParam, limit } }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    placeholderData: keepPreviousData,
  });
}
