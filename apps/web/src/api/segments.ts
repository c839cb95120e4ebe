import type { TCondition, TSegment, TSegmentProfile, ZCreateSegmentRequest, ZSegmentMember, ZUpdateSegmentRequest } from '@anxin/contracts';
import { keepPreviousData, useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import { apiDownload, apiFetch } from './client.ts';

export type TSegmentMember = z.infer<typeof ZSegmentMember>;
export type TCreateSegmentRequest = z.infer<typeof ZCreateSegmentRequest>;
export type TUpdateSegmentRequest = z.infer<typeof ZUpdateSegmentRequest>;

export const segmentKeys = {
  all: ['segments'] as const,
  lists: () => [...segmentKeys.all, 'list'] as const,
  detail: (id: string) => [...segmentKeys.all, 'detail', id] as const,
  profile: (id: string) => [...segmentKeys.all, 'profile', id] as const,
  members: (id: string, limit: number) => [...segmentKeys.all, 'members', id, limit] as const,
  preview: (conditions: TCondition[]) => [...segmentKeys.all, 'preview', conditions] as const,
};

/** Size and profile of the customers meeting `conditions` (all customers when empty); the previous answer stays while the next loads. */
export function useSegmentPreview(conditions: TCondition[] | null) {
  return useQuery({
    queryKey: segmentKeys.preview(conditions ?? []),
    queryFn: ({ signal }) => apiFetch<TSegmentProfile>('/segments/preview', { method: 'POST', body: { conditions }, signal }),
    enabled: conditions !== null,
    placeholderData: keepPreviousData,
  });
}

export function useSegments(options: { enabled?: boolean } = {}) {
  return useQuery({
    queryKey: segmentKeys.lists(),
    queryFn: ({ signal }) => apiFetch<{ items: TSegment[] }>('/segments', { signal }).then((r) => r.items),
    enabled: options.enabled ?? true,
  });
}

export function useSegment(id: string | null) {
  return useQuery({ queryKey: segmentKeys.detail(id ?? ''), queryFn: ({ signal }) => apiFetch<TSegment>(`/segments/${id}`, { signal }), enabled: Boolean(id) });
}

export function useSegmentProfile(id: string) {
  return useQuery({ queryKey: segmentKeys.profile(id), queryFn: ({ signal }) => apiFetch<TSegmentProfile>(`/segments/${id}/profile`, { signal }) });
}

/** The members of a segment (masked names), one keyset page at a time. */
export function useSegmentMembers(id: string, limit = 50) {
  return useInfiniteQuery({
    queryKey: segmentKeys.members(id, limit),
    queryFn: ({ signal, pageParam }) => apiFetch<{ items: TSegmentMember[]; nextCursor: string | null }>(`/segments/${id}/members`, { signal, query: { cursor: pageParam, limit } }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
}

export function useCreateSegment() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ body, idempotencyKey }: { body: TCreateSegmentRequest; idempotencyKey?: string }) => apiFetch<TSegment>('/segments', { method: 'POST', body, idempotencyKey }),
    onSuccess: () => void client.invalidateQueries({ queryKey: segmentKeys.lists() }),
  });
}

export function useUpdateSegment() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ id, body }: { id: string; body: TUpdateSegmentRequest }) => apiFetch<TSegment>(`/segments/${id}`, { method: 'PATCH', body }),
    onSuccess: (segment) => {
      client.setQueryData(segmentKeys.detail(segment.id), segment);
      void client.invalidateQueries({ queryKey: segmentKeys.all });
    },
  });
}

export function useDeleteSegment() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => apiFetch<void>(`/segments/${id}`, { method: 'DELETE' }),
    onSettled: () => void client.invalidateQueries({ queryKey: segmentKeys.lists() }),
  });
}

/** Downloads the segment's members as CSV (masked names; the server audits the export). Resolves with the file name. */
export function useExportSegment() {
  return useMutation({ mutationFn: (segment: Pick<TSegment, 'id' | 'name'>) => apiDownload(`/segments/${segment.id}/export`, { fallbackName: `segment-${segment.id}.csv` }) });
}
