import type {
  TCreateEndorsementRequest,
  TCreatePolicyRequest,
  TEndorsement,
  TPolicy,
  TPolicyList,
  TPolicyStatus,
  TPolicyStatusChangeRequest,
  TProductLine,
  TUpdatePolicyRequest,
} from '@anxin/contracts';
import { keepPreviousData, useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { apiDownload, apiFetch } from './client.ts';
import { customerKeys } from './customers.ts';

/** Policy list filters, as the API takes them. */
export interface PolicyListFilters {
  q?: string;
  status?: TPolicyStatus;
  line?: TProductLine;
  productId?: string;
  customerId?: string;
  agentId?: string;
  orgUnitId?: string;
  /** Policies expiring on or before this date (`YYYY-MM-DD`)… */
  expiringBefore?: string;
  /** … and on or after this one. */
  expiringFrom?: string;
  /** `expiresOn` for renewal work lists; newest first otherwise. */
  sort?: 'expiresOn';
}

export const policyKeys = {
  all: ['policies'] as const,
  lists: () => [...policyKeys.all, 'list'] as const,
  list: (filters: PolicyListFilters) => [...policyKeys.lists(), filters] as const,
  details: () => [...policyKeys.all, 'detail'] as const,
  detail: (id: string) => [...policyKeys.details(), id] as const,
};

/** Policies matching the filters, one keyset page at a time. */
export function usePolicies(filters: PolicyListFilters, options: { enabled?: boolean } = {}) {
  return useInfiniteQuery({
    queryKey: policyKeys.list(filters),
    queryFn: ({ signal, pageParam }) => apiFetch<TPolicyList>('/policies', { signal, query: { ...filters, cursor: pageParam, limit: 20 } }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    placeholderData: keepPreviousData,
    enabled: options.enabled ?? true,
  });
}

/** One policy with parties, coverages and endorsements. */
export function usePolicy(id: string | undefined) {
  return useQuery({
    queryKey: policyKeys.detail(id ?? ''),
    queryFn: ({ signal }) => apiFetch<TPolicy>(`/policies/${id}`, { signal }),
    enabled: Boolean(id),
  });
}

// A policy change shows in the customers' 360 views (holdings, value figures).
const refreshAfterChange = async (queryClient: ReturnType<typeof useQueryClient>, policyId?: string) => {
  if (policyId) await queryClient.invalidateQueries({ queryKey: policyKeys.detail(policyId) });
  await queryClient.invalidateQueries({ queryKey: policyKeys.lists() });
  await queryClient.invalidateQueries({ queryKey: customerKeys.details() });
};

export function useCreatePolicy() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: TCreatePolicyRequest) => apiFetch<TPolicy>('/policies', { method: 'POST', body }),
    onSuccess: async (policy) => {
      queryClient.setQueryData(policyKeys.detail(policy.id), policy);
      await refreshAfterChange(queryClient);
    },
  });
}

export function useUpdatePolicy() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, ...body }: TUpdatePolicyRequest & { id: string }) => apiFetch<TPolicy>(`/policies/${id}`, { method: 'PATCH', body }),
    onSettled: (_policy, _error, variables) => refreshAfterChange(queryClient, variables.id),
  });
}

/** Moves a policy to another status (lapse, reinstate, cancel…); the server checks the transition. */
export function useChangePolicyStatus() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, ...body }: TPolicyStatusChangeRequest & { id: string }) => apiFetch<TPolicy>(`/policies/${id}/status`, { method: 'POST', body }),
    onSettled: (_policy, _error, variables) => refreshAfterChange(queryClient, variables.id),
  });
}

/** Records an endorsement (保全) on a policy. */
export function useCreateEndorsement(policyId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: TCreateEndorsementRequest) => apiFetch<TEndorsement>(`/policies/${policyId}/endorsements`, { method: 'POST', body }),
    onSettled: () => refreshAfterChange(queryClient, policyId),
  });
}

/** Downloads the filtered policy list as CSV or XLSX (audited by the server). */
export function useExportPolicies() {
  return useMutation({
    mutationFn: ({ filters, format }: { filters: PolicyListFilters; format: 'csv' | 'xlsx' }) =>
      apiDownload(`/exports/policies.${format}`, { query: { ...filters }, fallbackName: `policies.${format}` }),
  });
}
