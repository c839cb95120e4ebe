import type { TClusterJob, TClusterRun, TSegment, ZRunClustersRequest, ZSaveClusterSegmentRequest } from '@anxin/contracts';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import { apiFetch, isApiError } from './client.ts';
import { segmentKeys } from './segments.ts';

export type TRunClustersRequest = z.input<typeof ZRunClustersRequest>;
export type TSaveClusterSegmentRequest = z.infer<typeof ZSaveClusterSegmentRequest>;

export const clusterKeys = {
  all: ['clusters'] as const,
  runs: () => [...clusterKeys.all, 'runs'] as const,
  active: () => [...clusterKeys.all, 'active'] as const,
};

/** The cluster runs, newest first. */
export function useClusterRuns() {
  return useQuery({ queryKey: clusterKeys.runs(), queryFn: ({ signal }) => apiFetch<{ items: TClusterRun[] }>('/clusters', { signal }).then((r) => r.items) });
}

/** The active cluster run, or null before clustering has ever run (the API answers 404). */
export function useActiveClusterRun() {
  return useQuery({
    queryKey: clusterKeys.active(),
    queryFn: ({ signal }) =>
      apiFetch<TClusterRun>('/clusters/active', { signal }).catch((error: unknown) => {
        if (isApiError(error) && error.status === 404) return null;
        throw error;
      }),
  });
}

/**
 * Clusters the customers again (k chosen by silhouette between kMin and kMax); the new run becomes
 * active. The server answers at once with the job (a clustering already running is returned instead
 * of a second one); follow it with `useClusterJob`.
 */
export function useRunClusters() {
  return useMutation({
    mutationFn: (body: TRunClustersRequest) => apiFetch<TClusterJob>('/clusters/run', { method: 'POST', body, headers: { Prefer: 'respond-async' } }),
  });
}

/** A clustering job, polled every 2 s until it is done or failed; then the runs are read again. */
export function useClusterJob(id: string | undefined) {
  const client = useQueryClient();
  return useQuery({
    queryKey: [...clusterKeys.all, 'job', id],
    queryFn: async ({ signal }) => {
      const job = await apiFetch<TClusterJob>(`/clusters/jobs/${id}`, { signal });
      if (job.status === 'done') {
        void client.invalidateQueries({ queryKey: clusterKeys.active() });
        void client.invalidateQueries({ queryKey: clusterKeys.runs() });
      }
      return job;
    },
    enabled: Boolean(id),
    refetchInterval: (query) => (query.state.data && clusterJobSettled(query.state.data) ? false : 2_000),
  });
}

/** Done, failed, or failed once and waiting to be retried (the worker tries it again later). */
export const clusterJobSettled = (job: TClusterJob) => job.status === 'done' || job.status === 'failed' || (job.status === 'queued' && job.error !== null);

const replaceRun = (client: ReturnType<typeof useQueryClient>, run: TClusterRun) => {
  client.setQueryData<TClusterRun | null>(clusterKeys.active(), (old) => (old && old.id === run.id ? run : old));
  client.setQueryData<TClusterRun[]>(clusterKeys.runs(), (old) => old?.map((r) => (r.id === run.id ? run : r)));
};

/** Gives a cluster the name analysts use for it. */
export function useRenameCluster() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ runId, no, name }: { runId: string; no: number; name: string }) => apiFetch<TClusterRun>(`/clusters/${runId}/clusters/${no}`, { method: 'PATCH', body: { name } }),
    onSuccess: (run) => replaceRun(client, run),
  });
}

/** Saves a cluster as a named segment (for campaigns and automation audiences). */
export function useSaveClusterSegment() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ runId, no, body }: { runId: string; no: number; body: TSaveClusterSegmentRequest }) =>
      apiFetch<TSegment>(`/clusters/${runId}/clusters/${no}/segment`, { method: 'POST', body }),
    onSuccess: () => {
      void client.invalidateQueries({ queryKey: clusterKeys.all });
      void client.invalidateQueries({ queryKey: segmentKeys.lists() });
    },
  });
}
