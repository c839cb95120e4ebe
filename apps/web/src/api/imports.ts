import type {
  TCreateImportRequest,
  TCreatedImport,
  TImportCommitRequest,
  TImportDryRunRequest,
  TImportJob,
  TImportJobList,
  TImportKind,
  TImportRowError,
  TImportRowErrorList,
  TSaveImportMappingRequest,
  TSavedImportMapping,
  TSavedImportMappingList,
} from '@anxin/contracts';
import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useCallback } from 'react';
import { apiFetch, saveFile, toCsv } from './client.ts';

export const importKeys = {
  all: ['imports'] as const,
  lists: () => [...importKeys.all, 'list'] as const,
  list: (kind: TImportKind | undefined) => [...importKeys.lists(), { kind }] as const,
  details: () => [...importKeys.all, 'detail'] as const,
  detail: (id: string) => [...importKeys.details(), id] as const,
  errors: (id: string) => [...importKeys.detail(id), 'errors'] as const,
  mappings: (kind: TImportKind | undefined) => [...importKeys.all, 'mappings', { kind }] as const,
};

/** Past imports, newest first, one keyset page at a time ("load more"); read again every 3 s while one of them runs. */
export function useImports(kind?: TImportKind) {
  return useInfiniteQuery({
    queryKey: importKeys.list(kind),
    queryFn: ({ signal, pageParam }) => apiFetch<TImportJobList>('/imports', { signal, query: { kind, cursor: pageParam, limit: 10 } }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    refetchInterval: (query) => (query.state.data?.pages.some((page) => page.items.some(isImportRunning)) ? 3000 : false),
  });
}

/** The states in which an import's dry run or commit runs on the server (and the job is polled). */
export const isImportRunning = (job: Pick<TImportJob, 'status'> | undefined) => job?.status === 'validating' || job?.status === 'committing';

/** One import job. While its dry run or commit runs it is polled every second for its progress; once it has finished polling stops. */
export function useImport(id: string | undefined) {
  return useQuery({
    queryKey: importKeys.detail(id ?? ''),
    queryFn: ({ signal }) => apiFetch<TImportJob>(`/imports/${id}`, { signal }),
    enabled: Boolean(id),
    refetchInterval: (query) => (isImportRunning(query.state.data) ? 1000 : false),
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

/** Dry runs and commits run in the background: the request answers 202 with the job at once. */
const RESPOND_ASYNC = { Prefer: 'respond-async' };

/** Starts the dry run (every row validated, nothing written); the job then shows `validating` until it has finished. */
export function useImportDryRun() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, ...body }: TImportDryRunRequest & { id: string }) => apiFetch<TImportJob>(`/imports/${id}/dry-run`, { method: 'POST', body, headers: RESPOND_ASYNC }),
    onSuccess: async (job) => {
      queryClient.setQueryData(importKeys.detail(job.id), job);
      await queryClient.invalidateQueries({ queryKey: importKeys.lists() });
    },
  });
}

/** Starts the commit (all-or-nothing or valid rows only); the job then shows `committing` with its progress. */
export function useCommitImport() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, ...body }: TImportCommitRequest & { id: string }) => apiFetch<TImportJob>(`/imports/${id}/commit`, { method: 'POST', body, headers: RESPOND_ASYNC }),
    onSuccess: async (job) => {
      queryClient.setQueryData(importKeys.detail(job.id), job);
      await queryClient.invalidateQueries({ queryKey: importKeys.lists() });
    },
  });
}

/**
 * Once a job's run has finished (it left `validating`/`committing`), what it changed is read again:
 * its row errors, the history, and — after a commit — the customers and policies it wrote.
 */
export function useRefreshAfterImportRun() {
  const queryClient = useQueryClient();
  return useCallback(
    (job: TImportJob) => {
      void queryClient.invalidateQueries({ queryKey: importKeys.errors(job.id) });
      void queryClient.invalidateQueries({ queryKey: importKeys.lists() });
      if (job.status === 'committed') {
        void queryClient.invalidateQueries({ queryKey: ['customers'] });
        void queryClient.invalidateQueries({ queryKey: ['policies'] });
      }
    },
    [queryClient],
  );
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

/**
 * Downloads a job's full error report as CSV, worded by the caller in the reader's language (the
 * server's `errors.csv` is English, for scripts): every page of the errors, in row order.
 */
export function useDownloadImportErrors() {
  return useMutation({
    mutationFn: async ({ job, header, row, fileName }: { job: Pick<TImportJob, 'id'>; header: string[]; row: (error: TImportRowError) => (string | number)[]; fileName: string }) => {
      const rows: (string | number)[][] = [header];
      let cursor: string | undefined;
      do {
        const page = await apiFetch<TImportRowErrorList>(`/imports/${job.id}/errors`, { query: { cursor, limit: 500 } });
        rows.push(...page.items.map(row));
        cursor = page.nextCursor ?? undefined;
      } while (cursor);
      saveFile(new Blob([`\uFEFF${toCsv(rows)}`], { type: 'text/csv;charset=utf-8' }), fileName);
      return fileName;
    },
  });
}
