import type { TOutboxMessage } from '@anxin/contracts';
import { useQuery } from '@tanstack/react-query';
import { apiFetch } from './client.ts';

/** The development message inbox (administrators; not available in production). */
export function useDevInbox() {
  return useQuery({
    queryKey: ['messages', 'dev-inbox'],
    queryFn: ({ signal }) => apiFetch<{ items: TOutboxMessage[] }>('/messages/dev-inbox', { query: { limit: 100 }, signal }),
    refetchInterval: 5_000,
  });
}
