import type {
  CLAIM_SORTS,
  TAdjustClaimRequest,
  TApproveClaimRequest,
  TAssignClaimRequest,
  TClaim,
  TClaimAssignees,
  TClaimFlagsRequest,
  TClaimList,
  TClaimProgress,
  TClaimStats,
  TClaimStatus,
  TClaimTransitionRequest,
  TDenialNoticeRequest,
  TDenyClaimRequest,
  TDocumentNoticeRequest,
  TOverdueBoard,
  TRecordClaimPaymentRequest,
  TReportClaimRequest,
  TUploadClaimDocumentRequest,
} from '@anxin/contracts';
import { keepPreviousData, useInfiniteQuery, useMutation, useQuery, useQueryClient, type QueryClient } from '@tanstack/react-query';
import { apiDownload, apiFetch, isApiError } from './client.ts';
import { customerKeys } from './customers.ts';

export type ClaimSort = (typeof CLAIM_SORTS)[number];

/** Claim list filters, as the API takes them; `assigneeId` is a staff id, `me` or `none`. */
export interface ClaimListFilters {
  status?: TClaimStatus;
  customerId?: string;
  policyId?: string;
  assigneeId?: string;
  /** Claim-number prefix. */
  q?: string;
  open?: 'true' | 'false';
  sort?: ClaimSort;
}

export interface ClaimStatsRange {
  from?: string;
  to?: string;
}

export const claimKeys = {
  all: ['claims'] as const,
  lists: () => [...claimKeys.all, 'list'] as const,
  list: (filters: ClaimListFilters) => [...claimKeys.lists(), filters] as const,
  details: () => [...claimKeys.all, 'detail'] as const,
  detail: (id: string) => [...claimKeys.details(), id] as const,
  progress: (id: string) => [...claimKeys.detail(id), 'progress'] as const,
  overdue: () => [...claimKeys.all, 'overdue'] as const,
  stats: (range: ClaimStatsRange) => [...claimKeys.all, 'stats', range] as const,
};

/** How many claims the priority queue shows: the server sorts it as one bounded page (no cursor). */
export const PRIORITY_QUEUE_LIMIT = 100;

/** Claims matching the filters, one keyset page at a time (the priority queue is a single page). */
export function useClaims(filters: ClaimListFilters, options: { enabled?: boolean } = {}) {
  const limit = filters.sort === 'priority' ? PRIORITY_QUEUE_LIMIT : 20;
  return useInfiniteQuery({
    enabled: options.enabled ?? true,
    queryKey: claimKeys.list(filters),
    queryFn: ({ signal, pageParam }) => apiFetch<TClaimList>('/claims', { signal, query: { ...filters, cursor: pageParam, limit } }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    placeholderData: keepPreviousData,
  });
}

/** One claim with its clocks, events, checklist, documents, adjustment, payments and next actions. */
export function useClaim(id: string | undefined) {
  return useQuery({
    queryKey: claimKeys.detail(id ?? ''),
    queryFn: ({ signal }) => apiFetch<TClaim>(`/claims/${id}`, { signal }),
    enabled: Boolean(id),
  });
}

/** The plain-language progress the customer sees for a claim. */
export function useClaimProgress(id: string | undefined) {
  return useQuery({
    queryKey: claimKeys.progress(id ?? ''),
    queryFn: ({ signal }) => apiFetch<TClaimProgress>(`/claims/${id}/progress`, { signal }),
    enabled: Boolean(id),
  });
}

/** Claims with a breached or warning clock in the caller's scope. */
export function useOverdueBoard() {
  return useQuery({
    queryKey: claimKeys.overdue(),
    queryFn: ({ signal }) => apiFetch<TOverdueBoard>('/claims/overdue', { signal }),
  });
}

/** Fast-track figures: straight-through rate of medical claims and the rules that failed most. */
export function useClaimStats(range: ClaimStatsRange = {}) {
  return useQuery({
    queryKey: claimKeys.stats(range),
    queryFn: ({ signal }) => apiFetch<TClaimStats>('/claims/stats', { signal, query: { ...range } }),
    staleTime: 60_000,
  });
}

// A claim change shows in the queues, the overdue board, the statistics, the progress page and the
// customers' 360 views (claims section, claims paid).
const refreshAround = async (queryClient: QueryClient, claimId?: string) => {
  if (claimId) await queryClient.invalidateQueries({ queryKey: claimKeys.progress(claimId) });
  await queryClient.invalidateQueries({ queryKey: claimKeys.lists() });
  await queryClient.invalidateQueries({ queryKey: claimKeys.overdue() });
  await queryClient.invalidateQueries({ queryKey: [...claimKeys.all, 'stats'] });
  await queryClient.invalidateQueries({ queryKey: customerKeys.details() });
};

/**
 * Reports a claim (报案). The caller passes the idempotency key: one per intake, so a retried
 * submission of the same report never files it twice.
 */
export function useReportClaim() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ body, idempotencyKey }: { body: TReportClaimRequest; idempotencyKey: string }) =>
      apiFetch<TClaim>('/claims', { method: 'POST', body, idempotencyKey }),
    onSuccess: async (claim) => {
      queryClient.setQueryData(claimKeys.detail(claim.id), claim);
      await refreshAround(queryClient);
    },
  });
}

