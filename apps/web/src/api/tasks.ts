import type { TCreateTaskRequest, TTask, TTaskActionRequest, TTaskStatus } from '@anxin/contracts';
import { keepPreviousData, useInfiniteQuery, useMutation, useQueryClient } from '@tanstack/react-query';
import { apiFetch } from './client.ts';

export interface TaskFilters {
  /** `mine`: assigned or escalated to me; `unit`: my unit's subtree. */
  inbox: 'mine' | 'unit';
  status?: 'active' | TTaskStatus;
  customerId?: string;
  /** Sent only when true (the server reads any value as true). */
  overdueOnly?: boolean;
}

export const taskKeys = {
  all: ['tasks'] as const,
  lists: () => [...taskKeys.all, 'list'] as const,
  list: (filters: TaskFilters, limit: number) => [...taskKeys.lists(), filters, limit] as const,
};

/** A task inbox, nearest due first, one keyset page at a time. */
export function useTasks(filters: TaskFilters, options: { limit?: number; enabled?: boolean } = {}) {
  const limit = options.limit ?? 50;
  return useInfiniteQuery({
    queryKey: taskKeys.list(filters, limit),
    queryFn: ({ signal, pageParam }) =>
      apiFetch<{ items: TTask[]; nextCursor: string | null }>('/tasks', {
        signal,
        query: { inbox: filters.inbox, status: filters.status, customerId: filters.customerId, overdueOnly: filters.overdueOnly ? 'true' : undefined, cursor: pageParam, limit },
      }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    placeholderData: keepPreviousData,
    enabled: options.enabled ?? true,
  });
}

export function useCreateTask() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ body, idempotencyKey }: { body: TCreateTaskRequest; idempotencyKey: string }) => apiFetch<TTask>('/tasks', { method: 'POST', body, idempotencyKey }),
    onSuccess: () => void client.invalidateQueries({ queryKey: taskKeys.lists() }),
  });
}

/** Start, complete, cancel or reassign a task (with the version the user saw). */
export function useTaskAction() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ id, body }: { id: string; body: TTaskActionRequest }) => apiFetch<TTask>(`/tasks/${id}/actions`, { method: 'POST', body }),
    onSuccess: () => void client.invalidateQueries({ queryKey: taskKeys.lists() }),
  });
}
