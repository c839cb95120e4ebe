import type { TBlacklistEntry, ZBlacklistList, ZBlacklistReason, ZCreateBlacklistEntryRequest } from '@anxin/contracts';
import { keepPreviousData, useInfiniteQuery, useMutation, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import { apiFetch } from './client.ts';

export type TBlacklistList = z.infer<typeof ZBlacklistList>;
export type TBlacklistReason = z.infer<typeof ZBlacklistReason>;
export type TCreateBlacklistEntryRequest = z.infer<typeof ZCreateBlacklistEntryRequest>;
/** `in_effect`: active and within its dates today; no status: every entry. */
export type BlacklistStatusFilter = 'in_effect' | 'in_effect_or_upcoming' | TBlacklistEntry['status'];

export interface BlacklistFilters {
  status?: BlacklistStatusFilter;
  customerId?: string;
}

export const blacklistKeys = {
  all: ['blacklist'] as const,
  lists: () => [...blacklistKeys.all, 'list'] as const,
  list: (filters: BlacklistFilters) => [...blacklistKeys.lists(), filters] as const,
};

/** Blacklist entries in scope, newest request first, one keyset page at a time. Each look-up is audited by the server. */
export function useBlacklist(filters: BlacklistFilters) {
  return useInfiniteQuery({
    queryKey: blacklistKeys.list(filters),
    queryFn: ({ signal, pageParam }) =>
      apiFetch<TBlacklistList>('/blacklist', { signal, query: { status: filters.status, customerId: filters.customerId, cursor: pageParam, limit: 50 } }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    placeholderData: keepPreviousData,
  });
}

/** Requests a blacklist entry; it takes effect only once someone else approves it. */
export function useRequestBlacklistEntry() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ body, idempotencyKey }: { body: TCreateBlacklistEntryRequest; idempotencyKey: string }) =>
      apiFetch<TBlacklistEntry>('/blacklist', { method: 'POST', body, idempotencyKey }),
    onSuccess: () => void client.invalidateQueries({ queryKey: blacklistKeys.lists() }),
  });
}

export type BlacklistDecision = 'approve' | 'reject' | 'lift';

/** Approves or rejects a pending entry, or lifts an active one, with a note and the version the user saw. */
export function useDecideBlacklistEntry() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ id, decision, body }: { id: string; decision: BlacklistDecision; body: { note: string; version: number } }) =>
      apiFetch<TBlacklistEntry>(`/blacklist/${id}/${decision}`, { method: 'POST', body }),
    // On success the entry moved; on a conflict the list is stale. Either way, reload it.
    onSettled: () => void client.invalidateQueries({ queryKey: blacklistKeys.lists() }),
  });
}