/**
 * A write on one claim that answers with the updated claim. A version conflict (someone else changed
 * the claim) reloads it, so the next attempt carries the current version.
 */
function useClaimWrite<TBody>(claimId: string, send: (body: TBody) => Promise<TClaim>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: send,
    onSuccess: (claim) => queryClient.setQueryData(claimKeys.detail(claim.id), claim),
    onError: async (error) => {
      if (isApiError(error) && error.status === 409) await queryClient.invalidateQueries({ queryKey: claimKeys.detail(claimId) });
    },
    onSettled: () => refreshAround(queryClient, claimId),
  });
}

const post = (path: string) => (body: unknown) => apiFetch<TClaim>(path, { method: 'POST', body });

/** Moves a claim along its workflow (register, start assessment, …, close, withdraw, reopen). */
export const useClaimTransition = (id: string) => useClaimWrite<TClaimTransitionRequest>(id, post(`/claims/${id}/transitions`));
/** Sends the customer the notice of missing documents. */
export const useSendDocumentNotice = (id: string) => useClaimWrite<TDocumentNoticeRequest>(id, post(`/claims/${id}/document-notices`));
/** Uploads one claim document (base64). */
export const useUploadClaimDocument = (id: string) => useClaimWrite<TUploadClaimDocumentRequest>(id, post(`/claims/${id}/documents`));
/** Replaces the claim's adjustment (理算) lines. */
export const useSaveAdjustment = (id: string) =>
  useClaimWrite<TAdjustClaimRequest>(id, (body) => apiFetch<TClaim>(`/claims/${id}/adjustment`, { method: 'PUT', body }));
export const useApproveClaim = (id: string) => useClaimWrite<TApproveClaimRequest>(id, post(`/claims/${id}/approve`));
export const useDenyClaim = (id: string) => useClaimWrite<TDenyClaimRequest>(id, post(`/claims/${id}/deny`));
/** Records that the written denial notice was sent. */
export const useRecordDenialNotice = (id: string) => useClaimWrite<TDenialNoticeRequest>(id, post(`/claims/${id}/denial-notice`));
export const useRecordClaimPayment = (id: string) => useClaimWrite<TRecordClaimPaymentRequest>(id, post(`/claims/${id}/payments`));
export const useAssignClaim = (id: string) => useClaimWrite<TAssignClaimRequest>(id, post(`/claims/${id}/assign`));

/** The adjusters the claim may be given to, with their open claims. */
export function useClaimAssignees(id: string) {
  return useQuery({ queryKey: [...claimKeys.detail(id), 'assignees'], queryFn: ({ signal }) => apiFetch<TClaimAssignees>(`/claims/${id}/assignees`, { signal }) });
}
/** Sets or clears the fraud-suspected flag, with a reason. */
export const useFlagClaim = (id: string) => useClaimWrite<TClaimFlagsRequest>(id, post(`/claims/${id}/flags`));

/** Downloads an uploaded claim document with the session cookie. */
export function useDownloadClaimDocument(claimId: string) {
  return useMutation({
    mutationFn: (document: { id: string; fileName: string }) => apiDownload(`/claims/${claimId}/documents/${document.id}`, { fallbackName: document.fileName }),
  });
}
