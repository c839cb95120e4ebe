import type { TComplaint, TComplaintActionRequest, TComplaintCategory, TComplaintList, TComplaintStatus, TCreateComplaintRequest } from '@anxin/contracts';
import { keepPreviousData, useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { apiFetch } from './client.ts';

export interface ComplaintFilters {
  status?: TComplaintStatus;
  category?: TComplaintCategory;
  unitId?: string;
  customerId?: string;
  open?: 'true' | 'false';
  q?: string;
}

export const complaintKeys = {
  all: ['complaints'] as const,
  list: (filters: ComplaintFilters) => [...complaintKeys.all, 'list', filters] as const,
  detail: (id: string) => [...complaintKeys.all, 'detail', id] as const,
};

/** The desk: complaints in scope, nearest deadline first, one keyset page at a time. */
export function useComplaints(filters: ComplaintFilters) {
  return useInfiniteQuery({
    queryKey: complaintKeys.list(filters),
    queryFn: ({ signal, pageParam }) => apiFetch<TComplaintList>('/complaints', { signal, query: { ...filters, cursor: pageParam, limit: 30 } }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    placeholderData: keepPreviousData,
  });
}

export function useComplaint(id: string | undefined) {
  return useQuery({ queryKey: complaintKeys.detail(id ?? ''), queryFn: ({ signal }) => apiFetch<TComplaint>(`/complaints/${id}`, { signal }), enabled: Boolean(id) });
}

export function useCreateComplaint() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ body, idempotencyKey }: { body: TCreateComplaintRequest; idempotencyKey: string }) => apiFetch<TComplaint>('/complaints', { method: 'POST', body, idempotencyKey }),
    onSuccess: (c) => {
      client.setQueryData(complaintKeys.detail(c.id), c);
      void client.invalidateQueries({ queryKey: [...complaintKeys.all, 'list'] });
    },
  });
}

/** A step of the procedure; the answer replaces the cached complaint. */
export function useComplaintAction(id: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: TComplaintActionRequest) => apiFetch<TComplaint>(`/complaints/${id}/actions`, { method: 'POST', body }),
    onSuccess: (c) => {
      client.setQueryData(complaintKeys.detail(id), c);
      void client.invalidateQueries({ queryKey: [...complaintKeys.all, 'list'] });
    },
  });
}

export function usePlaybookStep(id: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: { step: string; note?: string }) => apiFetch<TComplaint>(`/complaints/${id}/playbook`, { method: 'POST', body }),
    onSuccess: (c) => client.setQueryData(complaintKeys.detail(id), c),
  });
}
