import type { TModel, ZModelList, ZModelScoreList, ZScoreModelResult, ZTrainModelRequest } from '@anxin/contracts';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import { apiFetch } from './client.ts';

export type TModelList = z.infer<typeof ZModelList>;
export type TModelScoreList = z.infer<typeof ZModelScoreList>;
export type TModelScore = TModelScoreList['items'][number];
export type TTrainModelRequest = z.infer<typeof ZTrainModelRequest>;
export type TScoreModelResult = z.infer<typeof ZScoreModelResult>;

export const modelKeys = {
  all: ['models'] as const,
  list: () => [...modelKeys.all, 'list'] as const,
  detail: (id: string) => [...modelKeys.all, 'detail', id] as const,
  scores: (id: string, top: number) => [...modelKeys.all, 'scores', id, top] as const,
};

/** Every trained model version (churn, cross-sell, …), newest first as the server lists them. */
export function useModels() {
  return useQuery({ queryKey: modelKeys.list(), queryFn: ({ signal }) => apiFetch<TModelList>('/models', { signal }) });
}

export function useModel(id: string | undefined) {
  return useQuery({ queryKey: modelKeys.detail(id ?? ''), queryFn: ({ signal }) => apiFetch<TModel>(`/models/${id}`, { signal }), enabled: Boolean(id) });
}

/** The top-K customers by the model's latest scores, each with the features that pushed the score most. */
export function useModelScores(id: string | undefined, top: number, options: { enabled?: boolean } = {}) {
  return useQuery({
    queryKey: modelKeys.scores(id ?? '', top),
    queryFn: ({ signal }) => apiFetch<TModelScoreList>(`/models/${id}/scores`, { signal, query: { top } }),
    enabled: Boolean(id) && (options.enabled ?? true),
  });
}

/** Trains a new version of a model (a new name starts at version 1). */
export function useTrainModel() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ body, idempotencyKey }: { body: TTrainModelRequest; idempotencyKey: string }) => apiFetch<TModel>('/models/train', { method: 'POST', body, idempotencyKey }),
    onSuccess: (model) => {
      client.setQueryData(modelKeys.detail(model.id), model);
      void client.invalidateQueries({ queryKey: modelKeys.list() });
    },
  });
}

/** Makes this version the one other modules read; the previously active version of the name steps down. */
export function useActivateModel(id: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: () => apiFetch<TModel>(`/models/${id}/activate`, { method: 'POST' }),
    onSuccess: (model) => {
      client.setQueryData(modelKeys.detail(id), model);
      // Other versions of the name changed too (no longer active).
      void client.invalidateQueries({ queryKey: modelKeys.all });
    },
  });
}

/** Scores the customers in scope (optionally only those matching `where`) with this version. */
export function useScoreModel(id: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: { where?: string }) => apiFetch<TScoreModelResult>(`/models/${id}/score`, { method: 'POST', body }),
    onSuccess: () => void client.invalidateQueries({ queryKey: modelKeys.all }),
  });
}
