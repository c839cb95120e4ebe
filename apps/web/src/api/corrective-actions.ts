import type { TCorrectiveAction, TCorrectiveActionProgressRequest, TCreateCorrectiveActionRequest } from '@anxin/contracts';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { apiFetch } from './client.ts';

const key = ['corrective-actions'] as const;

export function useCorrectiveActions(filters: { status?: string; unitId?: string }) {
  return useQuery({ queryKey: [...key, filters], queryFn: ({ signal }) => apiFetch<{ items: TCorrectiveAction[] }>('/corrective-actions', { signal, query: filters }) });
}

export function useCreateCorrectiveAction() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: TCreateCorrectiveActionRequest) => apiFetch<TCorrectiveAction>('/corrective-actions', { method: 'POST', body }),
    onSuccess: () => void client.invalidateQueries({ queryKey: key }),
  });
}

export function useProgressCorrectiveAction(id: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: TCorrectiveActionProgressRequest) => apiFetch<TCorrectiveAction>(`/corrective-actions/${id}/progress`, { method: 'POST', body }),
    onSuccess: () => void client.invalidateQueries({ queryKey: key }),
  });
}
