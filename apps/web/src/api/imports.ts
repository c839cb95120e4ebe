import type {
  TCreateImportRequest,
  TCreatedImport,
  TImportCommitRequest,
  TImportDryRunRequest,
  TImportJob,
  TImportJobList,
  TImportKind,
  TImportRowErrorList,
  TImportRunResult,
  TSaveImportMappingRequest,
  TSavedImportMapping,
  TSavedImportMappingList,
} from '@anxin/contracts';
import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { apiDownload, apiFetch } from './client.ts';

export const importKeys = {
  all: ['imports'] as const,
  lists: () => [...importKeys.all, 'list'] as const,
  list: (kind: TImportKind | undefined) => [...importKeys.lists(), { kind }] as const,
  details: () => [...importKeys.all, 'detail'] as const,
  detail: (id: string) => [...importKeys.details(), id] as const,
  errors: (id: string) => [...importKeys.detail(id), 'errors'] as const,
  mappings: (kind: TImportKind | undefined) => [...importKeys.all, 'mappings', { kind }] as const,
};

/** Past imports, newest first, one keyset page at a time ("load more"). */
export function useImports(kind?: TImportKind) {
  return useInfiniteQuery({
    queryKey: importKeys.list(kind),
    queryFn: ({ signal, pageParam }) => apiFetch<TImportJobList>('/imports', { signal, query: { kind, cursor: pageParam, limit: 10 } }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
}

/**
 * One import job. While it is committing (or `poll` is set, e.g. while the commit request is open)
 * it is polled every second to show progress; once it reaches a final state polling stops.
 */
export function useImport(id: string | undefined, options: { poll?: boolean } = {}) {
  return useQuery({
    queryKey: importKeys.detail(id ?? ''),
    queryFn: ({ signal }) => apiFetch<TImportJob>(`/imports/${id}`, { signal }),
    enabled: Boolean(id),
    refetchInterval: (query) => (options.poll || query.state.data?.status === 'committing' ? 1000 : false),
  });
}

/** Every rejected row of a job, in row order, one keyset page at a time. */
export function useImportErrors(id: string | undefined, options: { enabled?: boolean } = {}) {
  return useInfiniteQuery({
    queryKey: importKeys.errors(id ?? ''),
    queryFn: ({ signal, pageParam }) => apiFetch<TImportRowErrorList>(`/imports/${id}/errors`, { signal, query: { cursor: pageParam, limit: 100 } }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    enabled: Boolean(id) && (options.enabled ?? true),
  });
}

/** Uploads a file (base64 in JSON) and returns the job with the suggested mapping. */
export function useCreateImport() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: TCreateImportRequest) => apiFetch<TCreatedImport>('/imports', { method: 'POST', body }),
    onSuccess: async (created) => {
      queryClient.setQueryData(importKeys.detail(created.job.id), created.job);
      await queryClient.invalidateQueries({ queryKey: importKeys.lists() });
    },
  });
}

/** Validates every row without writing anything. */
export function useImportDryRun() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, ...body }: TImportDryRunRequest & { id: string }) => apiFetch<TImportRunResult>(`/imports/${id}/dry-run`, { method: 'POST', body }),
    onSuccess: async (result) => {
      queryClient.setQueryData(importKeys.detail(result.job.id), result.job);
      await queryClient.invalidateQueries({ queryKey: importKeys.errors(result.job.id) });
      await queryClient.invalidateQueries({ queryKey: importKeys.lists() });
    },
  });
}

/** Writes the rows (all-or-nothing or valid rows only). */
export function useCommitImport() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, ...body }: TImportCommitRequest & { id: string }) => apiFetch<TImportRunResult>(`/imports/${id}/commit`, { method: 'POST', body }),
    onSuccess: (result) => queryClient.setQueryData(importKeys.detail(result.job.id), result.job),
    onSettled: async (_result, _error, variables) => {
      await queryClient.invalidateQueries({ queryKey: importKeys.detail(variables.id) });
      await queryClient.invalidateQueries({ queryKey: importKeys.lists() });
      // Committed rows are new or changed customers and policies.
      await queryClient.invalidateQueries({ queryKey: ['customers'] });
      await queryClient.invalidateQueries({ queryKey: ['policies'] });
    },
  });
}

export function useCancelImport() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => apiFetch<TImportJob>(`/imports/${id}/cancel`, { method: 'POST' }),
    onSuccess: async (job) => {
      queryClient.setQueryData(importKeys.detail(job.id), job);
      await queryClient.invalidateQueries({ queryKey: importKeys.lists() });
    },
  });
}

/** Mappings saved per source system. */
export function useImportMappings(kind?: TImportKind) {
  return useQuery({
    queryKey: importKeys.mappings(kind),
    queryFn: ({ signal }) => apiFetch<TSavedImportMappingList>('/import-mappings', { signal, query: { kind } }).then((r) => r.items),
  });
}

export function useSaveImportMapping() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: TSaveImportMappingRequest) => apiFetch<TSavedImportMapping>('/import-mappings', { method: 'PUT', body }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: [...importKeys.all, 'mappings'] }),
  });
}

/** Downloads a job's full error report as CSV. */
export function useDownloadImportErrors() {
  return useMutation({
    mutationFn: (job: Pick<TImportJob, 'id' | 'fileName'>) =>
      apiDownload(`/imports/${job.id}/errors.csv`, { fallbackName: `${job.fileName.replace(/\.[^.]+$/, '')}-errors.csv` }),
  });
}
