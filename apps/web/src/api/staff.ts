import type { TColleagueList, TCreateStaffRequest, TCreatedStaff, TMe, TRole, TStaff, TStaffList, TUpdateStaffRequest } from '@anxin/contracts';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { authKeys } from './auth.ts';
import { apiFetch } from './client.ts';
import { orgUnitKeys } from './org-units.ts';

/** The staff list filters, as the API takes them. */
export interface StaffListParams {
  page: number;
  pageSize: number;
  orgUnitId?: string;
  includeDescendants?: boolean;
  role?: TRole;
  status?: TStaff['status'];
  q?: string;
}

export const staffKeys = {
  all: ['staff'] as const,
  lists: () => [...staffKeys.all, 'list'] as const,
  list: (params: StaffListParams) => [...staffKeys.lists(), params] as const,
  details: () => [...staffKeys.all, 'detail'] as const,
  detail: (id: string) => [...staffKeys.details(), id] as const,
  colleagues: (params: ColleagueParams) => [...staffKeys.all, 'colleagues', params] as const,
};

/** The colleague directory's filters (any staff member may look colleagues up to pick one). */
export interface ColleagueParams {
  q?: string | undefined;
  role?: TRole | undefined;
  /** Only colleagues whose roles grant this permission (e.g. `risk_alert:work`). */
  permission?: string | undefined;
  /** Only colleagues of this unit and below. */
  underUnitId?: string | undefined;
  id?: string | undefined;
}

/** Active colleagues of the caller's subtree, by name and unit: what pickers offer. */
export function useColleagues(params: ColleagueParams, options: { enabled?: boolean } = {}) {
  return useQuery({
    queryKey: staffKeys.colleagues(params),
    queryFn: ({ signal }) => apiFetch<TColleagueList>('/colleagues', { signal, query: { ...params, limit: 20 } }),
    placeholderData: keepPreviousData,
    enabled: options.enabled ?? true,
  });
}

export function useStaffList(params: StaffListParams, options: { enabled?: boolean } = {}) {
  return useQuery({
    queryKey: staffKeys.list(params),
    queryFn: ({ signal }) =>
      apiFetch<TStaffList>('/staff', {
        signal,
        query: {
          page: params.page,
          pageSize: params.pageSize,
          orgUnitId: params.orgUnitId,
          includeDescendants: params.orgUnitId ? String(params.includeDescendants ?? true) : undefined,
          role: params.role,
          status: params.status,
          q: params.q,
        },
      }),
    placeholderData: keepPreviousData,
    enabled: options.enabled ?? true,
  });
}

/** One staff account with masked contact data. */
export function useStaff(id: string | undefined) {
  return useQuery({
    queryKey: staffKeys.detail(id ?? ''),
    queryFn: ({ signal }) => apiFetch<TStaff>(`/staff/${id}`, { signal }),
    enabled: Boolean(id),
  });
}

/**
 * Reads a staff account with contact data unmasked. The server audits the read with the purpose,
 * so this is an explicit action (a mutation), never cached or refetched behind the user's back.
 */
export function useUnmaskStaff() {
  return useMutation({
    mutationFn: ({ id, purpose }: { id: string; purpose: string }) => apiFetch<TStaff>(`/staff/${id}`, { query: { purpose } }),
  });
}

export function useCreateStaff() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: TCreateStaffRequest) => apiFetch<TCreatedStaff>('/staff', { method: 'POST', body }),
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: staffKeys.all });
      // Org units carry a staff count.
      await queryClient.invalidateQueries({ queryKey: orgUnitKeys.all });
    },
  });
}

export function useUpdateStaff() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, ...body }: TUpdateStaffRequest & { id: string }) => apiFetch<TStaff>(`/staff/${id}`, { method: 'PATCH', body }),
    onSuccess: async (staff) => {
      queryClient.setQueryData(staffKeys.detail(staff.id), staff);
      // Editing yourself (name, unit) changes what the header and home page show.
      if (queryClient.getQueryData<TMe>(authKeys.me())?.id === staff.id) await queryClient.invalidateQueries({ queryKey: authKeys.me() });
    },
    onSettled: async () => {
      await queryClient.invalidateQueries({ queryKey: staffKeys.lists() });
      await queryClient.invalidateQueries({ queryKey: orgUnitKeys.all });
    },
  });
}

export function useResetStaffPassword() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => apiFetch<{ initialPassword: string }>(`/staff/${id}/reset-password`, { method: 'POST' }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: staffKeys.all }),
  });
}
