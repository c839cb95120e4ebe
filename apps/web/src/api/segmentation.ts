import type {
  TSegmentationField,
  TSegmentationOverview,
  TSegmentationRun,
  TSegmentationSettings,
  TTagDefinition,
  TTierRule,
  ZCreateTagDefinitionRequest,
  ZSegmentationSettingKey,
  ZUpdateTagDefinitionRequest,
  ZUpdateTierRulesRequest,
} from '@anxin/contracts';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import { apiFetch } from './client.ts';

export type TCreateTagDefinitionRequest = z.infer<typeof ZCreateTagDefinitionRequest>;
export type TUpdateTagDefinitionRequest = z.infer<typeof ZUpdateTagDefinitionRequest>;
export type TUpdateTierRulesRequest = z.infer<typeof ZUpdateTierRulesRequest>;
export type TSegmentationSettingKey = z.infer<typeof ZSegmentationSettingKey>;

export const segmentationKeys = {
  all: ['segmentation'] as const,
  overview: () => [...segmentationKeys.all, 'overview'] as const,
  runs: () => [...segmentationKeys.all, 'runs'] as const,
  fields: () => [...segmentationKeys.all, 'fields'] as const,
  settings: () => [...segmentationKeys.all, 'settings'] as const,
  tagDefinitions: () => [...segmentationKeys.all, 'tag-definitions'] as const,
  tierRules: () => [...segmentationKeys.all, 'tier-rules'] as const,
};

/** Counts by RFM segment, lifecycle, quadrant, tier and tag over the customers in the caller's scope. */
export function useSegmentationOverview() {
  return useQuery({ queryKey: segmentationKeys.overview(), queryFn: ({ signal }) => apiFetch<TSegmentationOverview>('/segmentation/overview', { signal }) });
}

/** A run still to finish: the page polls it. */
export const isRunActive = (run: TSegmentationRun | undefined) => run?.status === 'queued' || run?.status === 'running';

/** The latest runs of the batch (nightly and Run now), newest first; polled every 2 s while the newest runs, every 15 s while it waits (for a worker, or to retry). */
export function useSegmentationRuns() {
  return useQuery({
    queryKey: segmentationKeys.runs(),
    queryFn: ({ signal }) => apiFetch<{ items: TSegmentationRun[] }>('/segmentation/runs?limit=5', { signal }).then((r) => r.items),
    refetchInterval: (query) => {
      const latest = query.state.data?.[0];
      return latest?.status === 'running' ? 2_000 : latest?.status === 'queued' ? 15_000 : false;
    },
  });
}

/** Starts the batch (the server answers at once with the run; a batch already running is returned instead of a second one). */
export function useRunSegmentation() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: () => apiFetch<TSegmentationRun>('/segmentation/run', { method: 'POST' }),
    onSuccess: (run) => {
      client.setQueryData<TSegmentationRun[]>(segmentationKeys.runs(), (items) => [run, ...(items ?? []).filter((item) => item.id !== run.id)]);
      void client.invalidateQueries({ queryKey: segmentationKeys.runs() });
    },
  });
}

/** The fields usable in conditions (metrics, lines, segments, profile, attributes, tags); few and stable, so cached long. */
export function useSegmentationFields() {
  return useQuery({
    queryKey: segmentationKeys.fields(),
    queryFn: ({ signal }) => apiFetch<{ items: TSegmentationField[] }>('/segmentation/fields', { signal }).then((r) => r.items),
    staleTime: 5 * 60_000,
  });
}

export function useSegmentationSettings() {
  return useQuery({ queryKey: segmentationKeys.settings(), queryFn: ({ signal }) => apiFetch<TSegmentationSettings>('/segmentation/settings', { signal }) });
}

/** Saves one group of thresholds (alerts, quadrants or lists) with the version the user saw. */
export function useUpdateSegmentationSetting() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ key, value, version }: { key: TSegmentationSettingKey; value: Record<string, unknown>; version: number }) =>
      apiFetch<TSegmentationSettings>(`/segmentation/settings/${key}`, { method: 'PATCH', body: { value, version } }),
    onSettled: () => void client.invalidateQueries({ queryKey: segmentationKeys.settings() }),
  });
}

export function useTagDefinitions() {
  return useQuery({
    queryKey: segmentationKeys.tagDefinitions(),
    queryFn: ({ signal }) => apiFetch<{ items: TTagDefinition[] }>('/tag-definitions', { signal }).then((r) => r.items),
    staleTime: 60_000,
  });
}

export function useCreateTagDefinition() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: TCreateTagDefinitionRequest) => apiFetch<TTagDefinition>('/tag-definitions', { method: 'POST', body }),
    onSuccess: () => {
      void client.invalidateQueries({ queryKey: segmentationKeys.tagDefinitions() });
      void client.invalidateQueries({ queryKey: segmentationKeys.fields() });
    },
  });
}

/** Renames, changes the conditions of, or switches a tag rule on or off. */
export function useUpdateTagDefinition() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ code, body }: { code: string; body: TUpdateTagDefinitionRequest }) => apiFetch<TTagDefinition>(`/tag-definitions/${code}`, { method: 'PATCH', body }),
    onSuccess: (tag) => {
      client.setQueryData<TTagDefinition[]>(segmentationKeys.tagDefinitions(), (old) => old?.map((d) => (d.code === tag.code ? tag : d)));
      void client.invalidateQueries({ queryKey: segmentationKeys.tagDefinitions() });
    },
  });
}

export function useTierRules() {
  return useQuery({
    queryKey: segmentationKeys.tierRules(),
    queryFn: ({ signal }) => apiFetch<{ items: TTierRule[] }>('/tier-rules', { signal }).then((r) => [...r.items].sort((a, b) => a.rank - b.rank)),
  });
}

/** Saves the four tiers together (thresholds and entitlements), each with the version the user saw. */
export function useUpdateTierRules() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: TUpdateTierRulesRequest) => apiFetch<{ items: TTierRule[] }>('/tier-rules', { method: 'PUT', body }),
    onSettled: () => void client.invalidateQueries({ queryKey: segmentationKeys.tierRules() }),
  });
}
